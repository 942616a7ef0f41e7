"""A self-contained HTML report: every conversation as a chat, findings highlighted.

Everything from a transcript goes through :func:`html.escape`; the page loads nothing
from the network (inline CSS, no scripts needed to read it).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable

from tonecheck.types import Conversation, Finding, ReplyReport, Role

__all__ = ["highlight", "render_html"]

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2433;background:#f7f8fa}
h1{font-size:1.4rem} table{border-collapse:collapse;background:#fff}
td,th{border:1px solid #d8dce3;padding:4px 8px;text-align:left;vertical-align:top}
.conv{background:#fff;border:1px solid #d8dce3;border-radius:8px;margin:1rem 0;padding:.5rem 1rem}
.turn{margin:.4rem 0;padding:.4rem .6rem;border-radius:6px;white-space:pre-wrap}
.customer{background:#eef2f7}.agent{background:#fdfdf5;border-left:4px solid #c9b800}
.who{font-weight:600;font-size:.85em;color:#55607a}
mark{padding:0 2px;border-radius:3px} mark.error{background:#ffc9c9} mark.warning{background:#ffe8a3}
mark.info{background:#d6ecff} mark.strength{background:#c9f2d0}
.badge{display:inline-block;padding:0 6px;margin-right:4px;border-radius:9px;font-size:.8em;color:#fff}
.good{background:#2f9e44}.ok{background:#e0a800}.bad{background:#e03131}
ul.f{margin:.2rem 0 .2rem 1rem;padding:0;font-size:.9em}
"""


def _badge(label: str, value: float | None) -> str:
    if value is None:
        return f'<span class="badge ok">{html.escape(label)} –</span>'
    cls = "good" if value >= 85 else "ok" if value >= 60 else "bad"
    return f'<span class="badge {cls}">{html.escape(label)} {value:.0f}</span>'


def highlight(text: str, findings: Iterable[Finding]) -> str:
    """The reply as escaped HTML with each finding's span wrapped in ``<mark>``.

    Overlapping spans are merged into the first; titles carry code and message."""
    out: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos or f.end <= f.start:
            continue
        cls = "strength" if f.category == "strength" else f.severity.value
        title = f"{f.code} {f.name}: {f.message}"
        out.append(html.escape(text[pos:f.start]))
        out.append(f'<mark class="{cls}" title="{html.escape(title, quote=True)}">{html.escape(text[f.start:f.end])}</mark>')
        pos = f.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def render_html(items: list[tuple[Conversation | None, list[ReplyReport]]], *, title: str = "tonecheck report") -> str:
    """The whole page for a run: an overview table and one block per conversation."""
    reports = [r for _, rs in items for r in rs]
    counts = Counter(f.name for r in reports for f in r.findings if f.category != "strength")
    scored = [r.overall for r in reports if r.overall is not None]
    mean = sum(scored) / len(scored) if scored else 0.0
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{len(reports)} agent replies in {len(items)} conversations; mean overall score {mean:.1f}.</p>",
        "<table><tr><th>check</th><th>findings</th></tr>",
        *(f"<tr><td>{html.escape(n)}</td><td>{c}</td></tr>" for n, c in counts.most_common()),
        "</table>",
    ]
    for conv, rs in items:
        by_turn = {r.turn: r for r in rs}
        cid = conv.id if conv else (rs[0].conversation_id if rs else "")
        parts.append(f'<section class="conv"><h2>{html.escape(str(cid))}</h2>')
        turns = conv.turns if conv else ()
        if conv is None:
            for r in rs:
                parts.append(_agent_block(r))
        for t in turns:
            if t.role is Role.AGENT and t.turn in by_turn:
                parts.append(_agent_block(by_turn[t.turn]))
            else:
                who = t.role.value + (f" ({t.author})" if t.author else "")
                parts.append(
                    f'<div class="turn customer"><div class="who">{html.escape(who)} · turn {t.turn}</div>'
                    f"{html.escape(t.text or '')}</div>"
                )
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _agent_block(r: ReplyReport) -> str:
    who = "agent" + (f" ({r.author})" if r.author else "")
    badges = "".join(_badge(k, v) for k, v in r.scores.items()) + _badge("overall", r.overall)
    items = "".join(
        f"<li><b>{html.escape(f.code)} {html.escape(f.name)}</b> ({html.escape(f.severity.value)}): "
        f"{html.escape(f.message)} <i>{html.escape(f.suggestion)}</i></li>"
        for f in r.findings
    )
    return (
        f'<div class="turn agent"><div class="who">{html.escape(who)} · turn {r.turn} {badges}</div>'
        f"{highlight(r.text, r.findings)}<ul class=f>{items}</ul></div>"
    )
