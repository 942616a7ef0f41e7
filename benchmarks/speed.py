"""Speed harness: tonecheck against the speed limit of a bare spaCy tokenizer pass.

    python benchmarks/speed.py                     # 12,000 replies, every check on
    python benchmarks/speed.py --replies 48000 --memory --jobs 2 --naive 500 --json out.json

Prints, measured in the same run on the same generated texts:
- the time of ``Analyzer.score_transcripts`` (one process, every check on) divided by the
  time of ``spacy.blank("en")`` + sentencizer ``pipe()`` over every turn: the ratio;
- agent replies per second;
- with ``--jobs N``: the same with N worker processes, and the speed-up;
- with ``--memory``: peak resident memory of ``tonecheck score`` streaming a CSV of the
  given size to JSONL, in a subprocess each (and at 4x the size, to show it stays flat);
- with ``--naive K``: the approach a user would write (pandas ``apply`` of TextBlob
  sentiment + VADER + TextBlob spell-correction per row) on K replies, extrapolated.

Conversations are generated deterministically (seeded) from support-like phrases, with
turn lengths in the range of real chat turns (agent replies mostly 10-60 words, customer
turns 5-40), and they exercise the checks: names, order numbers, questions, typos,
distress, cancel requests, shouting and the odd swear word.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CUSTOMER = [
    "Hi, my order {order} still hasn't arrived and it's been two weeks.",
    "This is the third time I'm asking. Where is my refund?",
    "I want to cancel my subscription, I'm moving abroad next month.",
    "My username is {user} and I can't log in since yesterday.",
    "Can you tell me when the engineer will come? I work from home.",
    "I was charged twice for my plan. Can you refund one of them?",
    "Thanks, that worked! One more question: can I change the delivery address?",
    "My mother passed away and I need to close her account. What do I need to send?",
    "The router keeps dropping the connection every evening, I've restarted it many times.",
    "Why is my bill £20 higher this month? Nobody told me about a price increase.",
    "I'm really frustrated, the app crashes every time I open my basket!!!",
    "No thanks, I just want to cancel. Please do it today.",
    "Regards,\n{name}",
    "It's {name}, and my email is {email}.",
]
AGENT = [
    "Hi {first}, thanks for getting in touch. I'm sorry your order hasn't arrived yet.",
    "I've checked order {order}: it left our warehouse on Monday and will arrive by Thursday.",
    "I understand how frustrating this is. I've refunded the duplicate charge; it reaches your card within 3-5 working days.",
    "Can I have your username please?",
    "Could you confirm the order number for me?",
    "To reset your password, go to Settings > Account and tap 'Reset password', then follow the link we email you.",
    "I'm so sorry about your mother. I've closed the account and you don't need to send anything else.",
    "Before I process the cancellation, can I ask why you want to leave? I can offer 50% off for three months.",
    "The engineer is booked for Friday between 8 am and 12 pm, and I'll call you on Thursday to confirm.",
    "Your ONT needs a firmware reflash, I've escalated to L2 per SLA.",
    "You will recieve an email shortly, pls check ur inbox.",
    "As I already said, there is nothing I can do about the price.",
    "PLEASE READ THE EMAIL WE SENT YOU!!!",
    "Thank you for your patience. The price went up because your 12-month discount ended in May; the standard price is £45.",
    "lol this guy again, can someone else take him",
    "No problem at all. I've cancelled your subscription from today and you'll get a confirmation email within the hour.",
    "I can see the delivery was attempted yesterday. The courier will try again tomorrow, and you can also collect it from the depot.",
    "Sorry for the inconvenience. Is there anything else I can help with?",
]
GOOD = [
    "Hi {first}, thanks for getting in touch. I'm sorry your order hasn't arrived yet.",
    "I've checked order {order}: it left our warehouse on Monday and will arrive by Thursday.",
    "I understand how frustrating this is. I've refunded the duplicate charge; it reaches your card within 3-5 working days.",
    "To reset your password, go to Settings > Account and tap 'Reset password', then follow the link we email you.",
    "The engineer is booked for Friday between 8 am and 12 pm, and I'll call you on Thursday to confirm.",
    "Thank you for your patience. The price went up because your 12-month discount ended in May; the standard price is £45.",
    "No problem at all. I've cancelled your subscription from today and you'll get a confirmation email within the hour.",
    "I can see the delivery was attempted yesterday. The courier will try again tomorrow, and you can also collect it from the depot.",
    "Thanks for waiting, {first}. I've updated the address on your account.",
    "You're welcome! Is there anything else I can help you with today?",
    "Let me check that for you, one moment please.",
    "I've sent a new returns label to {email}; print it and drop the parcel at any post office.",
]
FIRST = ["Dana", "Ahmed", "Priya", "Tom", "Siobhan", "Marcus", "Ola", "Jen"]
LAST = ["Whitfield", "Delgado", "Raman", "Nguyen", "Adeyemi", "Kowalski"]


def generate(n_replies: int, seed: int = 7) -> pd.DataFrame:
    """Deterministic conversations with about ``n_replies`` agent replies (2-6 each)."""
    rng = random.Random(seed)
    rows = []
    conv = 0
    made = 0
    while made < n_replies:
        conv += 1
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slots = {
            "order": f"{rng.randint(10000, 99999)}",
            "user": f"{first.lower()}{rng.randint(1, 99)}",
            "name": f"{rng.choice(['Mr.', 'Ms.', ''])} {last}".strip() if rng.random() < 0.5 else f"{first} {last}",
            "first": first,
            "email": f"{first.lower()}.{last.lower()}@example.org",
        }
        turn = 0
        for _ in range(rng.randint(2, 6)):
            k = rng.randint(1, 2)
            turn += 1
            rows.append((f"c{conv}", turn, "customer", None, " ".join(rng.choice(CUSTOMER).format(**slots) for _ in range(k))))
            turn += 1
            k = rng.choice([1, 1, 2, 2, 3])
            # Realistic mix: most agent sentences are fine; about one in five has a problem.
            picks = [rng.choice(GOOD if rng.random() < 0.8 else AGENT) for _ in range(k)]
            rows.append((f"c{conv}", turn, "agent", rng.choice(["Sam", "Jen", "Priya", "Tom"]), " ".join(p.format(**slots) for p in picks)))
            made += 1
            if made >= n_replies:
                break
    return pd.DataFrame(rows, columns=["conversation_id", "turn", "role", "author", "text"])


def time_tokenizer(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    list(nlp.pipe(texts[:200]))  # warm up
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=512):
        pass
    return time.perf_counter() - t0


def time_tonecheck(df: pd.DataFrame, jobs: int = 1) -> float:
    import tonecheck

    an = tonecheck.Analyzer()
    an.score_transcripts(df.head(300))  # load lexicons, warm up
    t0 = time.perf_counter()
    an.score_transcripts(df, jobs=jobs)
    return time.perf_counter() - t0


def time_naive(df: pd.DataFrame, k: int) -> float | None:
    """The naive peer on ``k`` agent replies: returns seconds per reply, or None if missing."""
    try:
        from textblob import TextBlob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    sia = SentimentIntensityAnalyzer()
    sample = df[df["role"] == "agent"].head(k).copy()

    def row(text: str) -> tuple[float, float, str]:
        blob = TextBlob(text)
        return blob.sentiment.polarity, sia.polarity_scores(text)["compound"], str(blob.correct())

    t0 = time.perf_counter()
    sample["naive"] = sample["text"].apply(row)
    return (time.perf_counter() - t0) / max(1, len(sample))


def peak_memory_mb(n_replies: int) -> float:
    """Peak RSS (MB) of ``tonecheck score`` streaming a generated CSV to JSONL."""
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "in.csv", Path(d) / "out.jsonl"
        generate(n_replies).to_csv(src, index=False)
        code = (
            "import resource, sys; from tonecheck.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        res = subprocess.run(
            [sys.executable, "-c", code, "score", str(src), "-o", str(out), "-q"],
            capture_output=True, text=True, env=env, check=True,
        )
        return int(res.stdout.strip().splitlines()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replies", type=int, default=12000)
    ap.add_argument("--jobs", type=int, default=0, help="also time N worker processes")
    ap.add_argument("--memory", action="store_true", help="peak memory at --replies and 4x --replies")
    ap.add_argument("--naive", type=int, default=0, help="time the naive peer on this many replies")
    ap.add_argument("--repeat", type=int, default=3, help="best of N timings")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    df = generate(args.replies)
    texts = df["text"].tolist()
    n_agent = int((df["role"] == "agent").sum())
    tok = min(time_tokenizer(texts) for _ in range(args.repeat))
    ours = min(time_tonecheck(df) for _ in range(args.repeat))
    res = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg()[0],
        "turns": len(df),
        "agent_replies": n_agent,
        "tokenizer_s": round(tok, 3),
        "tonecheck_s": round(ours, 3),
        "ratio": round(ours / tok, 2),
        "replies_per_s": round(n_agent / ours),
    }
    if args.jobs and args.jobs > 1:
        par = min(time_tonecheck(df, jobs=args.jobs) for _ in range(max(1, args.repeat - 1)))
        res[f"jobs{args.jobs}_s"] = round(par, 3)
        res[f"jobs{args.jobs}_speedup"] = round(ours / par, 2)
    if args.memory:
        res["peak_mb"] = round(peak_memory_mb(args.replies), 1)
        res["peak_mb_4x"] = round(peak_memory_mb(4 * args.replies), 1)
    if args.naive:
        per = time_naive(df, args.naive)
        if per is None:
            res["naive"] = "skipped: pip install '.[bench]' (vaderSentiment)"
        else:
            res["naive_replies_per_s"] = round(1 / per, 1)
            res["naive_vs_tonecheck"] = round((per * n_agent) / ours, 1)
    for k, v in res.items():
        print(f"{k:24} {v}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
