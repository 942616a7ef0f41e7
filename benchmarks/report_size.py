"""How big the HTML report is, and how fast headless Chromium renders it, for 10,000 replies.

    python benchmarks/report_size.py [--replies 10000] [--keep report.html] [--json]

The input is the shipped sample (data/samples/sample.csv) repeated until it holds the
asked number of agent replies: each copy gets new conversation ids, agents drawn from a
pool of 40 names, and its order, account and phone numbers shifted, so the report has
realistic chats, findings and evidence links rather than one conversation 800 times.
The replies are scored once and written with the same writer as ``-o report.html``.

Prints the report size and, where Chromium and playwright are installed, the time from
navigation to the first page drawn (``body[data-ready]``: JSON parsed, filters applied,
the first 50 conversations in the DOM; measured from outside, so it includes reading the
file), and the in-page time (handler, layout, paint) to apply a filter over all replies, to
open a conversation and to go to the next page, each the median of ``--runs`` runs in a
fresh page. Not a test: timings belong here, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

AGENTS = [
    "Tom", "Marcus", "Jen", "Sam", "Priya", "Ola", "Aiko", "Bruno", "Chidi", "Dana", "Elif", "Farid", "Greta",
    "Hugo", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nadia", "Oskar", "Paula", "Quinn", "Rosa", "Sven",
    "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Amir", "Bea", "Carl", "Dev", "Eva", "Finn",
    "Gia", "Hana",
]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def perturbed_sample(n_replies: int):
    """The shipped sample repeated (with new ids, agents and numbers) up to ``n_replies``
    agent replies."""
    import pandas as pd

    base = pd.read_csv(ROOT / "data" / "samples" / "sample.csv")
    convs = [g for _, g in base.groupby("conversation_id", sort=False)]
    frames, made, copy = [], 0, 0
    while made < n_replies:
        for g in convs:
            if made >= n_replies:
                break
            g = g.copy()
            n_agent = int((g["role"] == "agent").sum())
            if made + n_agent > n_replies:  # cut the last conversation to land on n_replies exactly
                keep, seen = [], 0
                for role in g["role"]:
                    seen += role == "agent"
                    keep.append(seen <= n_replies - made)
                g = g[keep]
                n_agent = n_replies - made
            shift = copy * 7 + 1
            g["conversation_id"] = g["conversation_id"].astype(str) + f"-{copy:04d}"
            g["author"] = g["author"].map(
                lambda a, s=shift: AGENTS[(AGENTS.index(a) + s) % len(AGENTS)] if isinstance(a, str) and a in AGENTS else a
            )
            g["text"] = g["text"].map(lambda t, s=shift: re.sub(r"\d{4,}", lambda m: str(int(m.group()) + s), t) if isinstance(t, str) else t)
            frames.append(g)
            made += n_agent
        copy += 1
    return pd.concat(frames, ignore_index=True)


def write_report(n_replies: int, out: Path) -> dict[str, float]:
    from tonecheck.analyzer import Analyzer
    from tonecheck.report.writers import HtmlWriter

    turns = perturbed_sample(n_replies)
    analyzer = Analyzer()
    t0 = time.perf_counter()
    with HtmlWriter(out) as writer:
        for conv, reports in analyzer.iter_conversations(turns):
            writer.write(reports, conversation=conv)
    t1 = time.perf_counter()
    return {"replies": writer.count, "conversations": int(turns["conversation_id"].nunique()), "write_s": t1 - t0}


def browser_timings(out: Path, runs: int) -> dict[str, float] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if browser is None:
        return None
    # In-page time of one action: the handler, then layout and paint (two animation frames).
    timed = """(action) => new Promise(done => {
        const t0 = performance.now();
        if (action === 'filter') { const s = document.getElementById('f-cat'); s.value = 'pressure'; s.dispatchEvent(new Event('change')); }
        if (action === 'open') document.querySelector('#convs .conv .head').click();
        if (action === 'next') document.getElementById('next-top').click();
        requestAnimationFrame(() => requestAnimationFrame(() => done((performance.now() - t0) / 1000)));
    })"""
    load, filt, opening, paging = [], [], [], []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = b.new_page(viewport={"width": 1280, "height": 900})
            t0 = time.perf_counter()
            page.goto(out.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            load.append(time.perf_counter() - t0)
            filt.append(page.evaluate(timed, "filter"))
            page.click("#f-reset")
            opening.append(page.evaluate(timed, "open"))
            paging.append(page.evaluate(timed, "next"))
            page.close()
        b.close()
    med = statistics.median
    return {"render_s": med(load), "filter_s": med(filt), "open_s": med(opening), "next_page_s": med(paging)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replies", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5, help="browser runs (median reported)")
    ap.add_argument("--keep", type=Path, help="also keep the report at this path")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "report.html"
        result: dict[str, float | str | None] = dict(write_report(args.replies, out))
        result["size_mb"] = out.stat().st_size / 1e6
        timings = browser_timings(out, args.runs)
        result.update(timings or {"render_s": None})
        if args.keep:
            shutil.copyfile(out, args.keep)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"replies {result['replies']} in {result['conversations']} conversations; "
          f"scored and written in {result['write_s']:.1f} s; size {result['size_mb']:.1f} MB (bar: < 15 MB)")
    if timings is None:
        print("browser timings: skipped (needs Chromium and the playwright package)")
    else:
        print(f"headless Chromium, median of {args.runs}: first page drawn {timings['render_s']:.2f} s (bar: < 3 s); "
              f"filter over all replies {timings['filter_s'] * 1000:.0f} ms; open a conversation "
              f"{timings['open_s'] * 1000:.0f} ms; next page {timings['next_page_s'] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
