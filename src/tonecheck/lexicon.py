"""Word lists and phrase patterns shipped as data, compiled once per Analyzer.

Lexicons live in ``tonecheck/lexicons/*.yml`` (each file notes its source). Phrases are
compiled into one alternation per list: a single linear scan of the text finds every
phrase, instead of one regex per word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["compile_phrases", "load_lexicon", "phrase_pattern"]


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Read ``lexicons/<name>.yml`` from the package (cached: files never change at run time)."""
    path = resources.files("tonecheck") / "lexicons" / f"{name}.yml"
    with path.open("r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"lexicons/{name}.yml: expected a mapping at the top level")
    return data


def phrase_pattern(phrase: str) -> str:
    """Turn a plain phrase into a regex fragment.

    Spaces match any run of whitespace, straight and curly apostrophes match each other,
    and a trailing ``*`` means "any word ending" (``frustrat*``). Everything else is
    literal. A phrase starting with ``re:`` is taken as a regex as it is.
    """
    if phrase.startswith("re:"):
        return phrase[3:].strip()
    star = phrase.endswith("*")
    if star:
        phrase = phrase[:-1]
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    body = "".join(out)
    if star:
        body += r"\w{0,20}"
    return body


def compile_phrases(phrases: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``phrases`` on word boundaries.

    Longer phrases are tried first so that "not my problem" wins over "problem".
    Returns a pattern that never matches when the list is empty.
    """
    items = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not items:
        return re.compile(r"(?!x)x")
    body = "|".join(phrase_pattern(p) for p in items)
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w])", flags)
