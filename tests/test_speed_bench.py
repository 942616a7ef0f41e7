"""The speed harness runs (tiny size) and its generator is deterministic; no timings asserted."""

from __future__ import annotations

from conftest import load_benchmark


def _speed():
    return load_benchmark("speed")


def test_generator_is_deterministic_and_sized():
    speed = _speed()
    a, b = speed.generate(50), speed.generate(50)
    assert a.equals(b)
    assert int((a["role"] == "agent").sum()) == 50


def test_speed_benchmark_prints_every_figure(capsys, tmp_path):
    speed = _speed()
    out = tmp_path / "s.json"
    assert speed.main(["--replies", "60", "--repeat", "1", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    for key in ("ratio", "replies_per_s", "tokenizer_s"):
        assert key in text
    assert out.exists()
