"""The speed harness runs end to end on a tiny size, so it cannot rot; no timings asserted."""

from __future__ import annotations

import json

from conftest import load_benchmark


def _speed():
    return load_benchmark("speed")


def test_generator_is_deterministic_and_sized():
    speed = _speed()
    a, b = speed.generate(50), speed.generate(50)
    assert a.equals(b)
    assert int((a["role"] == "agent").sum()) == 50
    assert not a.equals(speed.generate(50, seed=8))


def test_generated_turn_lengths_follow_real_support_chats():
    speed = _speed()
    df = speed.generate(2000)
    words = df["text"].str.split().str.len()
    agent, customer = words[df["role"] == "agent"], words[df["role"] == "customer"]
    # MAIA-DQE: agent turns have a median of 18 words, customer turns 8; agents write more.
    assert 10 <= agent.median() <= 30
    assert 3 <= customer.median() <= 15
    assert agent.mean() > customer.mean()
    assert agent.max() > 100  # the long tail of pasted explanations is there


def test_generated_conversations_exercise_the_checks(analyzer):
    speed = _speed()
    scored = analyzer.score_transcripts(speed.generate(400))
    names = {f["name"] for fs in scored["findings"] for f in fs}
    for expected in ("spelling", "reasked-information", "profanity", "shouting", "uses-customer-name"):
        assert expected in names


def test_speed_benchmark_prints_every_figure(capsys, tmp_path):
    speed = _speed()
    out = tmp_path / "s.json"
    assert speed.main(["--replies", "40", "--repeat", "1", "--naive", "3", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    for key in ("ratio", "replies_per_s", "tokenizer_s", "tonecheck_peak_mb"):
        assert key in text
    figures = json.loads(out.read_text())
    assert figures["agent_replies"] == 40
    assert "naive_replies_per_s" in figures or figures["naive"].startswith("skipped")
