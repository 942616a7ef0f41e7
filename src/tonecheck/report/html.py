"""A self-contained HTML report a team lead opens in a browser.

One file, inline CSS and a little inline JavaScript, nothing fetched. It shows an overview
(per-agent and per-category summaries, the most frequent findings), filters (category,
severity, agent, score, problems only) and every conversation as a collapsible chat:
customer turns, agent replies with coloured score badges and findings highlighted in the
text (hover for code, message and suggestion; a link jumps to the earlier turn the
evidence points at). Conversations are paged (50 at a time) so 10,000 replies stay usable.

Safety: every piece of transcript text (messages, authors, ids, finding texts) goes
through :func:`html.escape`, attribute values included; the script reads only ``data-``
attributes, never transcript text, so nothing from a transcript can run.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable

from tonecheck.types import PROBLEM_CATEGORIES, Conversation, Finding, ReplyReport, Role

__all__ = ["highlight", "render_html"]

PAGE_SIZE = 50

_CSS = """
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2433;background:#f4f6f9}
header{background:#1d2433;color:#fff;padding:14px 24px}header h1{font-size:1.3rem;margin:0}header p{margin:4px 0 0;color:#c9d1e0}
main{padding:16px 24px;max-width:1200px}h2{font-size:1.05rem;margin:18px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#fff;border:1px solid #d8dce3;border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:1.4rem}table{border-collapse:collapse;background:#fff;font-size:13px}
td,th{border:1px solid #d8dce3;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef1f6}
.filters{position:sticky;top:0;z-index:2;background:#f4f6f9;padding:8px 0;display:flex;flex-wrap:wrap;gap:12px;align-items:center;border-bottom:1px solid #d8dce3}
.filters label{font-size:13px}select,input{font:inherit}
details.conv{background:#fff;border:1px solid #d8dce3;border-radius:8px;margin:10px 0;padding:6px 12px}
details.conv>summary{cursor:pointer;font-weight:600}summary .meta{font-weight:400;color:#55607a;margin-left:8px}
.turn{margin:8px 0;padding:8px 10px;border-radius:6px;white-space:pre-wrap}
.customer{background:#eef2f7;margin-right:15%}.agent{background:#fffdf2;border-left:4px solid #c9b800;margin-left:5%}
.system{background:#f1f1f1;color:#666;font-size:12px}
.who{font-weight:600;font-size:12px;color:#55607a;white-space:normal;margin-bottom:4px}
mark{padding:0 2px;border-radius:3px;cursor:help}mark.error{background:#ffc9c9;border-bottom:2px solid #e03131}
mark.warning{background:#ffe8a3;border-bottom:2px solid #e0a800}mark.info{background:#d6ecff;border-bottom:2px solid #4d8fd6}
mark.strength{background:#c9f2d0;border-bottom:2px solid #2f9e44}
.badge{display:inline-block;padding:0 7px;margin:0 3px 2px 0;border-radius:9px;font-size:11px;color:#fff;font-weight:600}
.good{background:#2f9e44}.ok{background:#d39e00}.bad{background:#e03131}.none{background:#888}
ul.f{margin:6px 0 0;padding-left:18px;font-size:12.5px;white-space:normal}ul.f li{margin:2px 0}
.sev-error{color:#c92a2a;font-weight:600}.sev-warning{color:#9c6f00;font-weight:600}.sev-info{color:#1c64b0}.sev-strength{color:#2b8a3e}
.sugg{color:#2b6b3a}.hidden{display:none!important}#more{margin:12px 0;padding:6px 14px}
"""

_JS = """
(function(){
  var page=%d, shown=page;
  function q(s){return Array.prototype.slice.call(document.querySelectorAll(s));}
  function apply(){
    var cat=document.getElementById('f-cat').value, sev=document.getElementById('f-sev').value,
        agent=document.getElementById('f-agent').value, max=parseFloat(document.getElementById('f-score').value),
        only=document.getElementById('f-only').checked, n=0, total=0;
    document.getElementById('f-score-v').textContent=max;
    q('details.conv').forEach(function(c){
      var any=false;
      c.querySelectorAll('.agent').forEach(function(r){
        var ok=true, d=r.dataset;
        if(cat && (' '+d.cats+' ').indexOf(' '+cat+' ')<0) ok=false;
        if(sev && (' '+d.sevs+' ').indexOf(' '+sev+' ')<0) ok=false;
        if(agent && d.agent!==agent) ok=false;
        if(d.score!=='' && parseFloat(d.score)>max) ok=false;
        if(only && d.problems==='0') ok=false;
        r.classList.toggle('dim', !ok); if(ok) any=true;
      });
      var filtering = cat||sev||agent||only||max<100;
      var match = !filtering || any; if(match) total++;
      var vis = match && n<shown; c.classList.toggle('hidden', !vis); if(vis) n++;
      if(filtering && vis && !c.open) c.open=true;
    });
    document.getElementById('count').textContent=n+' of '+total+' conversations shown';
    document.getElementById('more').classList.toggle('hidden', n>=total);
  }
  q('.filters select, .filters input').forEach(function(e){e.addEventListener('input',function(){shown=page;apply();});});
  document.getElementById('more').addEventListener('click',function(){shown+=page;apply();});
  window.addEventListener('hashchange',function(){var t=document.getElementById(location.hash.slice(1));
    if(t){var d=t.closest('details'); if(d){d.classList.remove('hidden'); d.open=true;} t.scrollIntoView();}});
  apply();
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _badge(label: str, value: float | None) -> str:
    if value is None or value != value:  # None or NaN
        return f'<span class="badge none">{_e(label)} –</span>'
    cls = "good" if value >= 85 else "ok" if value >= 60 else "bad"
    return f'<span class="badge {cls}">{_e(label)} {value:.0f}</span>'


def _kind(f: Finding) -> str:
    return "strength" if f.category == "strength" else f.severity.value


def highlight(text: str, findings: Iterable[Finding]) -> str:
    """The reply as escaped HTML with each finding's span wrapped in ``<mark>``.

    Where spans overlap, the earlier (then longer) one is marked; hover text gives code,
    message and suggestion of every finding that starts there."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    titles: dict[int, list[str]] = defaultdict(list)
    for f in ordered:
        titles[f.start].append(f"{f.code} {f.name}")  # message and suggestion are in the list below
    out: list[str] = []
    pos = 0
    for f in ordered:
        if f.start < pos or f.end <= f.start:
            continue
        out.append(_e(text[pos:f.start]))
        title = "\n".join(titles[f.start])
        out.append(f'<mark class="{_kind(f)}" title="{_e(title)}">{_e(text[f.start:f.end])}</mark>')
        pos = f.end
    out.append(_e(text[pos:]))
    return "".join(out)


def _agent_block(conv_key: str, r: ReplyReport) -> str:
    who = "Agent" + (f" · {r.author}" if r.author else "")
    # Badges for the categories that lost points (all five when it is a clean reply would be noise).
    badges = "".join(_badge(k, v) for k in PROBLEM_CATEGORIES if (v := r.scores.get(k)) is not None and v < 100)
    badges += _badge("overall", r.overall)
    items = []
    for f in r.problems:
        kind = _kind(f)
        ev = ""
        if f.evidence and "turn" in f.evidence:
            ev = f' <a href="#{_e(conv_key)}-t{int(f.evidence["turn"])}">see turn {int(f.evidence["turn"])}</a>'
        items.append(
            f'<li><span class="sev-{kind}">{_e(f.code)} {_e(f.name)}</span> '
            f'<q>{_e(r.text[f.start:f.end][:80])}</q> — {_e(f.message)} <span class="sugg">{_e(f.suggestion)}</span>{ev}</li>'
        )
    if r.strengths:
        names = ", ".join(sorted({f.name for f in r.strengths}))
        items.append(f'<li class="sev-strength">strengths: {_e(names)}</li>')
    cats = " ".join(sorted({f.category for f in r.findings}))
    sevs = " ".join(sorted({_kind(f) for f in r.findings}))
    score = "" if r.overall is None else f"{r.overall:.1f}"
    return (
        f'<div class="turn agent" id="{_e(conv_key)}-t{r.turn}" data-cats="{_e(cats)}" data-sevs="{_e(sevs)}" '
        f'data-agent="{_e(r.author or "")}" data-score="{score}" data-problems="{len(r.problems)}">'
        f'<div class="who">{_e(who)} · turn {r.turn} {badges}</div>{highlight(r.text, r.findings)}'
        + (f'<ul class="f">{"".join(items)}</ul>' if items else "")
        + "</div>"
    )


def _summary_tables(reports: list[ReplyReport]) -> str:
    by_agent: dict[str, list[ReplyReport]] = defaultdict(list)
    for r in reports:
        by_agent[r.author or "(no author)"].append(r)
    head = "".join(f"<th>{_e(c)}</th>" for c in PROBLEM_CATEGORIES)
    rows = []
    for agent, rs in sorted(by_agent.items()):
        scored = [r.overall for r in rs if r.overall is not None]
        mean = sum(scored) / len(scored) if scored else float("nan")
        counts = Counter(f.category for r in rs for f in r.problems)
        errors = sum(1 for r in rs if any(f.severity.value == "error" for f in r.problems))
        strengths = sum(len(r.strengths) for r in rs)
        cells = "".join(f"<td>{counts.get(c, 0)}</td>" for c in PROBLEM_CATEGORIES)
        rows.append(
            f"<tr><td>{_e(agent)}</td><td>{len(rs)}</td><td>{_badge('', mean)}</td>{cells}"
            f"<td>{strengths}</td><td>{errors / len(rs):.0%}</td></tr>"
        )
    agent_table = (
        f"<table><tr><th>agent</th><th>replies</th><th>mean overall</th>{head}<th>strengths</th>"
        f"<th>replies with an error</th></tr>{''.join(rows)}</table>"
    )
    top = Counter((f.code, f.name, f.category) for r in reports for f in r.problems).most_common(12)
    top_rows = "".join(f"<tr><td>{_e(c)}</td><td>{_e(n)}</td><td>{_e(cat)}</td><td>{k}</td></tr>" for (c, n, cat), k in top)
    top_table = f"<table><tr><th>code</th><th>check</th><th>category</th><th>findings</th></tr>{top_rows}</table>"
    strong = Counter(f.name for r in reports for f in r.strengths).most_common(5)
    strong_rows = "".join(f"<tr><td>{_e(n)}</td><td>{k}</td></tr>" for n, k in strong)
    strong_table = f"<table><tr><th>strength</th><th>times</th></tr>{strong_rows}</table>"
    return (
        f"<h2>Per agent</h2>{agent_table}"
        f'<div class="cards" style="margin-top:12px"><div><h2>Most frequent problems</h2>{top_table}</div>'
        f"<div><h2>Strengths seen</h2>{strong_table}</div></div>"
    )


def render_html(
    items: list[tuple[Conversation | None, list[ReplyReport]]], *, title: str = "tonecheck report"
) -> str:
    """The whole page for a run of ``(conversation, reports)`` pairs."""
    reports = [r for _, rs in items for r in rs]
    scored = [r.overall for r in reports if r.overall is not None]
    mean = sum(scored) / len(scored) if scored else 0.0
    flagged = sum(1 for r in reports if r.problems)
    per_cat = Counter(f.category for r in reports for f in r.problems)
    agents = sorted({r.author for r in reports if r.author})
    cards = "".join(
        f'<div class="card">{_e(label)}<b>{_e(value)}</b></div>'
        for label, value in [
            ("agent replies", f"{len(reports):,}"),
            ("conversations", f"{len(items):,}"),
            ("mean overall", f"{mean:.1f}"),
            ("replies with problems", f"{flagged:,}"),
            *((c, f"{per_cat.get(c, 0):,} findings") for c in PROBLEM_CATEGORIES),
        ]
    )
    opts = lambda values: "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)  # noqa: E731
    filters = (
        '<div class="filters">'
        f'<label>category <select id="f-cat"><option value="">all</option>{opts([*PROBLEM_CATEGORIES, "strength"])}</select></label>'
        f'<label>severity <select id="f-sev"><option value="">all</option>{opts(["error", "warning", "info", "strength"])}</select></label>'
        f'<label>agent <select id="f-agent"><option value="">all</option>{opts(agents)}</select></label>'
        '<label>overall at most <input id="f-score" type="range" min="0" max="100" value="100"> <span id="f-score-v">100</span></label>'
        '<label><input id="f-only" type="checkbox"> problems only</label>'
        '<span id="count"></span></div>'
    )
    convs = []
    for i, (conv, rs) in enumerate(items):
        cid = conv.id if conv is not None else (rs[0].conversation_id if rs else str(i))
        key = f"c{i}"
        by_turn = {r.turn: r for r in rs}
        worst = min((r.overall for r in rs if r.overall is not None), default=None)
        n_prob = sum(len(r.problems) for r in rs)
        who = ", ".join(sorted({r.author for r in rs if r.author}))
        body = []
        if conv is None:
            body += [_agent_block(key, r) for r in rs]
        else:
            for t in conv.turns:
                if t.role is Role.AGENT and t.turn in by_turn:
                    body.append(_agent_block(key, by_turn[t.turn]))
                else:
                    cls = "customer" if t.role is Role.CUSTOMER else "system"
                    label = t.role.value.capitalize() + (f" · {t.author}" if t.author else "")
                    body.append(
                        f'<div class="turn {cls}" id="{key}-t{t.turn}"><div class="who">{_e(label)} · turn {t.turn}</div>'
                        f"{_e(t.text or '')}</div>"
                    )
        meta = f"{len(rs)} replies · {n_prob} problems" + (f" · lowest {worst:.0f}" if worst is not None else "") + (f" · {who}" if who else "")
        convs.append(
            f'<details class="conv" id="{key}"><summary>{_e(cid)} <span class="meta">{_e(meta)}</span> '
            f"{_badge('lowest', worst)}</summary>{''.join(body)}</details>"
        )
    return "\n".join(
        [
            "<!doctype html><html lang=en><head><meta charset=utf-8>",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title><style>{_CSS}.dim{{opacity:.35}}</style></head><body>",
            f"<header><h1>{_e(title)}</h1><p>Findings are highlighted in each agent reply; hover a highlight for "
            "the check, the message and a suggestion.</p></header><main>",
            f'<div class="cards">{cards}</div>',
            _summary_tables(reports),
            "<h2>Conversations</h2>",
            filters,
            "".join(convs),
            '<button id="more" type="button">Show more conversations</button>',
            f"</main><script>{_JS % PAGE_SIZE}</script></body></html>",
        ]
    )
