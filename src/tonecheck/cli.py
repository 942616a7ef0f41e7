"""The command line: ``tonecheck score | rules | explain``.

Thin by design: parse arguments, build an :class:`~tonecheck.analyzer.Analyzer`, stream
results to a writer or the terminal, and map errors to exit codes (0 ok, 1 findings at
``--fail-on`` severity, 2 bad input or usage). A user mistake prints one line, never a
traceback.
"""

from __future__ import annotations

import contextlib
import json
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from tonecheck.errors import InputError

__all__ = ["main"]

_SEVERITIES = ["info", "warning", "error"]


def _err(message: str) -> None:
    click.echo(message, err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tonecheck")
def cli() -> None:
    """tonecheck: find where support agents failed the customer, reply by reply."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write results here; the suffix picks the format (.csv .jsonl .parquet .html).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default=None, help="Without -o: the terminal table (default) or machine output on stdout.")
@click.option("--columns", multiple=True, help="Map column names: conversation_id=ticket,text=body.")
@click.option("--select", multiple=True, help="Only these checks: codes, prefixes or names (comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these checks: codes, prefixes or names.")
@click.option("--min-severity", type=click.Choice(_SEVERITIES, case_sensitive=False), help="Drop problems below this severity.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES, case_sensitive=False), help="Exit 1 when a problem of this severity or higher is found.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (default: tonecheck.toml or pyproject.toml here).")
@click.option("--on-error", type=click.Choice(["fail", "skip"]), default="fail", show_default=True, help="Bad rows: report and exit 2 (fail) or report and go on (skip). Valid rows are scored either way.")
@click.option("--redact", is_flag=True, help="Mask emails, phone, card and account numbers in every output (offsets still match).")
@click.option("--raw-csv", is_flag=True, help="Do not guard CSV cells that start with = + - @.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, help="Worker processes (0: one per CPU).")
@click.option("--all", "show_all", is_flag=True, help="Terminal table: list clean replies too.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def score(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    columns: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_severity: str | None,
    fail_on: str | None,
    config_path: str | None,
    on_error: str,
    redact: bool,
    raw_csv: bool,
    jobs: int,
    show_all: bool,
    quiet: bool,
) -> None:
    """Score the agent replies in INPUT files (CSV, JSONL, Parquet or .txt transcripts)."""
    from tonecheck.analyzer import Analyzer
    from tonecheck.config import Config, find_config, load_config
    from tonecheck.io import ReadLog, parse_column_map
    from tonecheck.report.writers import format_for, open_writer
    from tonecheck.types import Severity

    try:
        path = Path(config_path) if config_path else find_config(Path.cwd())
        config = load_config(path) if path else Config()
        config = config.with_overrides(select=_split(select), ignore=_split(ignore), min_severity=min_severity)
        colmap = parse_column_map(list(columns))
        if output:
            format_for(output)
            if fmt is not None:
                raise InputError("--format is for output on stdout; with -o the file's suffix picks the format", file=output)
        analyzer = Analyzer(config=config)
    except InputError as exc:
        _err(str(exc))
        sys.exit(2)

    fail_rank = Severity.parse(fail_on).rank if fail_on else None
    log = ReadLog()
    worst = -1
    summary = None
    show_progress = not quiet and sys.stderr.isatty()
    stdout_fmt = None if output else (fmt or "table")
    writer = None
    try:
        if output:
            writer = open_writer(output, raw_csv=raw_csv)
        elif stdout_fmt in ("csv", "jsonl"):
            writer = _StdoutWriter(stdout_fmt, raw_csv=raw_csv)
        else:
            from tonecheck.report.table import SummaryTable

            summary = SummaryTable(show_clean=show_all)  # keeps only what the table shows
        with _progress(show_progress) as progress:
            for conv, reports in _iter_all(analyzer, inputs, colmap, log, jobs):
                if redact:
                    from tonecheck.redact import redact_conversation, redact_report

                    conv, reports = redact_conversation(conv), [redact_report(r) for r in reports]
                if writer is not None:
                    writer.write(reports, conversation=conv)
                elif summary is not None:
                    summary.add(reports)
                for r in reports:
                    for f in r.problems:
                        worst = max(worst, f.severity.rank)
                if progress is not None:
                    progress(len(reports))
    except InputError as exc:
        _err(str(exc))
        if writer is not None:
            _close_quietly(writer)
        sys.exit(2)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        _err("tonecheck: interrupted")
        sys.exit(130)
    if writer is not None:
        try:
            writer.close()
        except InputError as exc:
            _err(str(exc))
            sys.exit(2)
    elif summary is not None:
        from rich.console import Console

        summary.print(Console())

    for problem in log.problems:
        _err(str(problem))
    if log.empty_texts:
        _err(f"tonecheck: {log.empty_texts} row(s) with empty text: agent replies kept without scores, customer turns skipped")
    if log.problems:
        verb = "skipped" if on_error == "skip" else "could not be read"
        _err(f"tonecheck: {len(log.problems)} row(s) {verb}; every other row was scored")
        if on_error == "fail":
            sys.exit(2)
    if output and not quiet:
        _err(f"tonecheck: wrote {writer.count if writer else 0} replies to {output}")
    if fail_rank is not None and worst >= fail_rank:
        sys.exit(1)


def _iter_all(analyzer: Any, inputs: tuple[str, ...], colmap: dict[str, str], log: Any, jobs: int) -> Iterator[Any]:
    for item in inputs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # row problems are printed from the log at the end
            yield from analyzer.iter_conversations(item, columns=colmap, on_error="skip", log=log, jobs=jobs)


class _StdoutWriter:
    """CSV or JSONL on stdout, for pipes (``tonecheck score x.csv --format jsonl | jq``)."""

    def __init__(self, fmt: str, *, raw_csv: bool) -> None:
        import csv

        from tonecheck.report.frames import SCORE_COLUMNS

        self.fmt = fmt
        self.raw = raw_csv
        self.count = 0
        self.cols = ["conversation_id", "turn", "author", "text", *SCORE_COLUMNS, "findings", "n_findings"]
        if fmt == "csv":
            self._csv = csv.writer(sys.stdout)
            self._csv.writerow(self.cols)

    def write(self, reports: Any, conversation: Any = None) -> None:
        from tonecheck.report.frames import report_rows
        from tonecheck.report.writers import guard_cell

        for row in report_rows(reports):
            if self.fmt == "jsonl":
                sys.stdout.write(json.dumps({c: row.get(c) for c in self.cols}, ensure_ascii=False) + "\n")
            else:
                row["findings"] = json.dumps(row["findings"], ensure_ascii=False)
                vals = [row.get(c) for c in self.cols]
                if not self.raw:
                    vals = [guard_cell(v) if isinstance(v, str) and c != "findings" else v for c, v in zip(self.cols, vals, strict=True)]
                self._csv.writerow(vals)
            self.count += 1

    def close(self) -> None:
        sys.stdout.flush()


def _close_quietly(writer: Any) -> None:
    with contextlib.suppress(Exception):  # the real error is already being reported
        writer.close()


class _progress:
    """A rich progress counter on stderr, or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._p: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._p = Progress(
            SpinnerColumn(), TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TextColumn("replies"),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True,
        )
        self._p.__enter__()
        task = self._p.add_task("score", total=None)
        return lambda n: self._p.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self._p is not None:
            self._p.__exit__(*exc)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def rules(fmt: str) -> None:
    """List every check: code, name, category, severity and what it finds."""
    from tonecheck.registry import Registry

    reg = Registry.default()
    if fmt == "json":
        click.echo(json.dumps([{k: v for k, v in c.describe().items() if k in ("code", "name", "category", "severity", "summary")} for c in reg], indent=2))
        return
    for c in reg:
        click.echo(f"{c.code}  {c.name:<24} {c.category:<16} {c.default_severity.value:<8} {c.summary}")


@cli.command()
@click.argument("key", metavar="CODE|NAME|scoring")
def explain(key: str) -> None:
    """Explain one check (or the scoring): what it does, why, limits, examples."""
    from tonecheck.registry import Registry
    from tonecheck.scoring import explain_scoring

    if key.strip().lower() in ("scoring", "score", "scores"):
        click.echo(explain_scoring())
        return
    reg = Registry.default()
    cls = reg.get(key)
    if cls is None:
        _err(f"tonecheck: no check named {key!r}; `tonecheck rules` lists them")
        sys.exit(2)
    click.echo(render_explain(cls.describe()))


def _example_text(ex: Any) -> str:
    if isinstance(ex, str):
        return f"  Agent: {ex}"
    lines = [f"  {role.capitalize()}: {text}" for role, text in ex.get("context", [])]
    lines.append(f"  Agent: {ex['reply']}")
    return "\n".join(lines)


def render_explain(d: dict[str, Any]) -> str:
    """The fixed ruff-style template: What it does / Why it matters / Known limits /
    Example / Use instead."""
    out = [f"{d['code']} {d['name']} ({d['category']}, {d['severity']})", ""]
    out += ["What it does", f"  {d['what']}", ""]
    if d.get("why"):
        out += ["Why it matters", f"  {d['why']}", ""]
    if d.get("limits"):
        out += ["Known limits", f"  {d['limits']}", ""]
    ex = d.get("examples") or {}
    if ex.get("fail"):
        out += ["Example that is flagged", _example_text(ex["fail"][0]), ""]
    if ex.get("pass"):
        out += ["Example that passes", _example_text(ex["pass"][0]), ""]
    if d.get("instead"):
        out += ["Use instead", f"  {d['instead']}", ""]
    if d.get("options"):
        out += ["Options ([rules." + d["name"] + "] in tonecheck.toml)"]
        out += [f"  {k} = {v!r}" for k, v in d["options"].items()]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="tonecheck", standalone_mode=True)
    except InputError as exc:  # pragma: no cover - commands handle their own
        _err(str(exc))
        sys.exit(2)


if __name__ == "__main__":  # python -m tonecheck.cli
    main()
