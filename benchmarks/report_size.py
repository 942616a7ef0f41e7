"""How big and how fast the HTML report is for 10,000 replies.

    python benchmarks/report_size.py [--replies 10000]

Writes the report for generated conversations (benchmarks/speed.py's generator), prints its
size, and, where Chromium and playwright are installed, the time headless Chromium takes to
load it and run the filter script (DOMContentLoaded + first filter pass).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--replies", type=int, default=10000)
    args = ap.parse_args(argv)
    from speed import generate

    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "in.csv", Path(d) / "report.html"
        generate(args.replies).to_csv(src, index=False)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tonecheck.cli", "score", str(src), "-o", str(out), "-q"], check=True,
                       env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        print(f"replies {args.replies}; report written in {time.perf_counter() - t0:.1f} s; size {out.stat().st_size / 1e6:.1f} MB")
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            browser = None
        if browser is None:
            print("render time: skipped (needs Chromium and playwright)")
            return 0
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=browser, args=flags)
            page = b.new_page()
            t0 = time.perf_counter()
            page.goto(out.as_uri(), wait_until="load")
            page.wait_for_selector("#count:not(:empty)")
            print(f"render time in headless Chromium: {time.perf_counter() - t0:.2f} s")
            b.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
