"""GitHub Actions workflow commands: one annotation line per finding, shown on the pull request's
changed files and in the run summary.

    ::error file=drafts/a.md,line=3,col=13,endColumn=19,title=range.rate::建制率为102.1%…

Severities map to error, warning and notice. Values are escaped as the Actions toolkit does
(``escapeData`` / ``escapeProperty`` in @actions/core): % CR LF in the message, and also : and ,
in properties. Lines and columns are given only for plain-text and Markdown drafts, whose lines
are the file's; a Word or HTML draft's annotation is on the file, with the part named in the
message.
"""

from __future__ import annotations

from typing import TextIO

from checker.report.run import PLAIN_SOURCES, CheckRun, end_of, shown_path
from checker.rules.model import Finding

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_ALSO = {"zh": "（另见 {where}）", "en": " (also at {where})"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_run(run: CheckRun, out: TextIO) -> None:
    for line in annotations(run):
        out.write(line + "\n")


def annotations(run: CheckRun) -> list[str]:
    lines = [annotation(run, f) for r in run.reports for f in r.findings]
    for err in run.errors:
        path, _, reason = err.partition(": ")
        lines.append(f"::error file={escape_property(shown_path(path))},title=figcheck::"
                     f"{escape_data(reason or err)}")
    return lines


def annotation(run: CheckRun, f: Finding) -> str:
    props: list[tuple[str, str]] = []
    message = f.message
    if f.locations:
        loc = f.locations[0]
        props.append(("file", shown_path(loc.path)))
        doc = run.doc_for(loc.path)
        if doc is not None and doc.source_format in PLAIN_SOURCES:
            end_line, end_column = end_of(doc.text, loc)
            if end_line == loc.line:
                props += [("line", str(loc.line)), ("col", str(loc.column)),
                          ("endColumn", str(end_column))]
            else:
                props += [("line", str(loc.line)), ("endLine", str(end_line))]
        elif doc is not None:
            where = " ".join(x for x in (doc.where(loc.start), loc.snippet) if x)
            message += f"（{where}）" if run.lang == "zh" else f" ({where})"
        others = [f"{shown_path(o.path)}:{o.line}:{o.column}" for o in f.locations[1:]]
        if others:
            message += _ALSO[run.lang].format(where=", ".join(others))
    props.append(("title", f.rule))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[f.severity]} {joined}::{escape_data(message)}"
