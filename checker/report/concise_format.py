"""`--format concise`: one line a finding, ``path:line:col: severity rule message``, as ruff's and
Vale's line formats give it, for grep, editors' quickfix lists and short CI logs. The severity
is the English word in either language, so a pattern matches it whatever --lang says."""

from __future__ import annotations

from typing import TextIO


def lines(run) -> list[str]:
    out = []
    for report in run.reports:
        for f in report.findings:
            where = f.locations[0] if f.locations else None
            place = f"{where.path}:{where.line}:{where.column}" if where else report.doc.path
            out.append(f"{place}: {f.severity} {f.rule} {' '.join(f.message.split())}")
    return out


def write_run(run, out: TextIO) -> None:
    for line in lines(run):
        out.write(line + "\n")
