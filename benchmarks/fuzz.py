"""Coverage-guided fuzzing of the readers and of analyze_reply with atheris.

    pip install atheris
    python benchmarks/fuzz.py -atheris_runs=20000        # or -max_total_time=60

Each input is split into a CSV/JSONL/TXT file body and a reply with context; the
properties checked are the contract's: no exception other than InputError from reading,
every finding's offsets inside its reply, and the same output twice.
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

with atheris.instrument_imports():
    import tonecheck
    from tonecheck.io import InputError, ReadLog, iter_conversations

ANALYZER = tonecheck.Analyzer()
TMP = Path(tempfile.mkdtemp())
SUFFIXES = (".csv", ".jsonl", ".txt")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    body = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 2000))
    path = TMP / f"f{suffix}"
    path.write_bytes(body)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            convs = list(iter_conversations(path, on_error="skip", log=ReadLog()))
        except InputError:
            convs = []
    for conv in convs[:3]:
        for report in ANALYZER.iter_reports([conv]):
            for f in report.findings:
                assert 0 <= f.start <= f.end <= len(report.text), f
    reply = fdp.ConsumeUnicodeNoSurrogates(400)
    context = [("customer", fdp.ConsumeUnicodeNoSurrogates(300))]
    first = ANALYZER.analyze_reply(reply, context)
    for f in first.findings:
        assert 0 <= f.start <= f.end <= len(reply), f
    assert ANALYZER.analyze_reply(reply, context).findings == first.findings


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
