"""Speed harness: tonecheck against the speed limit of a bare spaCy tokenizer pass.

    python benchmarks/speed.py                      # 12,000 replies, every check on
    python benchmarks/speed.py --replies 48000 --jobs 2 --stream-memory --json out.json

Measured in the same run on the same generated texts, each measurement in its own
subprocess (so that its peak memory is its own, read with ``resource.getrusage``):

- ``tokenizer``: ``spacy.blank("en")`` + sentencizer ``pipe()`` over every turn;
- ``tonecheck``: ``Analyzer.score_transcripts`` (one process, every check on) on the
  DataFrame of the same turns; the **ratio** is its time over the tokenizer's, and
  **replies/s** counts agent replies;
- ``naive``: what a user would write: pandas ``apply`` of TextBlob sentiment + VADER +
  a spell checker (pyspellchecker: unknown words and a correction for each) per agent
  reply, on a subsample (``--naive K``, default 300: it is slow) and extrapolated;
  skipped with a note when the ``bench`` extra is not installed;
- with ``--jobs N``: ``score_transcripts(jobs=N)`` and its speed-up over one process;
- with ``--stream-memory``: peak memory of ``tonecheck score in.csv -o out.parquet``
  (and ``.jsonl``) at ``--replies`` and at 4x, to show that streaming keeps it flat.

Timings are the best of ``--repeat`` runs (wall clock; CPU time alongside), with the load
average printed: on a shared machine, compare runs only at similar load.

Conversations are generated deterministically (seeded). Turn lengths follow the
distribution of real support chats: the quantiles below were measured on the agent and
customer turns of MAIA-DQE (Mendonça et al. 2023, CC BY-ND; only these statistics are
used, no text). The words come from support-like templates that exercise the checks:
names and sign-offs, order numbers, emails, questions, typos, distress, cancel requests,
jargon, shouting, dismissive phrases and the odd swear word.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# --- turn lengths: quantiles of MAIA-DQE (words per turn; turns per conversation) ---------
# (probability, value) pairs; between them lengths are interpolated linearly.
AGENT_WORDS = [(0.0, 1), (0.10, 6), (0.25, 9), (0.50, 18), (0.75, 35), (0.90, 65), (0.99, 180), (1.0, 260)]
CUSTOMER_WORDS = [(0.0, 1), (0.10, 1), (0.25, 3), (0.50, 8), (0.75, 17), (0.90, 32), (0.99, 70), (1.0, 120)]
AGENT_TURNS = [(0.0, 1), (0.10, 3), (0.25, 5), (0.50, 7), (0.75, 12), (0.90, 15), (0.99, 23), (1.0, 30)]

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
    "I already gave you my order number, it's {order}.",
    "This is ridiculous, I have been waiting on hold for an hour.",
    "Could you send the invoice to {email}?",
    "I'm worried the parcel was stolen, the tracking says delivered but nothing is here.",
    "The payment page shows an error when I enter my card details.",
    "My name is {name} and my account number is {account}.",
    "Is there a cheaper plan? I'm struggling to pay at the moment.",
    "ok so what happens now",
    "It still doesn't work.",
    "When will it arrive?",
    "Order {order}.",
    "I did that already.",
    "Can you help me?",
]
CUSTOMER_SHORT = ["ok", "Thanks!", "yes please", "No.", "Hi", "{order}", "ok thank you", "still nothing", "?", "Great, thanks"]
SIGNOFF = "Regards,\n{name}"
AGENT_BAD = [
    "Can I have your username please?",
    "Could you confirm the order number for me?",
    "Your ONT needs a firmware reflash, I've escalated to L2 per SLA.",
    "You will recieve an email shortly, pls check ur inbox.",
    "As I already said, there is nothing I can do about the price.",
    "PLEASE READ THE EMAIL WE SENT YOU!!!",
    "lol this guy again, can someone else take him",
    "Before I process the cancellation, can I ask why you want to leave? I can offer 50% off for three months.",
    "You should have read the terms before you ordered.",
    "Calm down, it is not my problem.",
    "that is a damn stupid question",
    "i have checked the the system and their is no fault on our side",
    "Hi ma'am, thanks for waiting.",
    "Sorry for the inconvenience.",
]
AGENT_GOOD = [
    "Hi {first}, thanks for getting in touch. I'm sorry your order hasn't arrived yet.",
    "I've checked order {order}: it left our warehouse on Monday and will arrive by Thursday.",
    "I understand how frustrating this is. I've refunded the duplicate charge; it reaches your card within 3-5 working days.",
    "To reset your password, go to Settings > Account and tap 'Reset password', then follow the link we email you.",
    "I'm so sorry about your mother. I've closed the account and you don't need to send anything else.",
    "The engineer is booked for Friday between 8 am and 12 pm, and I'll call you on Thursday to confirm.",
    "Thank you for your patience. The price went up because your 12-month discount ended in May; the standard price is £45.",
    "No problem at all. I've cancelled your subscription from today and you'll get a confirmation email within the hour.",
    "I can see the delivery was attempted yesterday. The courier will try again tomorrow, and you can also collect it from the depot.",
    "Thanks for waiting, {first}. I've updated the address on your account.",
    "You're welcome! Is there anything else I can help you with today?",
    "Let me check that for you, one moment please.",
    "I've sent a new returns label to {email}; print it and drop the parcel at any post office.",
    "I'll email you on Friday to make sure the refund has arrived.",
    "Our lower plan costs £25 a month and keeps the same speed in the evenings.",
    "I have opened a claim with the courier for order {order}, and you will hear from us within two working days.",
]
AGENT_SHORT = ["Hi {first}!", "Thank you.", "One moment please.", "You're welcome.", "Sure.", "Done!"]
FIRST = ["Dana", "Ahmed", "Priya", "Tom", "Siobhan", "Marcus", "Ola", "Jen", "Kofi", "Lena"]
LAST = ["Whitfield", "Delgado", "Raman", "Nguyen", "Adeyemi", "Kowalski", "Moreau", "Okafor"]
AGENTS = ["Sam", "Jen", "Priya", "Tom", "Alex", "Rita"]


def _draw(rng: random.Random, quantiles: list[tuple[float, int]]) -> int:
    """A length from the piecewise-linear inverse of the measured quantiles."""
    u = rng.random()
    ps = [p for p, _ in quantiles]
    i = max(1, bisect.bisect_right(ps, u))
    (p0, v0), (p1, v1) = quantiles[i - 1], quantiles[min(i, len(quantiles) - 1)]
    frac = 0.0 if p1 == p0 else (u - p0) / (p1 - p0)
    return max(1, round(v0 + frac * (v1 - v0)))


def _typo(rng: random.Random, text: str) -> str:
    """Swap two letters inside one longer word: the kind of slip an agent makes."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha() and w.islower()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randint(1, len(w) - 3)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _compose(rng: random.Random, target: int, pool: list[str], short: list[str], slots: dict[str, str]) -> str:
    """Sentences from ``pool`` until about ``target`` words (short turns from ``short``)."""
    if target <= 4:
        return rng.choice(short).format(**slots)
    parts: list[str] = []
    n = 0
    while n < 0.7 * target:
        s = rng.choice(pool).format(**slots)
        parts.append(s)
        n += len(s.split())
    return " ".join(parts)


def generate(n_replies: int, seed: int = 7) -> pd.DataFrame:
    """Deterministic conversations with exactly ``n_replies`` agent replies.

    Each agent reply follows one customer turn; turn lengths and conversation lengths
    follow the MAIA-DQE quantiles above. About one agent sentence in five comes from a
    pool of problem sentences, one reply in ten has a letter-swap typo, and customers
    sometimes sign with their name.
    """
    rng = random.Random(seed)
    rows: list[tuple[str, int, str, str | None, str]] = []
    conv = made = 0
    while made < n_replies:
        conv += 1
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slots = {
            "order": f"{rng.randint(10000, 99999)}",
            "account": f"{rng.randint(10_000_000, 99_999_999)}",
            "user": f"{first.lower()}{rng.randint(1, 99)}",
            "name": f"{rng.choice(['Mr.', 'Ms.'])} {last}" if rng.random() < 0.4 else f"{first} {last}",
            "first": first,
            "email": f"{first.lower()}.{last.lower()}@example.org",
        }
        agent = rng.choice(AGENTS)
        turn = 0
        for k in range(_draw(rng, AGENT_TURNS)):
            turn += 1
            text = _compose(rng, _draw(rng, CUSTOMER_WORDS), CUSTOMER, CUSTOMER_SHORT, slots)
            if k == 0 and rng.random() < 0.15:
                text += "\n" + SIGNOFF.format(**slots)
            rows.append((f"c{conv}", turn, "customer", None, text))
            turn += 1
            pool = AGENT_GOOD if rng.random() < 0.8 else AGENT_BAD
            text = _compose(rng, _draw(rng, AGENT_WORDS), pool, AGENT_SHORT, slots)
            if rng.random() < 0.1:
                text = _typo(rng, text)
            rows.append((f"c{conv}", turn, "agent", agent, text))
            made += 1
            if made >= n_replies:
                break
    return pd.DataFrame(rows, columns=["conversation_id", "turn", "role", "author", "text"])


# --- measurements (each runs in a child process: python speed.py --child KIND) ----------
def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _timed(fn, repeat: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def _child(kind: str, n: int, seed: int, repeat: int, jobs: int, sample: int) -> dict:
    df = generate(n, seed)
    texts = df["text"].tolist()
    out: dict = {}
    if kind == "tokenizer":
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        list(nlp.pipe(texts[:200]))  # warm up
        base = _maxrss_mb()

        def run() -> None:
            for _ in nlp.pipe(texts, batch_size=512):
                pass

    elif kind == "tonecheck":
        import tonecheck

        an = tonecheck.Analyzer()
        an.score_transcripts(df.head(300))  # load lexicons and tables, warm up
        base = _maxrss_mb()

        def run() -> None:
            an.score_transcripts(df, jobs=jobs)

    elif kind == "naive":
        try:
            from spellchecker import SpellChecker
            from textblob import TextBlob
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        except ImportError as exc:
            return {"skipped": f"{exc.name} missing: pip install 'tonecheck[bench]'"}
        sia, spell = SentimentIntensityAnalyzer(), SpellChecker()
        replies = df[df["role"] == "agent"].head(sample).copy()
        out["sample"] = len(replies)

        def row(text: str) -> tuple[float, float, int, list[str]]:
            blob = TextBlob(text)
            words = [w.strip(".,!?;:()'\"").lower() for w in text.split()]
            unknown = spell.unknown(words)
            return (
                blob.sentiment.polarity,
                sia.polarity_scores(text)["compound"],
                len(unknown),
                [spell.correction(w) or w for w in sorted(unknown)],
            )

        replies["text"].head(5).apply(row)  # warm up (loads the word lists)
        base = _maxrss_mb()

        def run() -> None:
            replies["naive"] = replies["text"].apply(row)

    else:
        raise SystemExit(f"unknown measurement {kind!r}")
    wall, cpu = _timed(run, repeat)
    out.update(wall_s=wall, cpu_s=cpu, peak_mb=_maxrss_mb(), base_mb=base)
    return out


def measure(kind: str, n: int, *, seed: int = 7, repeat: int = 3, jobs: int = 1, sample: int = 300) -> dict:
    """Run one measurement in a fresh Python process and return its figures."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--replies", str(n), "--seed", str(seed),
           "--repeat", str(repeat), "--jobs", str(jobs), "--naive", str(sample)]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"measurement {kind} failed:\n{res.stderr[-2000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def stream_memory_mb(n_replies: int, suffix: str, seed: int = 7) -> float:
    """Peak RSS (MB) of ``tonecheck score in.csv -o out<suffix>`` in a subprocess."""
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "in.csv", Path(d) / f"out{suffix}"
        generate(n_replies, seed).to_csv(src, index=False)
        code = (
            "import resource, sys; from tonecheck.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        res = subprocess.run(
            [sys.executable, "-c", code, "score", str(src), "-o", str(out), "-q"],
            capture_output=True, text=True, env=env, check=True,
        )
        return int(res.stdout.strip().splitlines()[-1]) / 1024


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replies", type=int, default=12000, help="agent replies to generate (default 12000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="best of N timings (default 3)")
    ap.add_argument("--jobs", type=int, default=1, help="also time N worker processes")
    ap.add_argument("--naive", type=int, default=300, help="naive peer on this many replies (0: skip)")
    ap.add_argument("--stream-memory", action="store_true", help="CLI peak memory at --replies and 4x --replies")
    ap.add_argument("--json", nargs="?", const="-", metavar="PATH", help="also write the figures as JSON (to stdout without PATH)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        print(json.dumps(_child(args.child, args.replies, args.seed, args.repeat, args.jobs, args.naive)))
        return 0

    df = generate(args.replies, args.seed)
    n_agent = int((df["role"] == "agent").sum())
    words = df["text"].str.split().str.len()
    res: dict = {
        "machine": _machine(),
        "load_average_before": round(os.getloadavg()[0], 2),
        "turns": len(df),
        "agent_replies": n_agent,
        "conversations": int(df["conversation_id"].nunique()),
        "mean_words_agent": round(float(words[df["role"] == "agent"].mean()), 1),
        "mean_words_customer": round(float(words[df["role"] == "customer"].mean()), 1),
    }
    kw = {"seed": args.seed, "repeat": args.repeat}
    tok = measure("tokenizer", args.replies, **kw)
    ours = measure("tonecheck", args.replies, **kw)
    res.update(
        tokenizer_s=round(tok["wall_s"], 3),
        tokenizer_cpu_s=round(tok["cpu_s"], 3),
        tokenizer_peak_mb=round(tok["peak_mb"], 1),
        tonecheck_s=round(ours["wall_s"], 3),
        tonecheck_cpu_s=round(ours["cpu_s"], 3),
        tonecheck_peak_mb=round(ours["peak_mb"], 1),
        tonecheck_working_mb=round(ours["peak_mb"] - ours["base_mb"], 1),
        ratio=round(ours["wall_s"] / tok["wall_s"], 2),
        ratio_cpu=round(ours["cpu_s"] / tok["cpu_s"], 2),
        replies_per_s=round(n_agent / ours["wall_s"]),
        replies_per_cpu_s=round(n_agent / ours["cpu_s"]),
    )
    if args.jobs > 1:
        par = measure("tonecheck", args.replies, jobs=args.jobs, **kw)
        res[f"jobs{args.jobs}_s"] = round(par["wall_s"], 3)
        res[f"jobs{args.jobs}_speedup"] = round(ours["wall_s"] / par["wall_s"], 2)
    if args.naive:
        naive = measure("naive", args.replies, sample=args.naive, **{**kw, "repeat": 1})
        if "skipped" in naive:
            res["naive"] = "skipped: " + naive["skipped"]
        else:
            per = naive["wall_s"] / max(1, naive["sample"])
            res["naive_sample"] = naive["sample"]
            res["naive_replies_per_s"] = round(1 / per, 1)
            res["naive_s_extrapolated"] = round(per * n_agent, 1)
            res["naive_peak_mb"] = round(naive["peak_mb"], 1)
            res["naive_vs_tonecheck"] = round(per * n_agent / ours["wall_s"], 1)
    if args.stream_memory:
        for suffix in (".parquet", ".jsonl"):
            a = stream_memory_mb(args.replies, suffix, args.seed)
            b = stream_memory_mb(4 * args.replies, suffix, args.seed)
            key = suffix.lstrip(".")
            res[f"cli_{key}_peak_mb"] = round(a, 1)
            res[f"cli_{key}_peak_mb_4x"] = round(b, 1)
            res[f"cli_{key}_growth_mb"] = round(b - a, 1)
    res["load_average_after"] = round(os.getloadavg()[0], 2)
    for k, v in res.items():
        print(f"{k:26} {v}")
    if args.json == "-":
        print(json.dumps(res, indent=2))
    elif args.json:
        Path(args.json).write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
