"""Runs the selected checks on a reply and tidies what they find.

The engine owns the configuration's effect on findings: which checks run
(``select``/``ignore`` by code, prefix, name or category), per-rule options and
severities, the severity floor, deduplication, and the order of findings
(by ``start``, then ``code``).
"""

from __future__ import annotations

from collections.abc import Iterable

from tonecheck.checks.base import Check, Reply, Settings
from tonecheck.config import Config
from tonecheck.context import ConversationState
from tonecheck.errors import ConfigError
from tonecheck.registry import Registry, RuleFileError
from tonecheck.types import Finding

__all__ = ["Engine"]


def _glossary_terms(terms: Iterable[str]) -> frozenset[str]:
    """Lower-cased glossary terms plus each word of multi-word terms."""
    out: set[str] = set()
    for term in terms:
        t = term.strip().lower()
        if t:
            out.add(t)
            out.update(w for w in t.replace("-", " ").split() if w)
    return frozenset(out)


class Engine:
    """The configured set of check instances, built once per Analyzer."""

    def __init__(self, registry: Registry, config: Config) -> None:
        self.config = config
        for path in config.rule_files:
            try:
                registry.add_rules_file(path)
            except RuleFileError as exc:
                raise ConfigError(str(exc), file=config.source) from None
        selected = (
            self._resolve(registry, config.select, "select", config.origin("select"))
            if config.select
            else list(registry)
        )
        ignored = {c.code for c in self._resolve(registry, config.ignore, "ignore", config.origin("ignore"))}
        for name in config.rules:
            if registry.get(name) is None:
                raise ConfigError(f"rules.{name}: no such check (see `tonecheck rules`)", file=config.source)
        self.settings = Settings(glossary=_glossary_terms(config.glossary), rule_options=config.rules)
        self.checks: list[Check] = []
        for cls in selected:
            if cls.code in ignored:
                continue
            try:
                self.checks.append(cls(self.settings))
            except ValueError as exc:
                raise ConfigError(str(exc), file=config.source) from None
        self.min_rank = config.min_severity.rank if config.min_severity else 0

    @staticmethod
    def _resolve(registry: Registry, selectors: Iterable[str], key: str, origin: str) -> list[type[Check]]:
        out: dict[str, type[Check]] = {}
        for sel in selectors:
            hits = registry.matching(sel)
            if not hits and not registry.is_family(sel):
                raise ConfigError(
                    f"{key}: {sel!r} names no check (use a code like CLR002, a prefix like CLR, "
                    "a name like spelling, or a category)",
                    file=origin,
                )
            for cls in hits:
                out[cls.code] = cls
        return sorted(out.values(), key=lambda c: c.code)

    @property
    def codes(self) -> list[str]:
        """Codes of the checks that run."""
        return [c.code for c in self.checks]

    def run(self, reply: Reply, state: ConversationState) -> list[Finding]:
        """All findings for one reply: filtered by severity, deduplicated and sorted."""
        found: list[Finding] = []
        n = len(reply.text)
        for check in self.checks:
            for f in check.run(reply, state):
                if not (0 <= f.start <= f.end <= n):
                    raise AssertionError(f"{check.code} produced offsets {f.start}:{f.end} outside the reply")
                if f.category != "strength" and f.severity.rank < self.min_rank:
                    continue
                found.append(f)
        return self.tidy(found)

    @staticmethod
    def tidy(findings: list[Finding]) -> list[Finding]:
        """Drop a finding whose span overlaps an earlier one of the same code; sort."""
        findings.sort(key=lambda f: (f.start, f.code, f.end))
        kept: list[Finding] = []
        last_end: dict[str, int] = {}
        for f in findings:
            end = last_end.get(f.code)
            if end is not None and f.start < end:
                continue
            if end is not None and f.start == f.end == end:
                continue
            kept.append(f)
            last_end[f.code] = max(f.end, end or 0)
        return kept
