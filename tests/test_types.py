"""Value types: severity order, finding dicts, report views."""

from __future__ import annotations

import pytest

from tonecheck.types import Finding, ReplyReport, Severity


def test_severity_ranks_are_ordered_and_parse_any_case():
    assert Severity.INFO.rank < Severity.WARNING.rank < Severity.ERROR.rank
    assert Severity.parse("Warning") is Severity.WARNING
    with pytest.raises(ValueError, match="unknown severity"):
        Severity.parse("fatal")


def test_finding_to_dict_uses_plain_values():
    f = Finding("CLR002", "spelling", "clarity", Severity.WARNING, 1, 4, "m", "s", {"turn": 1, "start": 0, "end": 2})
    d = f.to_dict()
    assert d["severity"] == "warning" and d["evidence"] == {"turn": 1, "start": 0, "end": 2}


def test_report_separates_problems_and_strengths():
    p = Finding("CLR002", "spelling", "clarity", Severity.WARNING, 0, 1, "m", "s")
    s = Finding("STR004", "uses-customer-name", "strength", Severity.INFO, 0, 1, "m", "s")
    r = ReplyReport("x", [p, s], {}, None)
    assert r.problems == [p] and r.strengths == [s]
