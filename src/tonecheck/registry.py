"""The catalog of checks: built-in classes, YAML phrase rules and plugins.

A :class:`Registry` is an ordinary object (no module-level mutable state): the
default one is built from the built-in check modules, every ``rules/*.yml`` shipped in
the package, and any ``tonecheck.checks`` entry points. It validates as it builds, so a
duplicated code or a malformed rule fails at load with the file and key named.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from importlib import metadata, resources
from pathlib import Path

import yaml

from tonecheck.checks.base import Check
from tonecheck.checks.phrase import RuleFileError, phrase_check_from_spec
from tonecheck.types import CATEGORIES, Severity

__all__ = ["BUILTIN_MODULES", "Registry", "RuleFileError"]

#: Modules under ``tonecheck.checks`` whose ``CHECKS`` list holds built-in check classes.
BUILTIN_MODULES = ("empathy", "clarity", "attention", "professionalism", "pressure", "strengths")
_PREFIXES = {
    "empathy": "EMP",
    "clarity": "CLR",
    "attention": "ATT",
    "professionalism": "PRO",
    "pressure": "PRS",
    "strength": "STR",
}


class Registry:
    """An ordered, validated collection of check classes, looked up by code or name."""

    def __init__(self, checks: Iterable[type[Check]] = ()) -> None:
        self._by_code: dict[str, type[Check]] = {}
        self._by_name: dict[str, type[Check]] = {}
        for cls in checks:
            self.add(cls)

    @classmethod
    def default(cls, *, plugins: bool = True) -> Registry:
        """Built-in checks, shipped YAML rules and (optionally) entry-point plugins."""
        reg = cls()
        for module in BUILTIN_MODULES:
            mod = importlib.import_module(f"tonecheck.checks.{module}")
            for check in getattr(mod, "CHECKS", ()):
                reg.add(check)
        rules_dir = resources.files("tonecheck") / "rules"
        entries = sorted(rules_dir.iterdir(), key=lambda p: p.name) if rules_dir.is_dir() else []
        for entry in entries:
            if entry.name.endswith((".yml", ".yaml")):
                with entry.open("r", encoding="utf-8") as fh:
                    reg.add_rules_text(fh.read(), f"rules/{entry.name}")
        if plugins:
            for ep in metadata.entry_points(group="tonecheck.checks"):
                loaded = ep.load()
                for check in loaded if isinstance(loaded, (list, tuple)) else [loaded]:
                    reg.add(check)
        return reg

    def add_rules_file(self, path: str | Path) -> None:
        """Add the phrase rules of a user YAML file."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
        self.add_rules_text(text, str(path), user=True)

    def add_rules_text(self, text: str, source: str, *, user: bool = False) -> None:
        """Add the phrase rules in YAML ``text`` (one mapping, or a list of mappings);
        ``user`` rules run with a time budget per reply."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{source}:{mark.line + 1}" if mark else source
            raise RuleFileError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
        specs = data if isinstance(data, list) else [data]
        for spec in specs:
            self.add(phrase_check_from_spec(spec, source, user=user))

    def add(self, check: type[Check]) -> None:
        """Register one check class, validating its declaration."""
        where = getattr(check, "__module__", "?") + "." + getattr(check, "__name__", "?")
        for attr in ("code", "name", "category", "summary"):
            if not getattr(check, attr, None):
                raise RuleFileError(f"{where}: {attr}: missing")
        if check.category not in CATEGORIES:
            raise RuleFileError(f"{where}: category: {check.category!r} is not a category")
        prefix = _PREFIXES[check.category]
        code = check.code
        if not (len(code) == 6 and code[:3] == prefix and code[3:].isdigit()):
            raise RuleFileError(f"{where}: code: {code!r} must be {prefix} + 3 digits")
        if not isinstance(check.default_severity, Severity):
            raise RuleFileError(f"{where}: default_severity: must be a Severity")
        if check.category == "strength" and check.default_severity is not Severity.INFO:
            raise RuleFileError(f"{where}: default_severity: strengths are 'info'")
        if code in self._by_code:
            raise RuleFileError(f"{where}: code: {code} is already used by {self._by_code[code].name}")
        if check.name in self._by_name:
            raise RuleFileError(f"{where}: name: {check.name} is already used by {self._by_name[check.name].code}")
        self._by_code[code] = check
        self._by_name[check.name] = check

    def __iter__(self) -> Iterator[type[Check]]:
        return iter(sorted(self._by_code.values(), key=lambda c: c.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> type[Check] | None:
        """Look a check up by code (any case) or name."""
        key = key.strip()
        return self._by_code.get(key.upper()) or self._by_name.get(key.lower())

    @staticmethod
    def is_family(selector: str) -> bool:
        """True for a family prefix (``STR``) or category name, even with no checks in it."""
        sel = selector.strip()
        return sel.upper() in _PREFIXES.values() or sel.lower() in _PREFIXES

    def matching(self, selector: str) -> list[type[Check]]:
        """Checks that a selector names: a code (``CLR002``), a prefix (``CLR``), a name,
        a category (``clarity``) or ``ALL``. Empty when nothing matches."""
        sel = selector.strip()
        if not sel:
            return []
        if sel.upper() == "ALL":
            return list(self)
        one = self.get(sel)
        if one is not None:
            return [one]
        up = sel.upper()
        if up.isalpha() or (up[:3].isalpha() and up[3:].isdigit()):
            hits = [c for c in self if c.code.startswith(up)]
            if hits:
                return hits
        low = sel.lower()
        if low in CATEGORIES:
            return [c for c in self if c.category == low]
        return []
