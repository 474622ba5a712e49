"""The files other tools read: the pre-commit hook and the example GitHub Actions workflow say
what the command really accepts."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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
    # installed from its repository (figcheck is not published on an index), pinned
    (install,) = [s for s in steps if "pip install" in s.get("run", "")]
    assert "figcheck @ git+" in install["run"] and install["env"]["FIGCHECK_REF"]
    # the SARIF step records, never gates: --fail-on never, not continue-on-error
    (sarif,) = [s for s in steps if "--format sarif" in s.get("run", "")]
    assert sarif["run"] == "figcheck check drafts/ --format sarif --output figcheck.sarif --fail-on never"
    assert "continue-on-error" not in sarif
    _parses(sarif["run"])
    # current major versions of the actions (Node 24)
    uses = {s["uses"].split("@")[0]: s["uses"].split("@")[1] for s in steps if "uses" in s}
    assert uses == {"actions/checkout": "v6", "actions/setup-python": "v6",
                    "github/codeql-action/upload-sarif": "v4"}
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == "figcheck.sarif"
    assert any("--format github" in r for r in runs)
    assert workflow["permissions"]["security-events"] == "write"
    for r in runs:
        for line in r.splitlines():
            if line.strip().startswith("figcheck "):
                _parses(line.strip())


_ARTICLE = ("时间：{date}\n河南省总工会工作综述\n"
            "河南省各级工会扎实推进建会入会。2021年，全省新建工会{n}家，新发展会员65.9万人。\n")


@pytest.mark.skipif(shutil.which("pre-commit") is None and not os.environ.get("CI")
                    and not (Path(sys.executable).parent / "pre-commit").exists(),
                    reason="pre-commit is not installed (the test extra has it; CI runs this)")
def test_the_pre_commit_hook_for_real_compares_the_staged_drafts(tmp_path: Path) -> None:
    """pre-commit installs figcheck from this repository into its own environment and runs the
    hook on two staged drafts that contradict each other: one process sees both (require_serial),
    so the conflict fails the commit, however pre-commit would split the files."""
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs this repository's git checkout")
    tool = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    repo = tmp_path / "drafts-repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / "drafts" / "a.txt").write_text(_ARTICLE.format(date="2021-12-20", n=6016), encoding="utf-8")
    (repo / "drafts" / "b.txt").write_text(_ARTICLE.format(date="2022-01-05", n=6106), encoding="utf-8")
    git = ["git", "-c", "user.name=figcheck", "-c", "user.email=figcheck@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run([tool, "try-repo", str(ROOT), "figcheck", "--files", "drafts/a.txt",
                           "drafts/b.txt"], cwd=repo, capture_output=True, text=True, env=env,
                          timeout=900)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out[-3000:]
    assert "cross.conflict" in out and "Traceback" not in out, out[-3000:]
