"""What every `figcheck check` reporter is given, and where a finding's place is in a file.

A reporter module exposes ``write_run(run, out)``; the command picks the module by format name
(``FORMATS``), so adding a format is adding a module and a line here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from checker.rules.model import Location, Rule

# format name -> reporter module (imported only when chosen: start-up time is per format)
FORMATS = {
    "text": "checker.report.findings_text",
    "concise": "checker.report.concise_format",
    "json": "checker.report.json_format",
    "sarif": "checker.report.sarif_format",
    "junit": "checker.report.junit_format",
    "github": "checker.report.github_format",
    "html": "checker.report.html_format",
    # not a report but a copy of each Word draft with its findings as comments: the module's
    # plan_copies / write_copy write files, not a stream (checker/cli/check_cmd.py _write)
    "docx": "checker.report.docx_format",
}
# formats a program reads: nothing but the report may be written where they go
MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})
# source formats whose Document.text is the file itself, so lines and columns point into it
PLAIN_SOURCES = frozenset({"text", "markdown"})


@dataclass(frozen=True)
class CheckRun:
    """One run of `figcheck check`: the reports of the drafts, the rules in effect (selected,
    with severities as configured), the language of messages, and the inputs that failed."""

    reports: Sequence  # DocumentReport
    rules: Sequence[Rule]
    lang: str = "zh"
    errors: Sequence[str] = field(default_factory=list)
    fail_on: str = "error"
    # what the checks across articles compared: {"drafts", "ledger", "ledger_documents"}
    compared: dict | None = None
    quiet: bool = False  # text: findings and the summary only

    def doc_for(self, path: str):
        """The document of this run at ``path`` (None: a figure of the ledger, say)."""
        return self._docs.get(path)

    @cached_property
    def _docs(self) -> dict:
        return {r.doc.path: r.doc for r in self.reports}

    @property
    def texts(self) -> dict[str, str]:
        return {r.doc.path: r.doc.text for r in self.reports}


def shown_path(path: str, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the current directory) in forward slashes when it
    lies inside it, else as given: what CI annotations and SARIF consumers resolve."""
    root = (root or Path.cwd()).resolve()
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def artifact_uri(path: str, root: Path | None = None) -> tuple[str, bool]:
    """(URI reference, relative?) of a file: a percent-encoded relative reference when it lies
    under ``root``, else an absolute file: URI."""
    root = (root or Path.cwd()).resolve()
    absolute = Path(os.path.abspath(path))
    try:
        return quote(absolute.relative_to(root).as_posix(), safe="/"), True
    except ValueError:
        return absolute.as_uri(), False


def end_of(text: str, loc: Location) -> tuple[int, int]:
    """(line, column) just after a location, in code points, as Location counts them: the
    column one past the last character of its last line."""
    span = text[loc.start:loc.end]
    breaks = span.count("\n")
    if not breaks:
        return loc.line, loc.column + len(span)
    return loc.line + breaks, len(span) - span.rfind("\n")


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the whole lines holding text[start:end], line breaks excluded."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", max(start, end - 1) if end > start else start)
    last = len(text) if last < 0 else last
    if last > first and text[last - 1] == "\r":
        last -= 1
    return first, last
