"""Drafts and a runner shared by the CLI tests: figcheck.cli.main in-process, with capsys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.cli import main

# only a warning: GRIM (81.3% cannot be a share of 117)
WARNING_ONLY = "受理调解案件117件，调解成功率81.3%。\n"
# an error: a rate over 100%
ERROR = "今年以来，全市工会工作稳步推进。\n建会企业集体协商建制率达102.1%。\n"
# only a discrepancy that rounding explains (info): 100.1% of rounded shares
INFO_ONLY = "第一、二、三产业分别占10.2%、41.5%、48.4%。\n"
CLEAN = "全市新建工会组织618个，其中非公企业工会420个。\n"
# both an error and a warning, in different groups
BOTH = ERROR + WARNING_ONLY
FUTURE = "2023年以来，全市新建工会组织618个。\n"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(capsys, *argv: str) -> Run:
    capsys.readouterr()  # drop anything printed before
    code = main(list(argv))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def draft(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def one_line(err: str) -> str:
    """The stderr of a user error: exactly one line, no traceback."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("figcheck: error: "), err
    return lines[0]
