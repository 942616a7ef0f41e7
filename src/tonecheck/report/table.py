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

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tonecheck.types import ReplyReport

__all__ = ["MAX_AGENTS", "MAX_ROWS", "SummaryTable", "print_summary"]

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: One letter per severity, so the table reads without colours too.
_SEV_MARK = {"error": "E", "warning": "W", "info": "i"}
#: Replies listed in the terminal table at most (a terminal is not a report).
MAX_ROWS = 500
#: Agents listed in the per-agent table at most (the lowest mean scores first).
MAX_AGENTS = 25

# One listed reply: (conversation, turn, agent, overall, [(name, severity, snippet)], strengths)
_Row = tuple[str, int, str, "float | None", list[tuple[str, str, str]], list[str]]


def _score_style(value: float | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 85 else "yellow" if value >= 60 else "red"


class _Agent:
    """Running totals for one agent (bounded: a few numbers per agent)."""

    __slots__ = ("errors", "flagged", "problems", "replies", "scored", "total")

    def __init__(self) -> None:
        self.replies = self.flagged = self.errors = self.problems = self.scored = 0
        self.total = 0.0


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
        self.agents: dict[str, _Agent] = {}
        self._sum = 0.0
        self._scored = 0

    def add(self, reports: Iterable[ReplyReport]) -> None:
        """Take in a batch of reports (keeps only what the table needs)."""
        for r in reports:
            self.replies += 1
            problems = r.problems
            agent = self.agents.setdefault(r.author, _Agent()) if r.author else None
            if agent is not None:
                agent.replies += 1
                agent.problems += len(problems)
                agent.flagged += bool(problems)
                agent.errors += any(f.severity.value == "error" for f in problems)
            if problems:
                self.flagged += 1
                self.counts.update(f.name for f in problems)
            if r.overall is not None:
                self._sum += r.overall
                self._scored += 1
                if agent is not None:
                    agent.total += r.overall
                    agent.scored += 1
            if not problems and not self.show_clean:
                continue
            if len(self.rows) >= self.max_rows:
                self.more += 1
                continue
            cells: list[tuple[str, str, str]] = []
            for f in problems:
                snippet = " ".join(r.text[f.start : f.end].split())
                if len(snippet) > 40:
                    snippet = snippet[:39] + "…"
                cell = (f.name, f.severity.value, snippet)
                if cell not in cells:  # the same word flagged twice reads as one line
                    cells.append(cell)
            strengths = sorted({f.name for f in r.strengths})
            self.rows.append((str(r.conversation_id), r.turn, r.author or "", r.overall, cells, strengths))

    def _replies_table(self, width: int) -> Table:
        """One row per listed reply; each finding on one line, cut to fit ``width`` columns
        (a long snippet ends in an ellipsis instead of wrapping over the table)."""
        title = "tonecheck: agent replies" if self.show_clean else "tonecheck: agent replies with problems"
        table = Table(title=title, caption="E error, W warning, i info; + strengths", box=box.SIMPLE_HEAD, expand=False,
                      pad_edge=False, title_justify="left", caption_justify="left")
        conv_w = min(18, max([len("conversation"), *(len(r[0]) for r in self.rows)]))
        agent_w = min(10, max([len("agent"), *(len(r[2]) for r in self.rows)]))
        # What is left for the findings after the fixed columns, their padding and rules (14).
        avail = max(24, width - (conv_w + 4 + agent_w + 5) - 14)
        table.add_column("conversation", overflow="fold", min_width=conv_w, max_width=conv_w)
        table.add_column("turn", justify="right", min_width=4, max_width=4)
        table.add_column("agent", overflow="ellipsis", no_wrap=True, min_width=agent_w, max_width=agent_w)
        table.add_column("score", justify="right", min_width=5, max_width=5)
        table.add_column("findings", overflow="fold", max_width=avail)
        previous = None
        for conv, turn, author, overall, cells, strengths in self.rows:
            if previous is not None and conv != previous:
                table.add_section()
            lines = []
            for name, severity, snippet in cells:
                line = Text(f"{_SEV_MARK.get(severity, '?')} {name}", style=_SEV_STYLE.get(severity, ""))
                if snippet:
                    line.append(f' "{snippet}"', style="dim")
                lines.append(line)
            if strengths:
                lines.append(Text("+ " + ", ".join(strengths), style="green"))
            for line in lines:
                line.truncate(avail, overflow="ellipsis")
            shown = "-" if overall is None else f"{overall:.0f}"
            table.add_row("" if conv == previous else conv, str(turn), author, Text(shown, style=_score_style(overall)),
                          Text("\n").join(lines))
            previous = conv
        return table

    def _agents_table(self) -> Table:
        table = Table(title="per agent (lowest mean score first)", box=box.SIMPLE_HEAD, expand=False, pad_edge=False, title_justify="left")
        table.add_column("agent", overflow="ellipsis", no_wrap=True, max_width=20)
        for name in ("replies", "mean", "with problems", "with an error", "problems"):
            table.add_column(name, justify="right")

        def mean(a: _Agent) -> float:
            return a.total / a.scored if a.scored else float("inf")

        ranked = sorted(self.agents.items(), key=lambda kv: (mean(kv[1]), kv[0]))
        for name, a in ranked[:MAX_AGENTS]:
            m = a.total / a.scored if a.scored else None
            table.add_row(
                name, str(a.replies), Text("-" if m is None else f"{m:.1f}", style=_score_style(m)),
                f"{a.flagged / a.replies:.0%}", f"{a.errors / a.replies:.0%}", str(a.problems),
            )
        return table

    def print(self, console: Console) -> None:
        """Print the replies table (if any reply is listed), the per-agent table (if the
        input names agents), then the counts and the mean score."""
        if self.rows:
            console.print(self._replies_table(console.width))
        if self.more:
            console.print(f"... and {self.more} more replies not listed (write them all with -o results.csv or -o report.html)")
        if self.agents:
            console.print(self._agents_table())
            if len(self.agents) > MAX_AGENTS:
                console.print(f"... and {len(self.agents) - MAX_AGENTS} more agents (tonecheck.summarize has them all)")
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
