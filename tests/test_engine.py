"""The engine: which checks run, severity floor, dedupe and order of findings."""

from __future__ import annotations

import pytest

from tonecheck.analyzer import Analyzer
from tonecheck.config import Config
from tonecheck.engine import Engine
from tonecheck.errors import ConfigError
from tonecheck.registry import Registry
from tonecheck.types import Finding, Severity

CTX = [("customer", "My username is adelgado77.\nThanks,\nMr. Delgado")]
REPLY = "Yes ma'am. Can I have your username? You will recieve a link."


def _f(code, start, end):
    return Finding(code, "x", "clarity", Severity.WARNING, start, end, "m", "s")


def test_select_and_ignore_accept_codes_prefixes_and_names():
    reg = Registry.default()
    eng = Engine(reg, Config(select=("ATT", "spelling"), ignore=("ATT002",)))
    assert "ATT001" in eng.codes and "CLR002" in eng.codes and "ATT002" not in eng.codes


def test_unknown_rule_options_table_is_an_error():
    with pytest.raises(ConfigError, match=r"rules\.no-such-check"):
        Engine(Registry.default(), Config(rules={"no-such-check": {}}))


def test_unknown_option_of_a_known_rule_is_an_error():
    with pytest.raises(ConfigError, match="unknown option"):
        Engine(Registry.default(), Config(rules={"spelling": {"colour": 1}}))


def test_per_rule_severity_override_changes_the_findings():
    an = Analyzer(config={"select": ["spelling"], "rules": {"spelling": {"severity": "error"}}})
    rep = an.analyze_reply("You will recieve it.")
    assert [f.severity for f in rep.findings] == [Severity.ERROR]


def test_min_severity_drops_lower_problems():
    an = Analyzer(config={"select": ["spelling"], "min_severity": "error"})
    assert an.analyze_reply("You will recieve it.").findings == []


def test_findings_are_sorted_by_start_then_code(analyzer):
    rep = analyzer.analyze_reply(REPLY, CTX)
    keys = [(f.start, f.code) for f in rep.findings]
    assert keys == sorted(keys)
    assert {"wrong-form-of-address", "reasked-information", "spelling"} <= {f.name for f in rep.findings}


def test_tidy_drops_overlapping_findings_of_the_same_code_only():
    kept = Engine.tidy([_f("CLR002", 0, 5), _f("CLR002", 3, 8), _f("CLR003", 3, 8), _f("CLR002", 8, 9)])
    assert [(f.code, f.start) for f in kept] == [("CLR002", 0), ("CLR003", 3), ("CLR002", 8)]


def test_glossary_terms_are_lowercased_and_split():
    eng = Engine(Registry.default(), Config(glossary=("Dana Whitfield", "RMA")))
    assert {"dana whitfield", "dana", "whitfield", "rma"} <= eng.settings.glossary
