"""Exit statuses and the errors a user can cause (as opposed to bugs)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # usage, input or rule-file error


class UserError(Exception):
    """A problem with what the user gave us: reported as one line, exit 2, never a traceback."""


class InputError(UserError):
    """A file that cannot be read as a draft."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class RuleFileError(UserError):
    """A malformed rule file, an unknown kind or a bad parameter; names the file and line."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class ExtractorBug(Exception):
    """The figures table broke its own schema: a bug in figcheck, never a finding."""
