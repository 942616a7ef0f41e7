"""The terminal summary: one line per agent reply with a problem, readable at 80 columns.

:class:`SummaryTable` is fed reports as they stream by and keeps only what the table
shows: for each listed reply its keys, score and ``(name, severity, snippet)`` per
problem (never the reply text or the findings), at most ``max_rows`` of them, plus
running counts for the closing lines. So ``tonecheck score big.csv`` without ``-o``
runs in flat memory too; the rows beyond ``max_rows`` are counted and the reader is
pointed to ``-o`` for the full table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tonecheck.types import ReplyReport

__all__ = ["MAX_ROWS", "SummaryTable", "print_summary"]

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: Replies listed in the terminal table at most (a terminal is not a report).
MAX_ROWS = 500

# One listed reply: (conversation, turn, agent, overall, [(name, severity, snippet)], strengths)
_Row = tuple[str, int, str, "float | None", list[tuple[str, str, str]], list[str]]


def _score_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 85 else "yellow" if value >= 60 else "red"


class SummaryTable:
    """Accumulates the terminal summary from streamed reports in bounded memory."""

    def __init__(self, *, show_clean: bool = False, max_rows: int = MAX_ROWS) -> None:
        self.show_clean = show_clean
        self.max_rows = max_rows
        self.rows: list[_Row] = []
        self.more = 0  # listed replies beyond max_rows
        self.replies = 0
        self.flagged = 0
        self.counts: Counter[str] = Counter()
        self._sum = 0.0
        self._scored = 0

    def add(self, reports: Iterable[ReplyReport]) -> None:
        """Take in a batch of reports (keeps only what the table needs)."""
        for r in reports:
            self.replies += 1
            problems = r.problems
            if problems:
                self.flagged += 1
                self.counts.update(f.name for f in problems)
            if r.overall is not None:
                self._sum += r.overall
                self._scored += 1
            if not problems and not self.show_clean:
                continue
            if len(self.rows) >= self.max_rows:
                self.more += 1
                continue
            cells = []
            for f in problems:
                snippet = r.text[f.start : f.end].replace("\n", " ")
                if len(snippet) > 40:
                    snippet = snippet[:37] + "..."
                cells.append((f.name, f.severity.value, snippet))
            strengths = sorted({f.name for f in r.strengths})
            self.rows.append((str(r.conversation_id), r.turn, r.author or "", r.overall, cells, strengths))

    def print(self, console: Console) -> None:
        """Print the table (if any reply is listed), then the counts and the mean score."""
        table = Table(title="tonecheck: agent replies", show_lines=False, expand=False, pad_edge=False)
        table.add_column("conversation", overflow="fold", max_width=18)
        table.add_column("turn", justify="right")
        table.add_column("agent", overflow="fold", max_width=10)
        table.add_column("score", justify="right")
        table.add_column("findings (evidence)", overflow="fold", ratio=1)
        for conv, turn, author, overall, cells, strengths in self.rows:
            cell = Text()
            for i, (name, severity, snippet) in enumerate(cells):
                if i:
                    cell.append("\n")
                cell.append(name, style=_SEV_STYLE.get(severity, ""))
                if snippet:
                    cell.append(f' "{snippet}"', style="dim")
            if strengths:
                if cells:
                    cell.append("\n")
                cell.append("+ " + ", ".join(strengths), style="green")
            shown = "-" if overall is None else f"{overall:.0f}"
            table.add_row(conv, str(turn), author, Text(shown, style=_score_style(overall)), cell)
        if self.rows:
            console.print(table)
        if self.more:
            console.print(f"... and {self.more} more replies not listed (write them all with -o results.csv)")
        mean = self._sum / self._scored if self._scored else float("nan")
        console.print(f"{self.replies} agent replies, {self.flagged} with problems, mean overall score {mean:.1f}")
        if self.counts:
            console.print("most frequent: " + ", ".join(f"{name} {n}" for name, n in self.counts.most_common(6)))


def print_summary(reports: Iterable[ReplyReport], console: Console, *, show_clean: bool = False) -> None:
    """Print the per-reply table (replies with problems, or all with ``show_clean``),
    then counts per check and the mean overall score."""
    table = SummaryTable(show_clean=show_clean)
    table.add(reports)
    table.print(console)
