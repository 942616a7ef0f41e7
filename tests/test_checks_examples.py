"""Every check ships examples (proselint-style); each must behave as it says."""

from __future__ import annotations

import pytest

from tonecheck.registry import Registry

REGISTRY = Registry.default()
CASES = [
    pytest.param(cls, kind, i, ex, id=f"{cls.name}-{kind}-{i}")
    for cls in REGISTRY
    for kind in ("fail", "pass")
    for i, ex in enumerate(cls.examples.get(kind, ()))
]


def _run(analyzer, ex):
    if isinstance(ex, str):
        return analyzer.analyze_reply(ex)
    return analyzer.analyze_reply(ex["reply"], [tuple(p) for p in ex.get("context", [])])


@pytest.mark.parametrize("cls", list(REGISTRY), ids=lambda c: c.name)
def test_every_check_has_failing_and_passing_examples(cls):
    assert cls.examples.get("fail"), f"{cls.name} has no failing example"
    assert cls.examples.get("pass"), f"{cls.name} has no passing example"


@pytest.mark.parametrize(("cls", "kind", "i", "ex"), CASES)
def test_check_example_behaves_as_documented(analyzer, cls, kind, i, ex):
    report = _run(analyzer, ex)
    hits = [f for f in report.findings if f.code == cls.code]
    if kind == "fail":
        assert hits, f"{cls.name} did not fire on its failing example {i}: {ex!r}"
        for f in hits:
            assert 0 <= f.start <= f.end <= len(report.text)
    else:
        assert not hits, f"{cls.name} fired on its passing example {i}: {[report.text[f.start:f.end] for f in hits]}"
