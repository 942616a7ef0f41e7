"""Quality harness: how often tonecheck is right, on our labelled corpus and public data.

    python benchmarks/quality.py                 # test split + every public task found
    python benchmarks/quality.py --split dev     # the split we tune on
    python benchmarks/quality.py --markdown      # tables for the README
    python benchmarks/quality.py --json out.json --limit 500

Labelled corpus (``data/labelled/{dev,test}.jsonl``): per check gold/TP/FP/FN, precision,
recall and F1 at reply level (a check "predicts" a reply when it has at least one finding
there), micro averages for problems and strengths, and the false-alarm rate on clean
replies (clean = no problem label; a false alarm = any warning or error problem finding).

Public data, read in place from ``../shared/datasets`` (each task is skipped with a note
when its files are missing; nothing is copied into this repository), each with the tool a
user would otherwise pick, in the same run, where it is installed (``pip install
.[bench]``): VADER and TextBlob polarity for the AUCs, better_profanity for profanity.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import tonecheck  # noqa: E402
from tonecheck.context import ConversationState  # noqa: E402
from tonecheck.registry import Registry  # noqa: E402

SEED = 20261124
STRENGTHS = {c.name for c in Registry.default() if c.category == "strength"}
PROBLEMS = {c.name for c in Registry.default() if c.category != "strength"}


# -- small statistics ------------------------------------------------------------------
def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return None
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    # Average ranks with ties (Mann-Whitney U).
    ranks: list[float] = [0.0] * len(ranked)
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    r_pos = sum(r for r, (_, lab) in zip(ranks, ranked, strict=True) if lab == 1)
    n_pos, n_neg = len(positives), len(negatives)
    return (r_pos - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _sample(items: list[Any], limit: int | None, seed: int = SEED) -> list[Any]:
    if limit is None or len(items) <= limit:
        return items
    return random.Random(seed).sample(items, limit)


# -- the labelled corpus -----------------------------------------------------------------
def load_labelled(path: Path) -> pd.DataFrame:
    """Our corpus (MIT, written for the project): one JSON object per turn with ``labels``."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pd.DataFrame(rows)


def eval_labelled(analyzer: tonecheck.Analyzer, df: pd.DataFrame) -> dict[str, Any]:
    """Per-check reply-level confusion counts, micro averages and clean false alarms."""
    scored = analyzer.score_transcripts(df[["conversation_id", "turn", "role", "author", "text"]])
    agent = df[df["role"] == "agent"].reset_index(drop=True)
    if len(agent) != len(scored):
        raise RuntimeError("scored rows do not line up with labelled agent turns")
    names = sorted(PROBLEMS | STRENGTHS)
    tp, fp, fn, gold, on_clean = Counter(), Counter(), Counter(), Counter(), Counter()
    clean = alarms = 0
    for labels, findings in zip(agent["labels"], scored["findings"], strict=True):
        gl = set(labels or [])
        pred = {f["name"] for f in findings}
        for n in names:
            gold[n] += n in gl
            tp[n] += n in gl and n in pred
            fp[n] += n in pred and n not in gl
            fn[n] += n in gl and n not in pred
        if not gl & PROBLEMS:
            clean += 1
            for n in {f["name"] for f in findings if f["category"] != "strength" and f["severity"] in ("warning", "error")}:
                on_clean[n] += 1
            alarms += any(f["category"] != "strength" and f["severity"] in ("warning", "error") for f in findings)
    checks = {}
    for n in names:
        p, r, f = prf(tp[n], fp[n], fn[n])
        checks[n] = {"gold": gold[n], "tp": tp[n], "fp": fp[n], "fn": fn[n], "precision": p, "recall": r, "f1": f}
        if n in PROBLEMS:
            checks[n]["clean_fa_rate"] = on_clean[n] / clean if clean else 0.0
    micro = {}
    for label, group in (("problems", PROBLEMS), ("strengths", STRENGTHS)):
        t, f_, n_ = (sum(c[k] for k in group) for c in (tp, fp, fn))
        p, r, f = prf(t, f_, n_)
        micro[label] = {"tp": t, "fp": f_, "fn": n_, "precision": p, "recall": r, "f1": f}
    return {
        "replies": len(agent),
        "clean": clean,
        "false_alarms": alarms,
        "false_alarm_rate": alarms / clean if clean else 0.0,
        "checks": checks,
        "micro": micro,
    }


# -- public data loaders (read in place, never copied) ------------------------------------
def load_surge_strong(ds: Path) -> list[str]:
    """Surge AI profanity list (MIT): terms rated severity >= 2.4 (Strong/Severe)."""
    df = pd.read_csv(ds / "surge-profanity" / "profanity_en.csv")
    return sorted(set(df.loc[df["severity_rating"] >= 2.4, "text"].astype(str)))


def load_davidson_neither(ds: Path, with_rows: bool = False) -> list[str] | list[tuple[int, str]]:
    """Davidson et al. tweets (MIT): those annotators judged neither offensive nor hateful.
    The CSV keeps Twitter's HTML escapes (``&amp;``, ``&#8220;``): unescaped here, so a
    quotation mark reads as one. With ``with_rows``, each tweet comes with its CSV row id."""
    import html

    df = pd.read_csv(ds / "davidson-offensive" / "labeled_data.csv")
    df = df.loc[df["class"] == 2]
    tweets = [html.unescape(t) for t in df["tweet"].astype(str)]
    if with_rows:
        return list(zip(df.iloc[:, 0].astype(int).tolist(), tweets, strict=True))
    return tweets


#: Our hand audit of the 'neither' tweets the profanity check flagged on 2026-12-07 (row id,
#: term, verdict: use / quoted / mention / innocent, reason). Most are slurs and swears the
#: crowd judged inoffensive in context ("this bitch finna get crunk"), which a support QA
#: tool must still flag in an agent's reply.
DAVIDSON_AUDIT = Path(__file__).with_name("davidson_audit.csv")


def load_davidson_audit() -> dict[int, str]:
    if not DAVIDSON_AUDIT.exists():
        return {}
    df = pd.read_csv(DAVIDSON_AUDIT)
    return dict(zip(df["row"].astype(int), df["verdict"].astype(str), strict=True))


def load_politeness(ds: Path) -> tuple[list[str], list[str]]:
    """Stanford Politeness Corpus (research use): top and bottom quartile requests by
    normalised score, both communities together."""
    frames = [pd.read_csv(ds / "stanford-politeness" / f) for f in ("wikipedia.annotated.csv", "stack-exchange.annotated.csv")]
    df = pd.concat(frames, ignore_index=True)
    q1, q3 = df["Normalized Score"].quantile([0.25, 0.75])
    return df.loc[df["Normalized Score"] >= q3, "Request"].astype(str).tolist(), df.loc[
        df["Normalized Score"] <= q1, "Request"
    ].astype(str).tolist()


def load_maia(ds: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """MAIA-DQE (CC BY-ND: transformed in memory only). Returns the turn table (agent text
    = ``text_src``, customer text = English ``text_mt``) and per-agent-turn labels, one
    copy of each dialogue id."""
    turns, labels, seen = [], [], set()
    for path in sorted((ds / "maia-dqe" / "data").glob("*.json")):
        for dialog in json.loads(path.read_text(encoding="utf-8")):
            if dialog["id"] in seen:
                continue
            seen.add(dialog["id"])
            for i, t in enumerate(dialog["turns"], 1):
                agent = t.get("floor") == "outbound"
                text = " ".join(t.get("text_src" if agent else "text_mt") or [])
                turns.append({"conversation_id": dialog["id"], "turn": i, "role": "agent" if agent else "customer", "text": text})
                if agent:
                    labels.append({"conversation_id": dialog["id"], "turn": i, "IQ": t.get("IQ"), "Understanding": t.get("Understanding"), "text": text})
    return pd.DataFrame(turns), pd.DataFrame(labels)


def load_epitome(ds: Path) -> pd.DataFrame:
    """EPITOME emotional reactions (non-commercial research): seeker post, response, level."""
    return pd.read_csv(ds / "epitome-reddit" / "emotional-reactions-reddit.csv")


def load_jfleg(ds: Path) -> tuple[list[str], list[str]]:
    """JFLEG (CC BY-NC-SA): learner sentences and their first human correction (dev+test)."""
    src, ref = [], []
    for split in ("dev", "test"):
        d = ds / "jfleg" / split
        src += (d / f"{split}.src").read_text(encoding="utf-8").splitlines()
        ref += (d / f"{split}.ref0").read_text(encoding="utf-8").splitlines()
    return src, ref


def load_frustration(ds: Path) -> list[tuple[str, float]]:
    """Twitter support dialogues with frustration grades (tweets CC BY-NC-SA): customer
    turns with the mean of their three grades (0-4)."""
    import re

    out = []
    for line in (ds / "twcs-frustration" / "dprocessed.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"USER:\s*(.*?)\s*\{(\d),(\d),(\d)\}\s*$", line)
        if m:
            out.append((m.group(1), (int(m.group(2)) + int(m.group(3)) + int(m.group(4))) / 3))
    return out


# -- peers ---------------------------------------------------------------------------------
def _peer_vader() -> Callable[[str], float] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    sia = SentimentIntensityAnalyzer()
    return lambda t: sia.polarity_scores(t)["compound"]


def _peer_textblob() -> Callable[[str], float]:
    from textblob import TextBlob

    return lambda t: TextBlob(t).sentiment.polarity


def _peer_better_profanity() -> Callable[[str], bool] | None:
    try:
        from better_profanity import profanity
    except ImportError:
        return None
    profanity.load_censor_words()
    return profanity.contains_profanity


# -- public tasks ----------------------------------------------------------------------
TEMPLATES = [
    "Honestly, your {t} request is not our problem.",
    "Tell your {t} manager to call us.",
    "I'm done with this {t} chat.",
    "You are a {t}.",
    "What a {t} question, read the FAQ.",
]


def task_profanity(an: tonecheck.Analyzer, ds: Path, limit: int | None) -> dict[str, Any]:
    terms = _sample(load_surge_strong(ds), limit)
    replies = [TEMPLATES[i % len(TEMPLATES)].format(t=t) for i, t in enumerate(terms)]
    rows = _sample(load_davidson_neither(ds, with_rows=True), limit)
    tweets = [t for _, t in rows]
    prof = tonecheck.Analyzer(config={"select": ["profanity"]})
    found = [bool(prof.analyze_reply(r).findings) for r in replies]
    alarms = [bool(prof.analyze_reply(t).findings) for t in tweets]
    audit = load_davidson_audit()
    verdicts: dict[str, int] = {"use": 0, "quoted": 0, "mention": 0, "innocent": 0, "unaudited": 0}
    for (row, _), alarmed in zip(rows, alarms, strict=True):
        if alarmed:
            v = audit.get(row, "unaudited")
            verdicts[v if v in verdicts else "unaudited"] += 1
    wrong = verdicts["innocent"] + verdicts["mention"] + verdicts["unaudited"]
    out: dict[str, Any] = {
        "strong_terms": len(terms),
        "recall": sum(found) / len(found),
        "davidson_neither": len(tweets),
        "false_alarm_rate": sum(alarms) / len(alarms),
        # Alarms by audit verdict; the audited rate counts innocent words, mentions and any
        # alarm the audit has not seen (new since it was made) as false, uses as correct.
        "alarm_verdicts": verdicts,
        "false_alarm_rate_audited": wrong / len(alarms),
        "false_alarm_rate_audited_with_quotes": (wrong + verdicts["quoted"]) / len(alarms),
    }
    peer = _peer_better_profanity()
    if peer is not None:
        out["better_profanity"] = {
            "recall": sum(map(peer, replies)) / len(replies),
            "false_alarm_rate": sum(map(peer, tweets)) / len(tweets),
        }
    return out


def _overall_for_replies(an: tonecheck.Analyzer, texts: list[str]) -> list[float]:
    df = pd.DataFrame({"conversation_id": range(len(texts)), "role": "agent", "text": texts})
    return an.score_transcripts(df)["overall"].fillna(100.0).tolist()


def _peer_aucs(pos: list[str], neg: list[str]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    vader = _peer_vader()
    if vader is not None:
        out["vader"] = auc([vader(t) for t in pos], [vader(t) for t in neg])
    tb = _peer_textblob()
    out["textblob"] = auc([tb(t) for t in pos], [tb(t) for t in neg])
    return out


def task_politeness(an: tonecheck.Analyzer, ds: Path, limit: int | None) -> dict[str, Any]:
    top, bottom = load_politeness(ds)
    top, bottom = _sample(top, limit), _sample(bottom, limit)
    scores = _overall_for_replies(an, top + bottom)
    return {
        "top": len(top),
        "bottom": len(bottom),
        "auc_overall": auc(scores[: len(top)], scores[len(top):]),
        "peers": _peer_aucs(top, bottom),
    }


def task_maia(an: tonecheck.Analyzer, ds: Path, limit: int | None) -> dict[str, Any]:
    turns, labels = load_maia(ds)
    if limit is not None:
        keep = set(_sample(sorted(turns["conversation_id"].unique()), max(5, limit // 10)))
        turns = turns[turns["conversation_id"].isin(keep)]
        labels = labels[labels["conversation_id"].isin(keep)]
    scored = an.score_transcripts(turns).merge(labels.drop(columns=["text"]), on=["conversation_id", "turn"])
    good = scored[scored["IQ"] == 5]
    bad = scored[scored["IQ"].isin([1, 2])]

    def att_rate(frame: pd.DataFrame) -> float:
        return float(frame["findings"].map(lambda fs: any(f["category"] == "attention" for f in fs)).mean()) if len(frame) else 0.0

    u0, u1 = scored[scored["Understanding"] == 0], scored[scored["Understanding"] == 1]
    spelled = scored["findings"].map(lambda fs: any(f["name"] == "spelling" for f in fs))
    from tonecheck.context import PLACEHOLDER_RE

    on_placeholder = 0
    for text, fs in zip(scored["text"], scored["findings"], strict=True):
        spans = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
        for f in fs:
            # Word-level findings (spelling, jargon, shouting) whose evidence touches a placeholder.
            if f["name"] in ("spelling", "jargon", "shouting") and any(s < f["end"] and f["start"] < e for s, e in spans):
                on_placeholder += 1
    out = {
        "dialogues": int(turns["conversation_id"].nunique()),
        "agent_turns": len(scored),
        "iq5": len(good),
        "iq1_2": len(bad),
        "auc_overall_iq5_vs_iq1_2": auc(good["overall"].fillna(100).tolist(), bad["overall"].fillna(100).tolist()),
        "understanding0": len(u0),
        "understanding1": len(u1),
        "attention_rate_u0": att_rate(u0),
        "attention_rate_u1": att_rate(u1),
        "attention_ratio": (att_rate(u0) / att_rate(u1)) if att_rate(u1) else None,
        "spelling_reply_rate": float(spelled.mean()) if len(spelled) else 0.0,
        "word_findings_on_placeholders": on_placeholder,
        "peers": _peer_aucs(good["text"].tolist(), bad["text"].tolist()),
    }
    return out


def task_epitome(an: tonecheck.Analyzer, ds: Path, limit: int | None) -> dict[str, Any]:
    df = load_epitome(ds)
    df = df.iloc[_sample(list(range(len(df))), limit)] if limit else df
    sel = tonecheck.Analyzer(config={"select": ["acknowledges-feelings"]})
    tp = fp = fn = 0
    for post, resp, level in zip(df["seeker_post"].astype(str), df["response_post"].astype(str), df["level"], strict=True):
        pred = bool(sel.analyze_reply(resp, [("customer", post)]).findings)
        gold = level >= 1
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    p, r, f = prf(tp, fp, fn)
    return {"pairs": len(df), "precision": p, "recall": r, "f1": f}


def task_jfleg(an: tonecheck.Analyzer, ds: Path, limit: int | None) -> dict[str, Any]:
    src, ref = load_jfleg(ds)
    idx = _sample(list(range(len(src))), limit)
    sel = tonecheck.Analyzer(config={"select": ["spelling", "grammar"]})

    def rate(texts: list[str]) -> float:
        df = pd.DataFrame({"conversation_id": range(len(texts)), "role": "agent", "text": texts})
        return float((sel.score_transcripts(df)["n_findings"] > 0).mean())

    r_src, r_ref = rate([src[i] for i in idx]), rate([ref[i] for i in idx])
    return {"sentences": len(idx), "rate_original": r_src, "rate_corrected": r_ref, "ratio": (r_src / r_ref) if r_ref else None}


def task_frustration(an: tonecheck.Analyzer, ds: Path, limit: int | None) -> dict[str, Any]:
    items = _sample(load_frustration(ds), limit)
    nlp, extractor = an.nlp, an.extractor
    tp = fp = fn = 0
    for text, grade in items:
        state = ConversationState()
        extractor.add_customer_turn(state, 1, nlp.lazy(text))
        pred = bool(state.distress)
        gold = grade >= 2
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    p, r, f = prf(tp, fp, fn)
    vader = _peer_vader()
    out: dict[str, Any] = {"turns": len(items), "frustrated (mean grade >= 2)": sum(g >= 2 for _, g in items), "precision": p, "recall": r, "f1": f}
    if vader is not None:
        neg = [vader(t) < -0.05 for t, _ in items]
        vtp = sum(1 for (_, g), n in zip(items, neg, strict=True) if n and g >= 2)
        vfp = sum(1 for (_, g), n in zip(items, neg, strict=True) if n and g < 2)
        vfn = sum(1 for (_, g), n in zip(items, neg, strict=True) if not n and g >= 2)
        vp, vr, vf = prf(vtp, vfp, vfn)
        out["vader_negative"] = {"precision": vp, "recall": vr, "f1": vf}
    return out


PUBLIC_TASKS: dict[str, tuple[Callable[..., dict[str, Any]], tuple[str, ...]]] = {
    "profanity": (task_profanity, ("surge-profanity", "davidson-offensive")),
    "politeness": (task_politeness, ("stanford-politeness",)),
    "maia": (task_maia, ("maia-dqe",)),
    "epitome": (task_epitome, ("epitome-reddit",)),
    "jfleg": (task_jfleg, ("jfleg",)),
    "frustration": (task_frustration, ("twcs-frustration",)),
}


# -- output ----------------------------------------------------------------------------
def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def labelled_table(res: dict[str, Any], markdown: bool = False) -> str:
    lines = []
    head = ["check", "gold", "TP", "FP", "FN", "P", "R", "F1", "FA on clean"]
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    else:
        lines.append(f"{'check':26} {'gold':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>5} {'R':>5} {'F1':>5} {'FA':>6}")
    order = sorted(res["checks"], key=lambda n: (n in STRENGTHS, n))
    for n in order:
        c = res["checks"][n]
        fa = f"{c['clean_fa_rate']:.1%}" if "clean_fa_rate" in c else ""
        row = [n, str(c["gold"]), str(c["tp"]), str(c["fp"]), str(c["fn"]), _f(c["precision"]), _f(c["recall"]), _f(c["f1"]), fa]
        lines.append("| " + " | ".join(row) + " |" if markdown else f"{n:26} {row[1]:>4} {row[2]:>4} {row[3]:>4} {row[4]:>4} {row[5]:>5} {row[6]:>5} {row[7]:>5} {row[8]:>6}")
    for label, m in res["micro"].items():
        row = [f"micro: {label}", "", str(m["tp"]), str(m["fp"]), str(m["fn"]), _f(m["precision"]), _f(m["recall"]), _f(m["f1"]), ""]
        lines.append("| " + " | ".join(row) + " |" if markdown else f"{row[0]:26} {'':>4} {row[2]:>4} {row[3]:>4} {row[4]:>4} {row[5]:>5} {row[6]:>5} {row[7]:>5}")
    lines.append(
        f"\nFalse alarms on clean replies (any warning/error problem finding): {res['false_alarms']}/{res['clean']} = "
        f"{res['false_alarm_rate']:.1%} ({res['replies']} agent replies)"
    )
    return "\n".join(lines)


def public_lines(results: dict[str, Any]) -> list[str]:
    """One line per public figure, ours first and the peers' after."""
    out = []
    r = results.get("profanity")
    if r and "skipped" not in r:
        line = f"profanity: recall {r['recall']:.3f} on {r['strong_terms']} strong Surge terms; false alarms {r['false_alarm_rate']:.2%} on {r['davidson_neither']} Davidson 'neither' tweets"
        if "alarm_verdicts" in r:
            v = r["alarm_verdicts"]
            line += (
                f" (audited: {v['use']} use a slur or swear, {v['quoted']} quote one, {v['mention']} mention one, "
                f"{v['innocent']} innocent, {v['unaudited']} unaudited: false alarms {r['false_alarm_rate_audited']:.2%}, "
                f"{r['false_alarm_rate_audited_with_quotes']:.2%} counting quotes)"
            )
        if "better_profanity" in r:
            b = r["better_profanity"]
            line += f" | better_profanity: recall {b['recall']:.3f}, false alarms {b['false_alarm_rate']:.2%}"
        out.append(line)
    r = results.get("politeness")
    if r and "skipped" not in r:
        peers = ", ".join(f"{k} {_f(v)}" for k, v in r["peers"].items())
        out.append(f"politeness: AUC of overall, top vs bottom quartile ({r['top']}+{r['bottom']}): {_f(r['auc_overall'])} | {peers}")
    r = results.get("maia")
    if r and "skipped" not in r:
        peers = ", ".join(f"{k} {_f(v)}" for k, v in r["peers"].items())
        out.append(f"MAIA-DQE: AUC of overall, IQ 5 ({r['iq5']}) vs IQ 1-2 ({r['iq1_2']}): {_f(r['auc_overall_iq5_vs_iq1_2'])} | {peers}")
        out.append(
            f"MAIA-DQE: attention findings on Understanding=0 {r['attention_rate_u0']:.1%} ({r['understanding0']}) vs =1 "
            f"{r['attention_rate_u1']:.1%} ({r['understanding1']}): ratio {_f(r['attention_ratio'])}"
        )
        out.append(f"MAIA-DQE: replies with a spelling finding {r['spelling_reply_rate']:.1%} of {r['agent_turns']}; spelling/jargon/shouting findings on placeholders {r['word_findings_on_placeholders']}")
    r = results.get("epitome")
    if r and "skipped" not in r:
        out.append(f"EPITOME emotional reactions: acknowledges-feelings vs level >= 1 on {r['pairs']} pairs: P {_f(r['precision'])} R {_f(r['recall'])} F1 {_f(r['f1'])}")
    r = results.get("jfleg")
    if r and "skipped" not in r:
        out.append(f"JFLEG: spelling+grammar findings on {r['rate_original']:.1%} of originals vs {r['rate_corrected']:.1%} of corrections ({r['sentences']} sentences): ratio {_f(r['ratio'])}")
    r = results.get("frustration")
    if r and "skipped" not in r:
        line = f"Twitter frustration: customer distress vs mean grade >= 2 on {r['turns']} turns: P {_f(r['precision'])} R {_f(r['recall'])} F1 {_f(r['f1'])}"
        if "vader_negative" in r:
            v = r["vader_negative"]
            line += f" | VADER compound < -0.05: P {_f(v['precision'])} R {_f(v['recall'])} F1 {_f(v['f1'])}"
        out.append(line)
    for name, r in results.items():
        if isinstance(r, dict) and "skipped" in r:
            out.append(f"{name}: skipped ({r['skipped']})")
    return out


def run(
    split: str = "test",
    datasets: Path | None = None,
    limit: int | None = None,
    tasks: Iterable[str] | None = None,
    labelled_dir: Path | None = None,
) -> dict[str, Any]:
    """Run everything; returns the results as plain data (what --json writes)."""
    an = tonecheck.Analyzer()
    labelled_dir = labelled_dir or ROOT / "data" / "labelled"
    datasets = datasets or ROOT.parent / "shared" / "datasets"
    out: dict[str, Any] = {"labelled": {}, "public": {}, "timing_s": {}}
    splits = ["dev", "test"] if split == "all" else [split]
    for s in splits:
        path = labelled_dir / f"{s}.jsonl"
        if path.exists():
            t0 = time.perf_counter()
            out["labelled"][s] = eval_labelled(an, load_labelled(path))
            out["timing_s"][f"labelled-{s}"] = round(time.perf_counter() - t0, 2)
        else:
            out["labelled"][s] = {"skipped": f"{path} not found"}
    wanted = list(tasks) if tasks is not None else list(PUBLIC_TASKS)
    for name in wanted:
        fn, needs = PUBLIC_TASKS[name]
        missing = [d for d in needs if not (datasets / d).exists()]
        if missing:
            out["public"][name] = {"skipped": f"{', '.join(missing)} not in {datasets}"}
            continue
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out["public"][name] = fn(an, datasets, limit)
        out["timing_s"][name] = round(time.perf_counter() - t0, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "all"], default="test")
    ap.add_argument("--datasets", type=Path, default=None, help="folder of public datasets (default ../shared/datasets)")
    ap.add_argument("--limit", type=int, default=None, help="sample size per public task (fixed seed)")
    ap.add_argument("--tasks", default=None, help="comma-separated public tasks (default: all); 'none' for none")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--markdown", action="store_true", help="print markdown tables (for the README)")
    ap.add_argument("--readme", type=Path, default=None, help="rewrite the block between <!-- ACCURACY:START/END --> in this file")
    args = ap.parse_args(argv)
    tasks = None if args.tasks is None else ([] if args.tasks == "none" else args.tasks.split(","))
    t0 = time.perf_counter()
    res = run(args.split, args.datasets, args.limit, tasks)
    markdown = args.markdown or args.readme is not None
    parts = []
    for split, r in res["labelled"].items():
        parts.append(f"\n### Labelled corpus: {split} split\n")
        parts.append(r["skipped"] if "skipped" in r else labelled_table(r, markdown=markdown))
    lines = public_lines(res["public"])
    if lines:
        parts.append("\n### Public data (ours | the usual alternative, same run)\n")
        parts += [("- " if markdown else "") + line for line in lines]
    report = "\n".join(parts)
    print(report)
    print(f"\n(total {time.perf_counter() - t0:.1f} s)")
    if args.readme is not None:
        text = args.readme.read_text(encoding="utf-8")
        start, end = "<!-- ACCURACY:START -->", "<!-- ACCURACY:END -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            cmd = "python benchmarks/quality.py --split all --readme README.md"
            args.readme.write_text(f"{head}{start}\n<!-- generated by `{cmd}`; do not edit by hand -->\n{report}\n{end}{tail}", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
