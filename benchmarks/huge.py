"""Huge replies: time and peak memory for N replies of about 1 MB each.

    python benchmarks/huge.py --replies 200 --mb 1

Streams a generated CSV through ``tonecheck score -o out.jsonl`` in a subprocess and
reports wall time and peak RSS (resource.getrusage).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARA = (
    "Thanks for waiting, I've checked order 55123 and the courier will deliver it on Thursday between 9 and 12. "
    "Please calm down, as I already said there is nothing I can do. You will recieve an email shortly. "
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--replies", type=int, default=200)
    ap.add_argument("--mb", type=float, default=1.0)
    args = ap.parse_args(argv)
    size = int(args.mb * 1_000_000)
    text = (PARA * (size // len(PARA) + 1))[:size]
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "huge.csv", Path(d) / "out.jsonl"
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["conversation_id", "role", "text"])
            for i in range(args.replies):
                w.writerow([f"c{i}", "customer", "My order 55123 is late, this is the third time I ask!"])
                w.writerow([f"c{i}", "agent", text])
        code = (
            "import resource, sys; from tonecheck.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", code, "score", str(src), "-o", str(out), "-q"],
                             capture_output=True, text=True, env=env, check=True)
        dt = time.perf_counter() - t0
        peak = int(res.stdout.strip().splitlines()[-1]) / 1024
        print(f"{args.replies} replies of {args.mb:g} MB: {dt:.1f} s ({dt / args.replies:.2f} s per reply), peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
