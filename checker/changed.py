"""Which drafts changed since a git revision (``figcheck check --changed-since REF``).

A draft counts as changed when ``git diff --name-only REF`` lists it (committed, staged or not
since REF) or it is untracked and not ignored: in a pull request, the drafts its author touched.
Every draft under the given paths is still checked, so that a changed draft contradicting an
unchanged one is found; only findings that involve a changed draft are reported.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from checker.errors import UserError

_TIMEOUT = 60


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=_TIMEOUT)
    except FileNotFoundError:
        raise UserError("--changed-since 需要 git，但没有找到 (git is not installed)") from None
    except subprocess.TimeoutExpired:
        raise UserError(f"--changed-since: git {' '.join(args)} 超时 (timed out)") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0] if text else ""


def changed_since(ref: str, cwd: Path | None = None) -> set[Path]:
    """The files (resolved) that differ from ``ref`` in the working tree, plus untracked ones."""
    cwd = cwd or Path.cwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise UserError(f"--changed-since 只能在 git 仓库中使用 (not in a git repository): {cwd}")
    root = Path(top.stdout.decode("utf-8", errors="surrogateescape").strip())
    if ref.startswith("-"):
        raise UserError(f"--changed-since: 不是有效的 git 版本 (not a revision): {ref}")
    verify = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root)
    if verify.returncode != 0:
        raise UserError(f"--changed-since: 没有这个 git 版本 (unknown revision): {ref}")
    diff = _git(["-c", "core.quotePath=false", "diff", "--name-only", "-z", ref, "--"], root)
    if diff.returncode != 0:
        raise UserError(f"--changed-since: git diff 失败 (failed): {_first_line(diff.stderr)}")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = diff.stdout.split(b"\0") + (untracked.stdout.split(b"\0") if untracked.returncode == 0 else [])
    return {(root / name.decode("utf-8", errors="surrogateescape")).resolve() for name in names if name}


def only_changed(files: Sequence[Path], ref: str) -> list[Path]:
    """The files among ``files`` that changed since ``ref``."""
    changed = changed_since(ref)
    return [f for f in files if Path(f).resolve() in changed]


def keep_changed(reports: Sequence, changed: set[str]) -> list:
    """The reports of the changed drafts (a finding across articles that involves one is filed
    on it: attach_cross_findings(first=changed))."""
    return [r for r in reports if r.doc.path in changed]
