"""The files other tools read: the pre-commit hook and the example GitHub Actions workflow say
what the command really accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from checker.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _parses(command: str) -> None:
    """A `figcheck ...` command line the figcheck parser accepts (nothing is run)."""
    argv = shlex.split(re.sub(r"\$\{\{[^}]*\}\}", "main", command))  # workflow expressions
    assert argv[0] == "figcheck"
    build_parser().parse_args(argv[1:])


def test_pre_commit_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "figcheck" and hook["entry"] == "figcheck check"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["types_or"] == ["text", "markdown", "html"]
    # all staged drafts in one process, so each is compared with every other
    assert hook["require_serial"] is True
    _parses(f"{hook['entry']} draft.md other.txt")


def test_github_actions_example() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["figcheck"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert any("pip install figcheck" in r for r in runs)
    assert "figcheck check drafts/ --format sarif --output figcheck.sarif" in runs
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == "figcheck.sarif"
    assert any("--format github" in r for r in runs)
    assert workflow["permissions"]["security-events"] == "write"
    for r in runs:
        for line in r.splitlines():
            if line.strip().startswith("figcheck "):
                _parses(line.strip())
