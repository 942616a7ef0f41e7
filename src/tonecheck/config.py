"""Configuration: ``tonecheck.toml`` or ``[tool.tonecheck]`` in ``pyproject.toml``.

The same keys work in both files and as a ``dict`` passed to ``Analyzer(config=...)``:

- ``select`` / ``ignore``: codes (``CLR002``), prefixes (``CLR``), names (``spelling``)
  or categories, as a list or a comma-separated string;
- ``min_severity``: drop problem findings below it (strengths are kept);
- ``glossary``: product names, agent names and internal terms that spelling, jargon and
  shouting must not flag;
- ``rules.<name>``: per-rule options (``severity`` and the options the rule declares);
- ``rule_files``: extra YAML phrase-rule files (paths relative to the config file).

The Python API never reads files implicitly; the command line reads the file in the
working directory (``find_config``), and ``--config`` overrides it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tonecheck.errors import ConfigError
from tonecheck.types import Severity

__all__ = ["Config", "find_config", "load_config"]

_KEYS = {"select", "ignore", "min_severity", "glossary", "rules", "rule_files"}


def _as_list(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise ConfigError(f"{key}: expected a list of strings", file=source)
    out = []
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(f"{key}: expected strings, got {item!r}", file=source)
        for part in item.split(","):
            if part.strip():
                out.append(part.strip())
    return tuple(out)


@dataclass(frozen=True)
class Config:
    """Validated configuration. ``source`` names where it came from, for errors."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity | None = None
    glossary: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    rule_files: tuple[str, ...] = ()
    source: str = "<config>"
    #: Keys set from the command line, so errors can say where a bad value came from.
    cli_keys: frozenset[str] = frozenset()

    def origin(self, key: str) -> str:
        """Where ``key``'s value came from: ``command line`` or the config source."""
        return "command line" if key in self.cli_keys else self.source

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, source: str = "<config>") -> Config:
        """Validate a mapping (a parsed TOML table or a dict); unknown keys are errors."""
        data = dict(data or {})
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ConfigError(
                f"unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})",
                file=source,
            )
        min_sev = data.get("min_severity")
        try:
            severity = Severity.parse(min_sev) if min_sev else None
        except ValueError as exc:
            raise ConfigError(f"min_severity: {exc}", file=source) from None
        rules = data.get("rules", {}) or {}
        if not isinstance(rules, Mapping) or not all(isinstance(v, Mapping) for v in rules.values()):
            raise ConfigError("rules: expected tables like [rules.hard-to-read]", file=source)
        return cls(
            select=_as_list(data.get("select"), "select", source),
            ignore=_as_list(data.get("ignore"), "ignore", source),
            min_severity=severity,
            glossary=_as_list(data.get("glossary"), "glossary", source),
            rules={str(k): dict(v) for k, v in rules.items()},
            rule_files=_as_list(data.get("rule_files"), "rule_files", source),
            source=source,
        )

    def with_overrides(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        min_severity: str | Severity | None = None,
        glossary: Iterable[str] | None = None,
    ) -> Config:
        """A copy with command-line options applied: ``select`` replaces, ``ignore`` and
        ``glossary`` extend."""
        changes: dict[str, Any] = {}
        if select:
            changes["select"] = _as_list(list(select), "--select", "command line")
        if ignore:
            changes["ignore"] = self.ignore + _as_list(list(ignore), "--ignore", "command line")
        if glossary:
            changes["glossary"] = self.glossary + _as_list(list(glossary), "--glossary", "command line")
        if min_severity:
            try:
                changes["min_severity"] = Severity.parse(min_severity)
            except ValueError as exc:
                raise ConfigError(f"--min-severity: {exc}", file="command line") from None
        return replace(self, cli_keys=self.cli_keys | frozenset(changes), **changes)


def load_config(path: str | Path) -> Config:
    """Read a ``tonecheck.toml`` (top-level keys) or a ``pyproject.toml`` (``[tool.tonecheck]``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=str(path)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tonecheck", {})
    cfg = Config.from_mapping(data, str(path))
    base = path.parent
    files = tuple(str((base / f).resolve()) if not Path(f).is_absolute() else f for f in cfg.rule_files)
    return replace(cfg, rule_files=files)


def find_config(directory: str | Path = ".") -> Path | None:
    """The configuration file the command line uses: ``tonecheck.toml``, else a
    ``pyproject.toml`` with a ``[tool.tonecheck]`` table, in ``directory``."""
    d = Path(directory)
    own = d / "tonecheck.toml"
    if own.is_file():
        return own
    pyproject = d / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return pyproject  # let load_config report the problem
        if "tonecheck" in data.get("tool", {}):
            return pyproject
    return None
