"""The terminal summary: one line per agent reply with a problem, readable at 80 columns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tonecheck.types import ReplyReport

__all__ = ["print_summary"]

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _score_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 85 else "yellow" if value >= 60 else "red"


def print_summary(reports: Iterable[ReplyReport], console: Console, *, show_clean: bool = False) -> None:
    """Print the per-reply table (replies with problems, or all with ``show_clean``),
    then counts per check and the mean overall score."""
    reports = list(reports)
    table = Table(title="tonecheck: agent replies", show_lines=False, expand=False, pad_edge=False)
    table.add_column("conversation", overflow="fold", max_width=18)
    table.add_column("turn", justify="right")
    table.add_column("agent", overflow="fold", max_width=10)
    table.add_column("score", justify="right")
    table.add_column("findings (evidence)", overflow="fold", ratio=1)
    shown = 0
    for r in reports:
        problems = r.problems
        if not problems and not show_clean:
            continue
        cell = Text()
        for i, f in enumerate(problems):
            if i:
                cell.append("\n")
            cell.append(f.name, style=_SEV_STYLE.get(f.severity.value, ""))
            snippet = r.text[f.start:f.end].replace("\n", " ")
            if len(snippet) > 40:
                snippet = snippet[:37] + "..."
            if snippet:
                cell.append(f' "{snippet}"', style="dim")
        strengths = sorted({f.name for f in r.strengths})
        if strengths:
            if problems:
                cell.append("\n")
            cell.append("+ " + ", ".join(strengths), style="green")
        overall = "-" if r.overall is None else f"{r.overall:.0f}"
        table.add_row(
            str(r.conversation_id), str(r.turn), r.author or "", Text(overall, style=_score_style(r.overall)), cell
        )
        shown += 1
    if shown:
        console.print(table)
    counts = Counter(f.name for r in reports for f in r.problems)
    scored = [r.overall for r in reports if r.overall is not None]
    mean = sum(scored) / len(scored) if scored else float("nan")
    flagged = sum(1 for r in reports if r.problems)
    console.print(
        f"{len(reports)} agent replies, {flagged} with problems, mean overall score {mean:.1f}"
    )
    if counts:
        console.print("most frequent: " + ", ".join(f"{n} {c}" for n, c in counts.most_common(6)))
