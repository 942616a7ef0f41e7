"""Errors a user can cause, each rendered as one line that names the place.

``InputError`` carries the file, line (or record) and column so that the command line
can print ``FILE:LINE: COLUMN: what is wrong`` and exit with status 2, without a
traceback.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError"]


class InputError(ValueError):
    """Bad input: a missing column, an unknown role, bytes that are not UTF-8, ...

    ``str(err)`` is the one-line message; ``file``, ``line`` and ``column`` are kept as
    attributes for programs that want them.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self.render())

    def render(self) -> str:
        """``FILE:LINE: COLUMN: message``, dropping the parts that do not apply."""
        head = self.file or "<input>"
        if self.line is not None:
            head += f":{self.line}"
        parts = [head]
        if self.column:
            parts.append(self.column)
        parts.append(self.message)
        return ": ".join(parts)


class ConfigError(InputError):
    """A configuration file or option is wrong (unknown key, unknown rule code, ...)."""
