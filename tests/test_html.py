"""The HTML report: self-contained, escaped, highlighted, filterable, paged; and in a real browser.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``) with the ``playwright``
package (never a downloaded browser) and skip, saying why, where either is missing. Set
``TONECHECK_SCREENSHOT=docs/report.png`` to refresh the README's screenshot.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import cli
from tonecheck.report.frames import reports_to_frame, summarize
from tonecheck.report.html import PAGE_SIZE, build_data, embed_json, highlight, render_html
from tonecheck.types import Conversation, Finding, ReplyReport, Role, Severity, Turn

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = (
    '<script>alert(1)</script><img src=x onerror=alert(2)> </script><!-- "quote\' &amp; '
    "<svg onload=alert(3)> \u2028 ]]> <style>body{display:none}</style>"
)
SCORES = {"empathy": 100.0, "clarity": 80.0, "attention": 100.0, "professionalism": 100.0, "pressure": 100.0}


def _hostile_items() -> list[tuple[Conversation, list[ReplyReport]]]:
    """A conversation where every field a transcript controls holds hostile text."""
    f = Finding("CLR002", "spelling", "clarity", Severity.WARNING, 0, 8, f"msg {HOSTILE}", f"fix {HOSTILE}", {"turn": 1, "start": 0, "end": 8})
    report = ReplyReport(HOSTILE, [f], SCORES, 90.0, HOSTILE, 2, HOSTILE, 1)
    conv = Conversation(HOSTILE, (Turn(HOSTILE, 1, Role.CUSTOMER, HOSTILE, None), Turn(HOSTILE, 2, Role.AGENT, HOSTILE, HOSTILE)))
    return [(conv, [report])]


class _Tags(HTMLParser):
    """Every element, event-handler attribute and comment the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.comments = 0
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def handle_comment(self, data):
        self.comments += 1


@pytest.fixture(scope="module")
def sample_items(analyzer, samples_dir):
    return list(analyzer.iter_conversations(samples_dir / "sample.csv"))


def test_embedded_json_cannot_close_its_script_element_or_open_a_comment():
    data = {"text": HOSTILE, "more": ["</SCRIPT >", "<!--", "a & b", "\u2029"]}
    out = embed_json(data)
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == data  # the escapes read back as the same characters


def test_hostile_transcript_text_never_becomes_markup():
    page = render_html(_hostile_items(), title=HOSTILE)
    parsed = _Tags()
    parsed.feed(page)
    assert parsed.tags.count("script") == 2  # the JSON data and our script, nothing else
    assert "img" not in parsed.tags and "svg" not in parsed.tags and parsed.tags.count("style") == 1
    assert parsed.handlers == [] and parsed.comments == 0
    data_script = parsed.scripts[0]
    assert json.loads(data_script)["convs"][0]["turns"][0][3] == HOSTILE
    assert "&lt;script&gt;" in page  # the title and overview are HTML-escaped


def test_page_allows_only_its_own_script_and_fetches_nothing():
    page = render_html(_hostile_items())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    script = _Tags()
    script.feed(page)
    digest = base64.b64encode(hashlib.sha256(script.scripts[1].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # our script is the only one allowed to run
    assert not re.search(r'\b(src|href)="(https?:)?//', page) and "@import" not in page


def test_highlight_wraps_finding_spans_and_escapes_the_rest():
    f = Finding("CLR002", "spelling", "clarity", Severity.WARNING, 4, 13, "m", "s")
    out = highlight("You <recieve> it", [f])
    assert out == 'You <mark class="warning" title="CLR002 spelling: s">&lt;recieve&gt;</mark> it'


def test_report_data_keeps_every_turn_reply_finding_and_evidence(sample_items):
    data = build_data(sample_items)
    reports = [r for _, rs in sample_items for r in rs]
    assert len(data["convs"]) == 12 and len(data["replies"]) == len(reports) == 56
    assert sum(len(c["turns"]) for c in data["convs"]) == sum(len(c.turns) for c, _ in sample_items)
    for row, r in zip(data["replies"], reports, strict=True):
        assert data["agents"][row["a"]] == r.author and row["o"] == round(r.overall, 1)
        turn = next(t for t in data["convs"][row["c"]]["turns"] if t[1] == r.turn)
        assert turn[3] == r.text and data["replies"][turn[4]] is row
        for f_row, f in zip(row["f"], r.findings, strict=True):
            code, name, category = data["checks"][f_row[0]]
            assert (code, name, category) == (f.code, f.name, f.category)
            assert (f_row[2], f_row[3]) == (f.start, f.end)
            assert (data["strings"][f_row[4]], data["strings"][f_row[5]]) == (f.message, f.suggestion)
            assert f_row[6:] == ([f.evidence["turn"], f.evidence.get("start"), f.evidence.get("end")] if f.evidence else [])
    # The earlier turn of a re-asked username is in the data, with the span that gave it.
    amazon = next(i for i, c in enumerate(data["convs"]) if c["id"] == "amazon-chat")
    re_ask = next(f for r in data["replies"] if r["c"] == amazon for f in r["f"] if data["checks"][f[0]][1] == "reasked-information")
    first = data["convs"][amazon]["turns"][re_ask[6] - 1]
    assert first[3][re_ask[7] : re_ask[8]] == "adelgado77"


def test_messages_and_suggestions_are_stored_once():
    f = Finding("EMP002", "dismissive-language", "empathy", Severity.WARNING, 0, 9, "same message", "same suggestion")
    items = [(None, [ReplyReport("Calm down.", [f], SCORES, 70.0, f"c{i}", 2, "Sam")]) for i in range(50)]
    data = build_data(items)
    assert data["strings"] == ["same message", "same suggestion"] and len(data["checks"]) == 1


def test_overview_per_agent_table_shows_the_numbers_of_summarize(sample_items):
    page = render_html(sample_items)
    reports = [r for _, rs in sample_items for r in rs]
    per = summarize(reports_to_frame(reports), by="author")
    table = page.split("<table id=per-agent>")[1].split("</table>")[0]
    rows = re.findall(r'<tr class="pick" data-agent="([^"]+)"', table)
    assert rows == list(per["author"])  # worst mean overall first, as summarize orders them
    for rec in per.to_dict("records"):
        assert f">{rec['overall']:.0f}</span>" in table and f"<td class=n>{rec['replies']}</td>" in table
    for needle in ("<table id=per-category>", "<table id=top-findings>", 'data-code="EMP001"', 'data-cat="pressure"'):
        assert needle in page


def test_report_without_authors_or_conversations_still_renders():
    f = Finding("PRO003", "shouting", "professionalism", Severity.WARNING, 0, 4, "m", "s")
    page = render_html([(None, [ReplyReport("STOP that.", [f], SCORES, 80.0, "x", 1, None)])])
    assert "No agent names in the input" in page
    assert json.loads(_data_of(page))["convs"][0]["turns"] == [[1, 1, -1, "STOP that.", 0]]


def test_empty_reply_keeps_its_row_without_scores():
    page = render_html([(None, [ReplyReport("", [], {}, None, "x", 1, "Sam")])])
    reply = json.loads(_data_of(page))["replies"][0]
    assert reply["s"] is None and reply["o"] is None and reply["f"] == []


def test_cli_writes_a_self_contained_report(tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["score", str(ROOT / "data" / "samples" / "sample.csv"), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    for needle in ('id="f-cat"', 'id="f-sev"', 'id="f-code"', 'id="f-agent"', 'id="f-score"', "Per agent", "Most frequent problems"):
        assert needle in page, needle
    assert len(json.loads(_data_of(page))["replies"]) == 56


def _data_of(page: str) -> str:
    return page.split('<script type="application/json" id="tc-data">')[1].split("</script>")[0]


# --- in a real browser -------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path: Path, *, width: int = 1280, height: int = 1500):
    """A page with the report loaded; JavaScript errors, dialogs and requests are recorded."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.problems, page.dialogs, page.requests = [], [], []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    return page


def _visible_convs(page) -> list[str]:
    return page.locator("#convs .conv .head .id").all_text_contents()


@pytest.mark.slow
def test_sample_report_shows_highlights_and_working_filters_in_headless_chromium(browser, tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["score", str(ROOT / "data" / "samples" / "sample.csv"), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    page = _open(browser, out)
    assert len(_visible_convs(page)) == 12 and "12 of 12 conversations" in page.text_content("#count")

    # Open a conversation: the chat renders with badges, highlights and side notes.
    page.locator("#convs .conv", has_text="amazon-chat").locator(".head").click()
    conv = page.locator("#convs .conv.open")
    assert conv.locator(".turn.customer").count() > 0 and conv.locator(".turn.agent .badge").count() > 0
    mark = conv.locator(".turn.agent mark.warning").first
    assert mark.is_visible() and mark.bounding_box()["width"] > 0
    mark.hover()
    tip = page.locator("#tip")
    assert tip.is_visible() and re.match(r"[A-Z]{3}\d{3} [a-z-]+ · warning", tip.locator(".c").text_content())
    # The re-asked username links to turn 1, where the customer's words are highlighted.
    note = conv.locator("ul.notes li", has_text="reasked-information").first
    assert note.locator("a.evlink").get_attribute("href").endswith("-t1")
    note.locator("a.evlink").click()
    first_turn = conv.locator(".turn.customer").first
    assert "flash" in first_turn.get_attribute("class")
    assert "adelgado77" in first_turn.locator("mark.ev").all_text_contents()

    # Filters: category, check, agent, score, problems only, and reset.
    page.select_option("#f-cat", "pressure")
    assert _visible_convs(page) == ["cable-cancel"]
    page.select_option("#f-cat", "")
    page.select_option("#f-code", "PRO002")
    assert _visible_convs(page) == ["misdirected-rant"]
    page.click("#f-reset")
    page.select_option("#f-agent", "Priya")
    assert sorted(_visible_convs(page)) == ["bereavement-return", "double-charge"]
    # Replies by other agents in a shown conversation are dimmed, Priya's are not.
    assert page.locator(".turn.agent.dim").count() == 0
    page.click("#f-reset")
    page.select_option("#f-sev", "2")  # errors only
    errors = _visible_convs(page)
    assert 0 < len(errors) < 12 and "cable-cancel" in errors
    page.click("#f-reset")
    page.fill("#f-score", "60")
    page.dispatch_event("#f-score", "input")
    low = _visible_convs(page)
    assert 0 < len(low) < 12
    for badge in page.locator("#convs .turn.agent:not(.dim) .badge", has_text="overall").all_text_contents():
        assert int(badge.split()[-1]) <= 60
    page.click("#f-reset")
    page.select_option("#f-sort", "low")
    assert _visible_convs(page)[0] in low

    # Clicking an overview row filters by that agent.
    page.click("#f-reset")
    page.locator("#per-agent tr.pick", has_text="Marcus").click()
    assert page.input_value("#f-agent") == "Marcus"
    assert sorted(_visible_convs(page)) == ["billing-question", "cable-cancel", "damaged-item"]

    assert page.problems == [] and page.dialogs == []
    assert all(u.startswith("file://") for u in page.requests)  # nothing fetched

    page.click("#f-reset")
    page.locator("#convs .conv", has_text="amazon-chat").locator(".head").click()
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#convs .conv.open .turn.agent mark.warning").nth(2).hover()
    shot = os.environ.get("TONECHECK_SCREENSHOT") or str(tmp_path / "report.png")
    page.screenshot(path=shot, full_page=False)
    assert Path(shot).stat().st_size > 10_000
    page.close()


@pytest.mark.slow
def test_hostile_transcript_runs_no_script_in_headless_chromium(browser, tmp_path):
    out = tmp_path / "hostile.html"
    out.write_text(render_html(_hostile_items(), title=HOSTILE), encoding="utf-8")
    page = _open(browser, out)
    page.locator("#convs .conv .head").first.click()
    page.locator("#convs .turn.agent mark").first.hover()
    page.wait_for_timeout(200)  # give any injected handler (onerror, onload) its chance
    assert page.dialogs == [] and page.problems == []
    assert page.locator("#convs img, #convs svg, #convs script, #convs style, #tip img").count() == 0
    texts = page.locator("#convs .turn .txt").all_text_contents()
    assert texts == [HOSTILE, HOSTILE]  # shown as text, character for character
    assert HOSTILE.split("\u2028")[0] in page.text_content("#tip")
    assert page.title() == HOSTILE
    page.close()


@pytest.mark.slow
def test_many_conversations_are_paged_and_only_the_page_is_in_the_dom(browser, tmp_path):
    f = Finding("EMP002", "dismissive-language", "empathy", Severity.WARNING, 0, 9, "m", "s")
    items = []
    for i in range(2 * PAGE_SIZE + 7):
        conv = Conversation(f"conv-{i:03d}", (Turn(f"conv-{i:03d}", 1, Role.CUSTOMER, "Help?"), Turn(f"conv-{i:03d}", 2, Role.AGENT, "Calm down.", "Sam")))
        findings = [f] if i % 12 == 0 else []
        items.append((conv, [ReplyReport("Calm down.", findings, SCORES, 70.0 if findings else 100.0, conv.id, 2, "Sam")]))
    out = tmp_path / "many.html"
    out.write_text(render_html(items), encoding="utf-8")
    page = _open(browser, out)
    assert len(_visible_convs(page)) == PAGE_SIZE and page.locator("#convs .turn").count() == 0  # collapsed
    assert "page 1 of 3" in page.text_content("#pg-top")
    page.click("#next-top")
    page.click("#next-top")
    assert _visible_convs(page) == [f"conv-{i:03d}" for i in range(2 * PAGE_SIZE, 2 * PAGE_SIZE + 7)]
    assert page.is_disabled("#next-top")
    page.check("#f-only")
    assert _visible_convs(page) == [f"conv-{i:03d}" for i in range(0, 2 * PAGE_SIZE + 7, 12)]
    assert "page 1 of 1" in page.text_content("#pg-top")
    # With few matches the conversations open by themselves.
    assert page.locator("#convs .conv.open").count() == len(_visible_convs(page))
    page.close()


def test_size_benchmark_repeats_the_sample_with_new_ids_to_the_exact_reply_count():
    from conftest import load_benchmark

    bench = load_benchmark("report_size")
    turns = bench.perturbed_sample(130)
    agent = turns[turns["role"] == "agent"]
    assert len(agent) == 130
    assert turns["conversation_id"].nunique() > 12 and not turns["conversation_id"].isin(["amazon-chat"]).any()
    assert agent["author"].nunique() > 6  # agents drawn from the pool, not the six of the sample
    first = turns[turns["conversation_id"] == "amazon-chat-0000"]["text"].iloc[0]
    assert "adelgado77" in first  # names stay; only long numbers shift
