"""The quality harness: computed correctly on a tiny corpus, and runnable end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_benchmark


@pytest.fixture(scope="module")
def quality():
    return load_benchmark("quality")


def _corpus(tmp_path: Path) -> Path:
    rows = [
        {"conversation_id": "t1", "turn": 1, "role": "customer", "author": None, "text": "My username is zed_99.", "labels": None},
        # TP for reasked-information
        {"conversation_id": "t1", "turn": 2, "role": "agent", "author": "A", "text": "What's your username?", "labels": ["reasked-information"]},
        {"conversation_id": "t2", "turn": 1, "role": "customer", "author": None, "text": "Hello.", "labels": None},
        # FN for spelling (no typo in the text), clean otherwise
        {"conversation_id": "t2", "turn": 2, "role": "agent", "author": "A", "text": "The parcel left today.", "labels": ["spelling"]},
        # FP for spelling, and a false alarm on a clean reply
        {"conversation_id": "t3", "turn": 1, "role": "agent", "author": "B", "text": "You will recieve it.", "labels": []},
    ]
    path = tmp_path / "test.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_labelled_counts_are_computed_per_check(quality, analyzer, tmp_path):
    res = quality.eval_labelled(analyzer, quality.load_labelled(_corpus(tmp_path)))
    assert (res["checks"]["reasked-information"]["tp"], res["checks"]["reasked-information"]["fp"]) == (1, 0)
    spell = res["checks"]["spelling"]
    assert (spell["tp"], spell["fp"], spell["fn"]) == (0, 1, 1)
    assert res["clean"] == 1 and res["false_alarms"] == 1


def test_auc_handles_ties_and_order(quality):
    assert quality.auc([3, 4], [1, 2]) == 1.0
    assert quality.auc([1, 1], [1, 1]) == 0.5
    assert quality.auc([], [1]) is None


def test_harness_runs_end_to_end_on_a_small_sample(quality, tmp_path):
    _corpus(tmp_path)
    res = quality.run(split="test", limit=20, labelled_dir=tmp_path, tasks=["jfleg", "profanity"])
    assert "checks" in res["labelled"]["test"]
    for name, r in res["public"].items():
        assert "skipped" in r or r, name


def test_missing_public_data_is_skipped_with_a_note(quality, tmp_path):
    res = quality.run(split="test", datasets=tmp_path / "nowhere", labelled_dir=tmp_path, tasks=["maia"])
    assert "not in" in res["public"]["maia"]["skipped"]


def test_the_davidson_audit_ships_one_known_verdict_per_row(quality):
    audit = quality.load_davidson_audit()
    assert len(audit) > 100
    assert set(audit.values()) <= {"use", "quoted", "mention", "innocent"}
