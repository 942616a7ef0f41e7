"""A self-contained HTML report a team lead opens in a browser.

One file, inline CSS and inline JavaScript, nothing fetched (a Content-Security-Policy
forbids any request). It shows

* an overview: headline cards, a per-agent table (the numbers of :func:`summarize`), a
  per-category table (findings by severity, replies affected, mean score) and the most
  frequent findings; clicking an agent or a check filters the conversations below;
* filters by category, severity (at least), check, agent, overall score (at most), and
  "problems only", plus a sort order;
* every conversation as a chat, collapsed to one line with its agents, counts and lowest
  score, paged 50 at a time; opening one renders its turns: each agent reply with its
  scores as coloured badges and its findings highlighted in the text (hover for code,
  message and suggestion; a side note lists them all with a link that jumps to, and
  highlights, the earlier turn a finding's ``evidence`` points at).

How it stays fast and small with 10,000 replies: the conversations are not HTML but one
JSON document (strings for checks, messages and suggestions stored once), and the script
builds the DOM only for the conversations on the page being looked at.

How it stays safe with hostile transcripts: the JSON sits in a ``<script
type="application/json">`` element with every ``<``, ``>`` and ``&`` written as a ``\\u``
escape, so no transcript can close the element (``</script>``) or open a comment
(``<!--``); the script puts transcript text into the page only through ``textContent``
and ``createTextNode``, never as markup; the overview, built here, goes through
:func:`html.escape`. On top of that the policy lets only this page's own script run (by
its SHA-256), so even an injected event handler could not.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from tonecheck.types import PROBLEM_CATEGORIES, Conversation, Finding, ReplyReport, Role

__all__ = ["PAGE_SIZE", "build_data", "embed_json", "highlight", "render_html"]

#: Conversations per page.
PAGE_SIZE = 50

_SEV_CODE = {"info": 0, "warning": 1, "error": 2}
_ROLE_CODE = {Role.CUSTOMER: 0, Role.AGENT: 1, Role.SYSTEM: 2}

_CSS = """
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2433;background:#f4f6f9}
header{background:#1d2433;color:#fff;padding:14px 24px}header h1{font-size:1.3rem;margin:0}header p{margin:4px 0 0;color:#c9d1e0}
main{padding:12px 24px 40px;max-width:1280px}h2{font-size:1.05rem;margin:18px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#fff;border:1px solid #d8dce3;border-radius:8px;padding:8px 14px;min-width:130px}
.card b{display:block;font-size:1.35rem}.card small{color:#55607a}
.grid{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
table{border-collapse:collapse;background:#fff;font-size:13px}
td,th{border:1px solid #d8dce3;padding:3px 8px;text-align:left;vertical-align:top}th{background:#eef1f6;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.pick{cursor:pointer}tr.pick:hover td{background:#eef5ff}
.filters{position:sticky;top:0;z-index:3;background:#f4f6f9;padding:8px 0;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;border-bottom:1px solid #d8dce3}
.filters label{font-size:13px;white-space:nowrap}select,input,button{font:inherit;font-size:13px}
#count{color:#55607a;font-size:13px}
.conv{background:#fff;border:1px solid #d8dce3;border-radius:8px;margin:8px 0}
.conv>.head{cursor:pointer;padding:7px 12px;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;user-select:none}
.conv>.head:hover{background:#f7f9fc}.conv>.head .id{font-weight:600}.conv>.head .meta{color:#55607a}
.conv>.head::before{content:"\\25B8";color:#55607a}.conv.open>.head::before{content:"\\25BE"}
.conv>.body{padding:0 12px 8px;border-top:1px solid #eef1f6}
.turn{margin:8px 0;padding:7px 10px;border-radius:6px}
.turn .txt{white-space:pre-wrap;overflow-wrap:anywhere}
.customer{background:#eef2f7;margin-right:14%}.agent{background:#fffdf2;border-left:4px solid #c9b800;margin-left:6%}
.agent.clean{border-left-color:#2f9e44;background:#f7fcf8}.system{background:#f1f1f1;color:#666;font-size:12px}
.agent.dim,.customer.dim{opacity:.4}.turn.flash{outline:3px solid #4d8fd6;transition:outline .2s}
.who{font-weight:600;font-size:12px;color:#55607a;margin-bottom:3px}
mark{padding:0 1px;border-radius:3px;cursor:help;color:inherit}
mark.error{background:#ffc9c9;border-bottom:2px solid #e03131}mark.warning{background:#ffe8a3;border-bottom:2px solid #e0a800}
mark.info{background:#d6ecff;border-bottom:2px solid #4d8fd6}mark.strength{background:#c9f2d0;border-bottom:2px solid #2f9e44}
mark.ev{background:#e5dbff;border-bottom:2px dashed #7048e8;cursor:default}
.badge{display:inline-block;padding:0 7px;margin:0 3px 1px 0;border-radius:9px;font-size:11px;color:#fff;font-weight:600;white-space:nowrap}
.good{background:#2f9e44}.ok{background:#c28e00}.bad{background:#e03131}.none{background:#888}
.chip{display:inline-block;padding:0 6px;border-radius:4px;font-size:11px;background:#eef1f6;color:#394260}
ul.notes{margin:6px 0 0;padding-left:18px;font-size:12.5px}ul.notes li{margin:2px 0}
.k-error{color:#c92a2a;font-weight:600}.k-warning{color:#9c6f00;font-weight:600}.k-info{color:#1c64b0;font-weight:600}.k-strength{color:#2b8a3e;font-weight:600}
.sugg{color:#2b6b3a}.sugg::before{content:"\\2192  "}q{font-style:italic}
.pager{display:flex;gap:8px;align-items:center;margin:10px 0}
#tip{position:absolute;z-index:9;max-width:420px;background:#1d2433;color:#fff;padding:8px 10px;border-radius:6px;font-size:12.5px;box-shadow:0 4px 14px rgba(0,0,0,.25);pointer-events:none}
#tip .c{font-weight:700}#tip .s{color:#b2f2bb;margin-top:4px}.hidden{display:none!important}
.legend{font-size:12px;color:#55607a}.legend mark{cursor:default}
"""

_JS = r"""
(function(){
'use strict';
var D = JSON.parse(document.getElementById('tc-data').textContent);
var PAGE = D.page, CATS = D.categories, SEV = ['info','warning','error'];
var $ = function(id){ return document.getElementById(id); };
function el(tag, cls, text){ var e=document.createElement(tag); if(cls) e.className=cls; if(text!=null) e.textContent=text; return e; }
function kind(f){ return D.checks[f[0]][2]==='strength' ? 'strength' : SEV[f[1]]; }
function scoreCls(v){ return v==null ? 'none' : v>=85 ? 'good' : v>=60 ? 'ok' : 'bad'; }
function badge(label, v){ return el('span','badge '+scoreCls(v), label+' '+(v==null?'\u2013':Math.round(v))); }

// Per reply and per conversation facts the filters read, computed once.
var R = D.replies, C = D.convs;
C.forEach(function(c, i){ c.idx=i; c.replies=[]; });
R.forEach(function(r, i){
  r.idx=i; C[r.c].replies.push(r);
  r.problems = r.f.filter(function(f){ return D.checks[f[0]][2]!=='strength'; }).length;
});
C.forEach(function(c){
  var low=null, probs=0, agents={};
  c.replies.forEach(function(r){ if(r.o!=null && (low==null || r.o<low)) low=r.o; probs+=r.problems; if(r.a>=0) agents[D.agents[r.a]]=1; });
  c.low=low; c.probs=probs; c.agentNames=Object.keys(agents).sort();
});

var state = {cat:'', sev:-1, code:'', agent:'', max:100, only:false, sort:'input', page:0};
var matching = C, openSet = {};

function findingOk(f){
  var chk = D.checks[f[0]];
  if(state.cat && chk[2]!==state.cat) return false;
  if(state.sev>=0 && (chk[2]==='strength' || f[1]<state.sev)) return false;
  if(state.code && chk[0]!==state.code) return false;
  return true;
}
function findingFilter(){ return state.cat || state.sev>=0 || state.code; }
function replyOk(r){
  if(state.agent && (r.a<0 || D.agents[r.a]!==state.agent)) return false;
  if(state.max<100 && (r.o==null || r.o>state.max)) return false;
  if(state.only && !r.problems) return false;
  if(findingFilter() && !r.f.some(findingOk)) return false;
  return true;
}
function filtering(){ return findingFilter() || state.agent || state.max<100 || state.only; }

function refilter(){
  var on = filtering();
  matching = C.filter(function(c){ return !on || c.replies.some(replyOk); });
  if(state.sort==='low') matching = matching.slice().sort(function(a,b){ return (a.low==null?101:a.low)-(b.low==null?101:b.low) || a.idx-b.idx; });
  else if(state.sort==='problems') matching = matching.slice().sort(function(a,b){ return b.probs-a.probs || a.idx-b.idx; });
  state.page = 0; openSet = {};
  draw();
}

// Text with highlighted spans: finding marks first, evidence marks where they do not overlap.
function addText(parent, text, spans){
  spans.sort(function(a,b){ return a.s-b.s || b.e-a.e; });
  var pos=0;
  spans.forEach(function(sp){
    if(sp.s<pos || sp.e<=sp.s || sp.e>text.length) return;
    if(sp.s>pos) parent.appendChild(document.createTextNode(text.slice(pos, sp.s)));
    var m = el('mark', sp.cls, text.slice(sp.s, sp.e));
    if(sp.tip!=null) m.dataset.tip = sp.tip;
    if(sp.note) m.dataset.note = sp.note;
    parent.appendChild(m); pos=sp.e;
  });
  if(pos<text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
}

function turnEl(c, t, evidence){
  // t = [role, turn, authorIndex, text, replyIndex]
  var role=t[0], who=['Customer','Agent','System'][role], r = t[4]>=0 ? R[t[4]] : null;
  var box = el('div','turn '+['customer','agent','system'][role]);
  box.id = 'c'+c.idx+'-t'+t[1];
  var head = el('div','who', who + (t[2]>=0 ? ' \u00b7 '+D.agents[t[2]] : '') + ' \u00b7 turn '+t[1]+' ');
  box.appendChild(head);
  var spans = (evidence[t[1]]||[]).map(function(e){ return {s:e[0], e:e[1], cls:'ev', tip:-1}; });
  var notes = null;
  if(r){
    if(!r.problems) box.classList.add('clean');
    if(filtering()) box.classList.toggle('dim', !replyOk(r));
    box.dataset.reply = r.idx;
    CATS.forEach(function(k, i){ if(r.s && r.s[i]!=null && r.s[i]<100) head.appendChild(badge(k, r.s[i])); });
    head.appendChild(badge('overall', r.o));
    notes = el('ul','notes');
    var fs = r.f.slice().sort(function(a,b){ return (D.checks[a[0]][2]==='strength') - (D.checks[b[0]][2]==='strength') || b[1]-a[1] || a[2]-b[2]; });
    var strengths = [];
    fs.forEach(function(f){
      var chk=D.checks[f[0]], k=kind(f), fi=r.f.indexOf(f), id='n'+r.idx+'-'+fi;
      spans.unshift({s:f[2], e:f[3], cls:k, tip:r.idx+':'+fi, note:id});
      if(k==='strength'){ strengths.push(f); return; }
      var li = el('li'); li.id=id;
      li.appendChild(el('span','k-'+k, chk[0]+' '+chk[1]));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('q', null, t[3].slice(f[2], f[3]).slice(0, 90)));
      li.appendChild(document.createTextNode(' \u2014 '+D.strings[f[4]]+' '));
      li.appendChild(el('span','sugg', D.strings[f[5]]));
      if(f.length>6 && f[6]!=null){
        var a = el('a', 'evlink', ' see turn '+f[6]);
        a.href = '#c'+c.idx+'-t'+f[6];
        a.dataset.target = 'c'+c.idx+'-t'+f[6];
        li.appendChild(document.createTextNode(' '));
        li.appendChild(a);
      }
      notes.appendChild(li);
    });
    if(strengths.length){
      var names = {}; strengths.forEach(function(f){ names[D.checks[f[0]][1]]=1; });
      notes.appendChild(el('li','k-strength','strengths: '+Object.keys(names).sort().join(', ')));
    }
  }
  var txt = el('div','txt'); addText(txt, t[3], spans); box.appendChild(txt);
  if(notes && notes.childNodes.length) box.appendChild(notes);
  return box;
}

function renderBody(c, wrap){
  // Evidence spans: turn -> [[start, end]] from every finding in this conversation.
  var evidence = {};
  c.replies.forEach(function(r){ r.f.forEach(function(f){
    if(f.length>6 && f[6]!=null && f[7]!=null && f[8]!=null && f[8]>f[7]) (evidence[f[6]]=evidence[f[6]]||[]).push([f[7], f[8]]);
  }); });
  var body = el('div','body');
  c.turns.forEach(function(t){ body.appendChild(turnEl(c, t, evidence)); });
  wrap.appendChild(body);
}

function convEl(c){
  var wrap = el('div','conv'); wrap.id='c'+c.idx; wrap.dataset.conv=c.idx;
  var head = el('div','head'); head.setAttribute('role','button'); head.tabIndex=0;
  head.appendChild(el('span','id', c.id));
  head.appendChild(el('span','meta', c.replies.length+' replies \u00b7 '+c.probs+' problems'+(c.agentNames.length ? ' \u00b7 '+c.agentNames.join(', ') : '')));
  head.appendChild(badge('lowest', c.low));
  var cats = {};
  c.replies.forEach(function(r){ r.f.forEach(function(f){ var k=D.checks[f[0]][2]; if(k!=='strength') cats[k]=1; }); });
  Object.keys(cats).sort().forEach(function(k){ head.appendChild(el('span','chip',k)); });
  wrap.appendChild(head);
  if(openSet[c.idx]){ wrap.classList.add('open'); renderBody(c, wrap); }
  return wrap;
}

function toggle(wrap, open){
  var c = C[+wrap.dataset.conv], isOpen = wrap.classList.contains('open');
  if(open==null) open = !isOpen;
  if(open===isOpen) return;
  wrap.classList.toggle('open', open);
  if(open){ openSet[c.idx]=1; renderBody(c, wrap); }
  else { delete openSet[c.idx]; var b=wrap.querySelector('.body'); if(b) b.remove(); }
}

function draw(){
  var list = $('convs'); list.textContent='';
  var pages = Math.max(1, Math.ceil(matching.length/PAGE));
  if(state.page>=pages) state.page=pages-1;
  var from = state.page*PAGE, slice = matching.slice(from, from+PAGE);
  var auto = filtering() && slice.length<=10;
  var frag = document.createDocumentFragment();
  slice.forEach(function(c){ if(auto) openSet[c.idx]=1; frag.appendChild(convEl(c)); });
  list.appendChild(frag);
  var nrep = 0; matching.forEach(function(c){ nrep += filtering() ? c.replies.filter(replyOk).length : c.replies.length; });
  $('count').textContent = matching.length+' of '+C.length+' conversations ('+nrep+' matching replies)';
  ['top','bottom'].forEach(function(w){
    $('pg-'+w).textContent = matching.length ? 'page '+(state.page+1)+' of '+pages+' (conversations '+(from+1)+'\u2013'+(from+slice.length)+')' : 'nothing matches these filters';
    $('prev-'+w).disabled = state.page===0; $('next-'+w).disabled = state.page>=pages-1;
  });
}

function go(page){ state.page=page; openSet={}; draw(); $('conversations').scrollIntoView(); }

function readFilters(){
  state.cat=$('f-cat').value; state.sev=parseInt($('f-sev').value,10); state.code=$('f-code').value;
  state.agent=$('f-agent').value; state.max=parseFloat($('f-score').value); state.only=$('f-only').checked;
  state.sort=$('f-sort').value; $('f-score-v').textContent=state.max;
  refilter();
}
// Selects and the checkbox on change, the slider while it moves (each change filters once).
['f-cat','f-sev','f-code','f-agent','f-only','f-sort'].forEach(function(id){ $(id).addEventListener('change', readFilters); });
$('f-score').addEventListener('input', readFilters);
$('f-reset').addEventListener('click', function(){
  $('f-cat').value=''; $('f-sev').value='-1'; $('f-code').value=''; $('f-agent').value='';
  $('f-score').value=100; $('f-only').checked=false; $('f-sort').value='input'; readFilters();
});
['top','bottom'].forEach(function(w){
  $('prev-'+w).addEventListener('click', function(){ go(state.page-1); });
  $('next-'+w).addEventListener('click', function(){ go(state.page+1); });
});
$('open-all').addEventListener('click', function(){ Array.prototype.forEach.call(document.querySelectorAll('#convs .conv'), function(w){ toggle(w, true); }); });
$('close-all').addEventListener('click', function(){ Array.prototype.forEach.call(document.querySelectorAll('#convs .conv'), function(w){ toggle(w, false); }); });

// Overview rows pick a filter.
Array.prototype.forEach.call(document.querySelectorAll('tr.pick'), function(tr){
  tr.addEventListener('click', function(){
    var d = tr.dataset;
    if(d.agent!=null) $('f-agent').value = d.agent;
    if(d.code!=null) $('f-code').value = d.code;
    if(d.cat!=null) $('f-cat').value = d.cat;
    readFilters(); $('conversations').scrollIntoView();
  });
});

var list = $('convs'), tip = $('tip');
list.addEventListener('click', function(ev){
  var head = ev.target.closest('.head');
  if(head){ toggle(head.parentNode); return; }
  var a = ev.target.closest('a.evlink');
  if(a){
    ev.preventDefault();
    var t = document.getElementById(a.dataset.target);
    if(t){ t.scrollIntoView({block:'center'}); t.classList.add('flash'); setTimeout(function(){ t.classList.remove('flash'); }, 1600); }
    return;
  }
  var m = ev.target.closest('mark');
  if(m && m.dataset.note){ var n=document.getElementById(m.dataset.note); if(n){ n.scrollIntoView({block:'nearest'}); n.classList.add('flash'); setTimeout(function(){ n.classList.remove('flash'); }, 1200); } }
});
list.addEventListener('keydown', function(ev){ var h=ev.target.closest('.head'); if(h && (ev.key==='Enter'||ev.key===' ')){ ev.preventDefault(); toggle(h.parentNode); } });
list.addEventListener('mouseover', function(ev){
  var m = ev.target.closest('mark');
  if(!m || m.dataset.tip==null){ tip.classList.add('hidden'); return; }
  tip.textContent='';
  if(m.dataset.tip==='-1'){ tip.appendChild(el('div', null, 'What the customer said earlier (evidence for a finding below).')); }
  else {
    var p = m.dataset.tip.split(':'), r = R[+p[0]], f = r.f[+p[1]], chk = D.checks[f[0]];
    tip.appendChild(el('div','c', chk[0]+' '+chk[1]+' \u00b7 '+kind(f)));
    tip.appendChild(el('div', null, D.strings[f[4]]));
    if(D.strings[f[5]]) tip.appendChild(el('div','s', D.strings[f[5]]));
    if(f.length>6 && f[6]!=null) tip.appendChild(el('div', null, 'Evidence: turn '+f[6]));
  }
  var b = m.getBoundingClientRect();
  tip.style.left = Math.max(4, Math.min(window.scrollX+b.left, window.scrollX+document.documentElement.clientWidth-430))+'px';
  tip.style.top = (window.scrollY+b.bottom+6)+'px';
  tip.classList.remove('hidden');
});
list.addEventListener('mouseout', function(ev){ if(ev.target.closest('mark')) tip.classList.add('hidden'); });

readFilters();
document.body.dataset.ready = '1';
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` (so
    ``</script>`` and ``<!--``) and the JavaScript line separators become ``\\u`` escapes,
    which ``JSON.parse`` reads back as the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _num(value: float | None) -> float | None:
    if value is None or value != value:  # None or NaN
        return None
    return round(float(value), 1)


def _kind(f: Finding) -> str:
    return "strength" if f.category == "strength" else f.severity.value


def highlight(text: str, findings: Iterable[Finding]) -> str:
    """The reply as escaped HTML with each finding's span wrapped in ``<mark>`` (for
    notebooks and other server-side uses; the report itself highlights in the browser).

    Where spans overlap, the earlier (then longer) one is marked; the hover text gives
    code, name and suggestion of every finding that starts there."""
    ordered = sorted(findings, key=lambda f: (f.start, -f.end))
    titles: dict[int, list[str]] = defaultdict(list)
    for f in ordered:
        titles[f.start].append(f"{f.code} {f.name}: {f.suggestion}")
    out: list[str] = []
    pos = 0
    for f in ordered:
        if f.start < pos or f.end <= f.start:
            continue
        out.append(_e(text[pos : f.start]))
        title = "\n".join(titles[f.start])
        out.append(f'<mark class="{_kind(f)}" title="{_e(title)}">{_e(text[f.start : f.end])}</mark>')
        pos = f.end
    out.append(_e(text[pos:]))
    return "".join(out)


class _Interner:
    """Stores each distinct value once and hands out its index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.values: list[Any] = []

    def __call__(self, value: Any) -> int:
        i = self.index.get(value)
        if i is None:
            i = self.index[value] = len(self.values)
            self.values.append(value)
        return i


def build_data(items: list[tuple[Conversation | None, list[ReplyReport]]]) -> dict[str, Any]:
    """The report's data as compact JSON-ready lists.

    ``convs``: ``{"id", "turns": [[role, turn, author, text, reply], ...]}`` with role
    0 customer, 1 agent, 2 system, and ``author``/``reply`` indices (-1 for none).
    ``replies``: ``{"c": conversation, "t": turn, "a": author, "s": five scores, "o":
    overall, "f": findings}``, each finding ``[check, severity, start, end, message,
    suggestion]`` plus ``[turn, start, end]`` of its evidence when it has one.
    ``checks`` (``[code, name, category]``), ``strings`` and ``agents`` hold each value once.
    """
    checks, strings, agents = _Interner(), _Interner(), _Interner()
    convs: list[dict[str, Any]] = []
    replies: list[dict[str, Any]] = []

    def author(name: str | None) -> int:
        return -1 if not name else agents(str(name))

    for i, (conv, rs) in enumerate(items):
        ci = len(convs)
        cid = conv.id if conv is not None else (rs[0].conversation_id if rs and rs[0].conversation_id is not None else str(i))
        reply_at: dict[int | None, int] = {}
        for r in rs:
            f_rows = []
            for f in r.findings:
                row: list[Any] = [
                    checks((f.code, f.name, f.category)), _SEV_CODE[f.severity.value], f.start, f.end,
                    strings(f.message or ""), strings(f.suggestion or ""),
                ]
                if f.evidence and "turn" in f.evidence:
                    row += [int(f.evidence["turn"]), f.evidence.get("start"), f.evidence.get("end")]
                f_rows.append(row)
            reply_at[r.turn] = len(replies)
            replies.append(
                {
                    "c": ci,
                    "t": r.turn,
                    "a": author(r.author),
                    "s": [_num(r.scores.get(c)) for c in PROBLEM_CATEGORIES] if r.scores else None,
                    "o": _num(r.overall),
                    "f": f_rows,
                }
            )
        turns: list[list[Any]] = []
        if conv is None:
            for r in rs:
                turns.append([1, r.turn, author(r.author), r.text or "", reply_at[r.turn]])
        else:
            for t in conv.turns:
                ri = reply_at.get(t.turn, -1) if t.role is Role.AGENT else -1
                turns.append([_ROLE_CODE[t.role], t.turn, author(t.author) if t.role is Role.AGENT else -1, t.text or "", ri])
        convs.append({"id": str(cid), "turns": turns})
    return {
        "page": PAGE_SIZE,
        "categories": list(PROBLEM_CATEGORIES),
        "checks": [list(c) for c in checks.values],
        "strings": strings.values,
        "agents": agents.values,
        "convs": convs,
        "replies": replies,
    }


def _badge(label: str, value: float | None) -> str:
    value = _num(value)
    prefix = f"{_e(label)} " if label else ""
    if value is None:
        return f'<span class="badge none">{prefix}–</span>'
    cls = "good" if value >= 85 else "ok" if value >= 60 else "bad"
    return f'<span class="badge {cls}">{prefix}{value:.0f}</span>'


def _overview(reports: list[ReplyReport], n_convs: int) -> str:
    """Cards, the per-agent table (from :func:`summarize`), the per-category table and the
    most frequent findings; rows that pick a filter carry it in ``data-`` attributes."""
    from tonecheck.report.frames import reports_to_frame, summarize

    scored = [r.overall for r in reports if r.overall is not None]
    mean = sum(scored) / len(scored) if scored else None
    flagged = sum(1 for r in reports if r.problems)
    with_error = sum(1 for r in reports if any(f.severity.value == "error" for f in r.problems))
    cards = "".join(
        f'<div class="card">{_e(label)}<b>{_e(value)}</b>{f"<small>{_e(sub)}</small>" if sub else ""}</div>'
        for label, value, sub in [
            ("agent replies", f"{len(reports):,}", f"in {n_convs:,} conversations"),
            ("mean overall", "–" if mean is None else f"{mean:.1f}", "0-100, higher is better"),
            ("replies with problems", f"{flagged:,}", f"{flagged / len(reports):.0%} of replies" if reports else ""),
            ("replies with an error", f"{with_error:,}", f"{with_error / len(reports):.0%} of replies" if reports else ""),
        ]
    )

    # Per agent: the same numbers as tonecheck.summarize(scored, by="author").
    agent_html = "<p>No agent names in the input (add an <code>author</code> column for per-agent summaries).</p>"
    if any(r.author for r in reports):
        per = summarize(reports_to_frame(reports), by="author")
        head = "".join(f"<th>{_e(c)}</th>" for c in PROBLEM_CATEGORIES)
        rows = []
        for rec in per.to_dict("records"):
            name = rec["author"] if isinstance(rec["author"], str) else ""
            cells = "".join(f'<td class="n">{int(rec[f"n_{c}"])}</td>' for c in PROBLEM_CATEGORIES)
            attr = f' class="pick" data-agent="{_e(name)}" title="show this agent\'s replies"' if name else ""
            rows.append(
                f"<tr{attr}><td>{_e(name or '(no author)')}</td><td class=n>{int(rec['replies'])}</td>"
                f"<td>{_badge('', rec['overall'])}</td>{cells}<td class=n>{int(rec['n_strengths'])}</td>"
                f"<td class=n>{rec['error_share']:.0%}</td><td>{_e(rec['most_frequent'] or '')}</td></tr>"
            )
        agent_html = (
            f"<table id=per-agent><tr><th>agent</th><th>replies</th><th>mean overall</th>{head}<th>strengths</th>"
            f"<th>replies with an error</th><th>most frequent problem</th></tr>{''.join(rows)}</table>"
        )

    # Per category: findings by severity, replies affected, mean score.
    sev = Counter((f.category, f.severity.value) for r in reports for f in r.problems)
    affected = Counter(c for r in reports for c in {f.category for f in r.problems})
    cat_rows = []
    for c in PROBLEM_CATEGORIES:
        vals = [r.scores[c] for r in reports if r.scores and r.scores.get(c) is not None]
        m = sum(vals) / len(vals) if vals else None
        cat_rows.append(
            f'<tr class="pick" data-cat="{_e(c)}" title="show replies with {_e(c)} findings"><td>{_e(c)}</td>'
            f"<td>{_badge('', m)}</td><td class=n>{sev[(c, 'error')]}</td><td class=n>{sev[(c, 'warning')]}</td>"
            f"<td class=n>{sev[(c, 'info')]}</td><td class=n>{affected[c]}</td></tr>"
        )
    cat_html = (
        "<table id=per-category><tr><th>category</th><th>mean</th><th>errors</th><th>warnings</th><th>info</th>"
        f"<th>replies affected</th></tr>{''.join(cat_rows)}</table>"
    )

    counts = Counter((f.code, f.name, f.category) for r in reports for f in r.problems)
    worst = defaultdict(int)
    for r in reports:
        for f in r.problems:
            worst[f.code] = max(worst[f.code], f.severity.rank)
    top_rows = "".join(
        f'<tr class="pick" data-code="{_e(code)}" title="show replies with {_e(name)}"><td>{_e(code)}</td><td>{_e(name)}</td>'
        f"<td>{_e(cat)}</td><td class=n>{k}</td></tr>"
        for (code, name, cat), k in counts.most_common(12)
    )
    top_html = f"<table id=top-findings><tr><th>code</th><th>check</th><th>category</th><th>findings</th></tr>{top_rows}</table>"
    strong = Counter((f.code, f.name) for r in reports for f in r.strengths).most_common(5)
    strong_rows = "".join(
        f'<tr class="pick" data-code="{_e(code)}"><td>{_e(name)}</td><td class=n>{k}</td></tr>' for (code, name), k in strong
    )
    strong_html = f"<table id=strengths><tr><th>strength</th><th>times</th></tr>{strong_rows}</table>"
    return (
        f'<div class="cards">{cards}</div>'
        f"<h2>Per agent</h2>{agent_html}"
        f'<div class="grid"><div><h2>Per category</h2>{cat_html}</div>'
        f"<div><h2>Most frequent problems</h2>{top_html}</div><div><h2>Strengths seen</h2>{strong_html}</div></div>"
    )


def _filters(reports: list[ReplyReport]) -> str:
    def opts(values: Iterable[tuple[str, str]]) -> str:
        return "".join(f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in values)

    agents = sorted({r.author for r in reports if r.author})
    codes = sorted({(f.code, f.name) for r in reports for f in r.findings})
    return (
        '<div class="filters" id="filters">'
        f'<label>category <select id="f-cat"><option value="">all</option>{opts((c, c) for c in [*PROBLEM_CATEGORIES, "strength"])}</select></label>'
        '<label>severity <select id="f-sev"><option value="-1">any</option><option value="0">info or worse</option>'
        '<option value="1">warning or worse</option><option value="2">error</option></select></label>'
        f'<label>check <select id="f-code"><option value="">all</option>{opts((c, f"{c} {n}") for c, n in codes)}</select></label>'
        f'<label>agent <select id="f-agent"><option value="">all</option>{opts((a, a) for a in agents)}</select></label>'
        '<label>overall at most <input id="f-score" type="range" min="0" max="100" step="5" value="100"> '
        '<span id="f-score-v">100</span></label>'
        '<label><input id="f-only" type="checkbox"> problems only</label>'
        '<label>sort <select id="f-sort"><option value="input">input order</option><option value="low">lowest score first</option>'
        '<option value="problems">most problems first</option></select></label>'
        '<button id="f-reset" type="button">reset</button><span id="count"></span></div>'
    )


def _pager(where: str) -> str:
    extra = (
        '<button id="open-all" type="button">open all on this page</button>'
        '<button id="close-all" type="button">close all</button>'
        if where == "top"
        else ""
    )
    return (
        f'<div class="pager"><button id="prev-{where}" type="button">&larr; previous</button>'
        f'<span id="pg-{where}"></span><button id="next-{where}" type="button">next &rarr;</button>{extra}</div>'
    )


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"


def render_html(
    items: list[tuple[Conversation | None, list[ReplyReport]]], *, title: str = "tonecheck report"
) -> str:
    """The whole page for a run of ``(conversation, reports)`` pairs (``conversation`` may
    be ``None``: then only the agent replies are shown)."""
    reports = [r for _, rs in items for r in rs]
    data = embed_json(build_data(items))
    legend = (
        '<p class="legend">Highlights: <mark class="error">error</mark> <mark class="warning">warning</mark> '
        '<mark class="info">info</mark> <mark class="strength">strength</mark> '
        '<mark class="ev">what the customer said earlier</mark>. Click a conversation to open it; hover a '
        "highlight for the check, the message and a suggestion; click a row above to filter.</p>"
    )
    return "\n".join(
        [
            "<!doctype html><html lang=en><head><meta charset=utf-8>",
            f'<meta http-equiv="Content-Security-Policy" content="{_csp(_JS)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
            f"<header><h1>{_e(title)}</h1><p>Where agents failed the customer, reply by reply, with the words as "
            "evidence and what to write instead.</p></header><main>",
            _overview(reports, len(items)),
            '<h2 id="conversations">Conversations</h2>',
            _filters(reports),
            legend,
            "<noscript><p>This report needs JavaScript to show the conversations.</p></noscript>",
            _pager("top"),
            '<div id="convs"></div>',
            _pager("bottom"),
            '</main><div id="tip" class="hidden"></div>',
            f'<script type="application/json" id="tc-data">{data}</script>',
            f"<script>{_JS}</script></body></html>",
        ]
    )
