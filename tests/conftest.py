"""Shared fixtures: one Analyzer for the whole session (loading spaCy once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonecheck.analyzer import Analyzer

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


def names(report) -> list[str]:
    """The finding names of a report, in order."""
    return [f.name for f in report.findings]


def load_benchmark(name: str):
    """Import ``benchmarks/<name>.py`` as a module (the benchmarks are scripts, not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod
