"""The registry: built-in checks, YAML rules, validation and selectors."""

from __future__ import annotations

import pytest

from tonecheck.registry import Registry, RuleFileError

RULE = """
code: EMP900
name: test-rule
category: empathy
severity: warning
summary: A test rule.
message: "Found {match}."
suggestion: "Do not."
phrases: [calm down]
examples: {fail: ["Calm down."], pass: ["Stay calm."]}
"""


def test_default_registry_has_unique_contract_style_codes():
    reg = Registry.default()
    codes = [c.code for c in reg]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c[:3] in {"EMP", "CLR", "ATT", "PRO", "PRS", "STR"} for c in codes)


def test_lookup_by_code_name_and_prefix():
    reg = Registry.default()
    assert reg.get("clr002").name == "spelling"
    assert reg.get("spelling").code == "CLR002"
    assert {c.code for c in reg.matching("ATT")} >= {"ATT001", "ATT002"}
    assert reg.matching("attention") == reg.matching("ATT")
    assert reg.matching("nothing-like-this") == []


def test_yaml_rule_becomes_a_working_check():
    reg = Registry()
    reg.add_rules_text(RULE, "test.yml")
    cls = reg.get("test-rule")
    assert cls.code == "EMP900" and cls.examples["fail"] == ["Calm down."]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("category: empathy", "category: feelings"), "test.yml: test-rule: category"),
        (("severity: warning", "severity: loud"), "test.yml: test-rule: severity"),
        (("phrases: [calm down]", "phrases: []"), "test.yml: test-rule: phrases"),
        (("examples: {fail: [\"Calm down.\"], pass: [\"Stay calm.\"]}", "examples: {fail: [\"x\"]}"), "examples"),
        (("code: EMP900", "code: XYZ1"), "code"),
    ],
)
def test_malformed_rule_names_file_and_key(edit, message):
    reg = Registry()
    with pytest.raises(RuleFileError, match=message):
        reg.add_rules_text(RULE.replace(*edit), "test.yml")


def test_missing_key_is_reported():
    with pytest.raises(RuleFileError, match="missing key"):
        Registry().add_rules_text("code: EMP901\nname: x\n", "r.yml")


def test_invalid_yaml_names_the_line():
    with pytest.raises(RuleFileError, match=r"r.yml:\d+: not valid YAML"):
        Registry().add_rules_text("code: [unclosed\n", "r.yml")


def test_duplicate_code_is_refused():
    reg = Registry()
    reg.add_rules_text(RULE, "a.yml")
    with pytest.raises(RuleFileError, match="already used"):
        reg.add_rules_text(RULE.replace("name: test-rule", "name: other"), "b.yml")


def test_family_prefix_without_checks_is_still_a_valid_selector():
    assert Registry.is_family("STR") and Registry.is_family("pressure")
    assert not Registry.is_family("XYZ")


def test_rule_with_a_nested_quantifier_is_refused_at_load():
    evil = RULE.replace("phrases: [calm down]", "phrases: ['re:(a+)+b']")
    with pytest.raises(RuleFileError, match="repeated group"):
        Registry().add_rules_text(evil, "user.yml")


def test_shipped_rules_pass_the_backtracking_check():
    assert len(Registry.default()) >= 21


def test_user_rule_files_run_with_a_time_budget_and_still_find_matches(tmp_path):
    from tonecheck.analyzer import Analyzer

    rule = tmp_path / "mine.yml"
    rule.write_text(RULE.replace("EMP900", "EMP901").replace("test-rule", "my-rule"))
    an = Analyzer(config={"rule_files": [str(rule)], "select": ["my-rule"]})
    check = an.engine.checks[0]
    assert check.time_budget is not None and check._budgeted is not None
    assert [f.name for f in an.analyze_reply("Please calm down.").findings] == ["my-rule"]
