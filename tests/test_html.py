"""The HTML report: self-contained, escaped, highlighted, filterable (and in a real browser)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import cli
from tonecheck.report.html import highlight, render_html
from tonecheck.types import Conversation, Finding, ReplyReport, Role, Severity, Turn

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> </script><!-- "quote\' &amp;'


def _report(text: str, author: str = "Sam") -> ReplyReport:
    f = Finding("CLR002", "spelling", "clarity", Severity.WARNING, 0, 8, f"msg {HOSTILE}", f"fix {HOSTILE}", {"turn": 1, "start": 0, "end": 2})
    return ReplyReport(text, [f], {"empathy": 100.0, "clarity": 80.0, "attention": 100.0, "professionalism": 100.0, "pressure": 100.0}, 90.0, "c1", 2, author, 1)


def test_every_piece_of_transcript_text_is_escaped():
    conv = Conversation(HOSTILE, (Turn(HOSTILE, 1, Role.CUSTOMER, HOSTILE, None), Turn(HOSTILE, 2, Role.AGENT, HOSTILE, HOSTILE)))
    page = render_html([(conv, [_report(HOSTILE, HOSTILE)])])
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.handlers, self.comments = [], [], 0

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.handlers += [k for k, _ in attrs if k.startswith("on")]

        def handle_comment(self, data):
            self.comments += 1

    parsed = Tags()
    parsed.feed(page)
    assert parsed.tags.count("script") == 1  # ours, at the end
    assert "img" not in parsed.tags and parsed.handlers == [] and parsed.comments == 0
    assert "&lt;script&gt;" in page


def test_highlight_wraps_finding_spans_and_escapes_the_rest():
    f = Finding("CLR002", "spelling", "clarity", Severity.WARNING, 4, 11, "m", "s")
    out = highlight("You <recieve> it", [f])
    assert out.startswith('You <mark class="warning"') and "&lt;" in out and "<recieve" not in out


def test_report_is_self_contained_with_overview_filters_and_evidence_links(tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["score", str(ROOT / "data" / "samples" / "sample.csv"), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    for needle in ('id="f-cat"', 'id="f-sev"', 'id="f-agent"', 'id="f-score"', "Per agent", "Most frequent problems", "<mark", 'href="#c0-t1"'):
        assert needle in page, needle
    assert "http://" not in page and "https://" not in page.replace("https://example", "")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
def test_report_renders_highlights_and_filters_work_in_headless_chromium(tmp_path):
    browser_path = _chromium()
    if browser_path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[report]')")
    out = tmp_path / "r.html"
    CliRunner().invoke(cli, ["score", str(ROOT / "data" / "samples" / "sample.csv"), "-o", str(out), "-q"])
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=args)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(out.as_uri())
        page.locator("details.conv").first.evaluate("d => d.open = true")
        assert page.locator("details.conv").first.locator("mark").count() > 0
        assert page.locator("mark.warning, mark.error").first.is_visible()
        total = page.locator("details.conv:not(.hidden)").count()
        page.select_option("#f-cat", "pressure")
        page.wait_for_timeout(100)
        assert 0 < page.locator("details.conv:not(.hidden)").count() < total
        page.select_option("#f-cat", "")
        page.select_option("#f-agent", "Priya")
        page.wait_for_timeout(100)
        visible = page.locator("details.conv:not(.hidden)").count()
        assert 0 < visible < total
        page.select_option("#f-agent", "")
        page.locator("details.conv").first.evaluate("d => d.open = true")
        shot = os.environ.get("TONECHECK_SCREENSHOT", str(tmp_path / "report.png"))
        page.screenshot(path=shot, full_page=False)
        browser.close()
