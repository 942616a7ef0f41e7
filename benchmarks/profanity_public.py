"""Profanity on public data: recall on the Surge AI list, false alarms on Davidson tweets.

Usage::

    PYTHONPATH=src python benchmarks/profanity_public.py [--datasets DIR] [--json]

Two measurements, each for tonecheck's ``profanity`` check and, when it is installed, for
``better_profanity`` (the common peer; measured only, never a dependency):

1. **Recall on strong terms.** Every term of the Surge AI English profanity list
   (``surge-profanity/profanity_en.csv``, MIT) with ``severity_rating >= 2.4`` is placed in
   each of eight agent-reply templates ("Tell your {term} manager to call us.", ...). A
   (term, template) reply counts as found when a ``profanity`` finding overlaps the term's
   characters (better_profanity: when ``contains_profanity`` is true for the reply). Recall is
   the share of found replies over all terms x templates.
2. **False alarms on clean tweets.** The Davidson et al. (2017) tweets (``davidson-offensive/
   labeled_data.csv``, MIT) whose majority label is "neither offensive nor hateful"
   (``class == 2``), each scored as a one-line agent reply. The false-alarm rate is the
   share with at least one ``profanity`` finding (better_profanity: ``contains_profanity``).

The functions are importable (``surge_recall``, ``davidson_false_alarms``) so that
``benchmarks/quality.py`` can include the same tasks.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import tonecheck

DATASETS = Path("/work/shared/datasets")
STRONG = 2.4
TEMPLATES = (
    "Tell your {term} manager to call us.",
    "Honestly, you are a {term}.",
    "{term}, I already told you the refund is processing.",
    "Sorry about the wait, the {term} system crashed again.",
    "What a {term}. I can't help you with that.",
    "I don't care what you think, {term}.",
    "Ugh, this {term} keeps asking about the refund.",
    "Your refund is done now, you {term}.",
)


def strong_terms(datasets: Path = DATASETS, threshold: float = STRONG) -> list[str]:
    """Surge terms with a mean severity rating of at least ``threshold`` (file order)."""
    path = datasets / "surge-profanity" / "profanity_en.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [r["text"] for r in csv.DictReader(fh) if float(r["severity_rating"]) >= threshold]


def clean_tweets(datasets: Path = DATASETS, *, unanimous: bool = False) -> list[str]:
    """Davidson tweets labelled neither offensive nor hateful (class 2).

    With ``unanimous``, only those on which every coder chose "neither".
    """
    df = pd.read_csv(datasets / "davidson-offensive" / "labeled_data.csv")
    keep = df["class"] == 2
    if unanimous:
        keep &= df["neither"] == df["count"]
    # Tweets come HTML-escaped ("&amp;", "&#8230;"); an agent reply would be plain text.
    return [html.unescape(t) for t in df.loc[keep, "tweet"].astype(str)]


def _analyzer() -> tonecheck.Analyzer:
    return tonecheck.Analyzer(config={"select": ["profanity"]})


def _score(an: tonecheck.Analyzer, texts: list[str]) -> list[list[dict]]:
    frame = pd.DataFrame(
        {"conversation_id": range(len(texts)), "role": "agent", "text": texts}
    )
    scored = an.score_transcripts(frame)
    return [list(f) for f in scored["findings"]]


def surge_recall(datasets: Path = DATASETS) -> dict[str, float | int | list[str]]:
    """tonecheck's recall on strong Surge terms in agent-reply templates."""
    terms = strong_terms(datasets)
    texts, spans = [], []
    for term in terms:
        for tpl in TEMPLATES:
            text = tpl.format(term=term)
            if tpl.startswith("{term}"):
                text = text[0].upper() + text[1:]
            start = tpl.index("{term}")
            texts.append(text)
            spans.append((start, start + len(term)))
    t0 = time.perf_counter()
    findings = _score(_analyzer(), texts)
    secs = time.perf_counter() - t0
    found = 0
    missed: dict[str, int] = {}
    for i, (fs, (s, e)) in enumerate(zip(findings, spans, strict=True)):
        if any(f["start"] < e and s < f["end"] for f in fs):
            found += 1
        else:
            term = terms[i // len(TEMPLATES)]
            missed[term] = missed.get(term, 0) + 1
    return {
        "terms": len(terms),
        "replies": len(texts),
        "recall": found / len(texts),
        "seconds": secs,
        "missed_terms": sorted(missed, key=lambda t: (-missed[t], t)),
    }


def davidson_false_alarms(
    datasets: Path = DATASETS, *, unanimous: bool = False
) -> dict[str, float | int | list[str]]:
    """tonecheck's false-alarm rate on Davidson tweets judged neither offensive nor hateful."""
    tweets = clean_tweets(datasets, unanimous=unanimous)
    t0 = time.perf_counter()
    findings = _score(_analyzer(), tweets)
    secs = time.perf_counter() - t0
    flagged = [
        (t, [t[f["start"] : f["end"]] for f in fs]) for t, fs in zip(tweets, findings, strict=True) if fs
    ]
    return {
        "tweets": len(tweets),
        "flagged": len(flagged),
        "false_alarm_rate": len(flagged) / len(tweets),
        "seconds": secs,
        "examples": [f"{words} <- {t[:120]!r}" for t, words in flagged],
    }


def _better_profanity() -> Callable[[str], bool] | None:
    try:
        from better_profanity import profanity
    except ImportError:
        return None
    profanity.load_censor_words()
    return profanity.contains_profanity


def peer_numbers(datasets: Path = DATASETS) -> dict[str, float] | None:
    """The same two tasks for better_profanity (None when it is not installed)."""
    contains = _better_profanity()
    if contains is None:
        return None
    terms = strong_terms(datasets)
    texts = [tpl.format(term=t) for t in terms for tpl in TEMPLATES]
    t0 = time.perf_counter()
    recall = sum(map(contains, texts)) / len(texts)
    t1 = time.perf_counter()
    tweets = clean_tweets(datasets)
    fa = sum(map(contains, tweets)) / len(tweets)
    t2 = time.perf_counter()
    unanimous = clean_tweets(datasets, unanimous=True)
    fa_u = sum(map(contains, unanimous)) / len(unanimous)
    return {
        "recall": recall,
        "false_alarm_rate": fa,
        "false_alarm_rate_unanimous": fa_u,
        "recall_seconds": t1 - t0,
        "davidson_seconds": t2 - t1,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=DATASETS)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)
    rec = surge_recall(args.datasets)
    fa = davidson_false_alarms(args.datasets)
    fa_u = davidson_false_alarms(args.datasets, unanimous=True)
    peer = peer_numbers(args.datasets)
    if args.json:
        out = {"surge": rec, "davidson": fa, "davidson_unanimous": fa_u}
        print(json.dumps({"tonecheck": out, "better_profanity": peer}, indent=1))
        return 0
    print(f"Surge strong terms (severity >= {STRONG}): {rec['terms']} terms x {len(TEMPLATES)} templates = {rec['replies']} replies")
    print(f"  tonecheck        recall {rec['recall']:.3f}   ({rec['seconds']:.1f}s)")
    if peer:
        print(f"  better_profanity recall {peer['recall']:.3f}   ({peer['recall_seconds']:.1f}s)")
    print(f"Davidson clean tweets (class 2): {fa['tweets']}")
    print(f"  tonecheck        false alarms {fa['false_alarm_rate']:.2%} ({fa['flagged']})   ({fa['seconds']:.1f}s)")
    if peer:
        print(f"  better_profanity false alarms {peer['false_alarm_rate']:.2%}   ({peer['davidson_seconds']:.1f}s)")
    print(f"Davidson clean tweets, all coders agreeing (class 2, neither == count): {fa_u['tweets']}")
    print(f"  tonecheck        false alarms {fa_u['false_alarm_rate']:.2%} ({fa_u['flagged']})")
    if peer:
        print(f"  better_profanity false alarms {peer['false_alarm_rate_unanimous']:.2%}")
    if args.verbose:
        print("missed terms:", ", ".join(rec["missed_terms"]))
        print("false alarms:")
        for line in fa["examples"]:
            print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
