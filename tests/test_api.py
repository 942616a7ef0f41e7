"""The public API importable from ``tonecheck`` (the contract's surface)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

import tonecheck


def test_public_names_are_exported():
    for name in ("Analyzer", "analyze_reply", "score_transcripts", "findings_frame", "summarize", "InputError", "load_config", "Finding", "ReplyReport"):
        assert name in tonecheck.__all__ and getattr(tonecheck, name) is not None


def test_import_loads_no_spacy_pipeline():
    code = "import sys, tonecheck; print('spacy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_analyze_reply_returns_finding_objects_with_to_dict():
    rep = tonecheck.analyze_reply("You will recieve it.")
    f = rep.findings[0]
    assert isinstance(f, tonecheck.Finding)
    d = f.to_dict()
    assert set(d) == {"code", "name", "category", "severity", "start", "end", "message", "suggestion", "evidence"}
    assert rep.text[d["start"]:d["end"]] == "recieve"


def test_score_findings_and_summary_frames_fit_together(samples_dir):
    df = pd.read_csv(samples_dir / "sample.csv")
    scored = tonecheck.score_transcripts(df)
    long = tonecheck.findings_frame(scored)
    assert len(long) == scored["n_findings"].sum()
    assert (long["evidence_text"].str.len() >= 0).all()
    summary = tonecheck.summarize(scored, by="author")
    assert set(summary["author"]) == set(scored["author"].dropna())
    assert summary["replies"].sum() == len(scored)


def test_score_transcripts_accepts_a_config_mapping(samples_dir):
    scored = tonecheck.score_transcripts(samples_dir / "sample.csv", config={"select": ["spelling"]})
    names = {f["name"] for fs in scored["findings"] for f in fs}
    assert names == {"spelling"}


def test_analyzer_accepts_config_from_load_config(tmp_path):
    p = tmp_path / "tonecheck.toml"
    p.write_text('glossary = ["recieve"]\n')
    an = tonecheck.Analyzer(config=tonecheck.load_config(p))
    assert [f.name for f in an.analyze_reply("You will recieve it.").findings] == []
    assert [f.name for f in tonecheck.analyze_reply("You will recieve it.").findings] == ["spelling"]
