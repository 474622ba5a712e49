"""--changed-since REF: only the drafts under the given paths that git reports changed since REF
(committed, staged or not, and untracked); a clear error outside a git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_drafts import CLEAN, ERROR, WARNING_ONLY, draft, one_line, run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=figcheck", "-c", "user.email=figcheck@example.invalid",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "drafts").mkdir()
    for name in ("a.txt", "b.txt", "c.md"):
        draft(tmp_path / "drafts", name, CLEAN)
    draft(tmp_path, "elsewhere.txt", CLEAN)
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "drafts")
    _git(tmp_path, "tag", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _checked(capsys, *argv: str) -> tuple[int, list[str], str]:
    r = run(capsys, "check", "--format", "json", *argv)
    payload = json.loads(r.out)
    return r.code, [d["path"] for d in payload["documents"]], r.err


def test_only_changed_and_untracked_drafts(repo, capsys) -> None:
    draft(repo / "drafts", "a.txt", ERROR)  # changed, not staged
    draft(repo / "drafts", "new.md", WARNING_ONLY)  # untracked
    draft(repo, "elsewhere.txt", ERROR)  # changed, but not under the given path
    code, paths, _ = _checked(capsys, "drafts", "--changed-since", "base")
    assert sorted(paths) == ["drafts/a.txt", "drafts/new.md"] and code == 1


def test_committed_and_staged_changes_count(repo, capsys) -> None:
    draft(repo / "drafts", "b.txt", ERROR)
    _git(repo, "commit", "-q", "-am", "edit b")
    draft(repo / "drafts", "c.md", WARNING_ONLY)
    _git(repo, "add", "drafts/c.md")
    code, paths, _ = _checked(capsys, "drafts", "--changed-since", "base")
    assert sorted(paths) == ["drafts/b.txt", "drafts/c.md"]
    code, paths, _ = _checked(capsys, "drafts", "--changed-since", "HEAD")
    assert paths == ["drafts/c.md"]


def test_ignored_files_are_not_untracked_drafts(repo, capsys) -> None:
    (repo / ".gitignore").write_text("drafts/scratch.txt\n", encoding="utf-8")
    draft(repo / "drafts", "scratch.txt", ERROR)
    code, paths, _ = _checked(capsys, "drafts", "--changed-since", "base")
    assert paths == [] and code == 0


def test_nothing_changed(repo, capsys) -> None:
    code, paths, err = _checked(capsys, "drafts", "--changed-since", "base")
    assert paths == [] and code == 0
    assert "no drafts changed since base" in err


def test_from_a_subdirectory(repo, capsys, monkeypatch) -> None:
    draft(repo / "drafts", "a.txt", ERROR)
    monkeypatch.chdir(repo / "drafts")
    code, paths, _ = _checked(capsys, ".", "--changed-since", "base")
    assert paths == ["a.txt"] and code == 1


def test_unknown_revision(repo, capsys) -> None:
    r = run(capsys, "check", "drafts", "--changed-since", "no-such-branch")
    assert r.code == 2 and "no-such-branch" in one_line(r.err)
    r = run(capsys, "check", "drafts", "--changed-since=--output=x")
    assert r.code == 2 and not (repo / "x").exists()


def test_not_a_git_repository(tmp_path, capsys, monkeypatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    r = run(capsys, "check", draft(outside, "a.txt", ERROR), "--changed-since", "HEAD")
    assert r.code == 2 and r.out == ""
    assert "not in a git repository" in one_line(r.err)


ARTICLE = """时间：{date}
河南省总工会工作综述
河南省各级工会扎实推进建会入会。2021年，全省新建工会{n}家，新发展会员65.9万人。
"""


def test_a_changed_draft_contradicting_an_unchanged_one_fails(repo, capsys) -> None:
    """A pull request that edits one draft to contradict a draft it leaves alone."""
    draft(repo / "drafts", "published.txt", ARTICLE.format(date="2021-12-20", n=6016))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a published article")
    _git(repo, "tag", "pr-base")
    draft(repo / "drafts", "a.txt", ARTICLE.format(date="2022-01-05", n=6106))  # the edit
    r = run(capsys, "check", "drafts", "--changed-since", "pr-base", "--format", "json", "--no-ledger")
    payload = json.loads(r.out)
    assert r.code == 1
    assert [d["path"] for d in payload["documents"]] == ["drafts/a.txt"]  # only the changed one
    (conflict,) = [f for f in payload["findings"] if f["rule"] == "cross.conflict"]
    # "this draft" in the message is the changed one, the other is named
    assert [loc["path"] for loc in conflict["locations"]] == ["drafts/a.txt", "drafts/published.txt"]
    assert "本稿为6106家，drafts/published.txt为6016家" in conflict["message"]
    # an unchanged draft's own findings are not the pull request's: not reported
    draft(repo / "drafts", "b.txt", ERROR)
    _git(repo, "commit", "-q", "-am", "an old error")
    _git(repo, "tag", "pr-base-2")
    draft(repo / "drafts", "c.md", CLEAN)
    r = run(capsys, "check", "drafts", "--changed-since", "pr-base-2", "--format", "json", "--no-ledger")
    assert json.loads(r.out)["findings"] == [] and r.code == 0
    # the text report says what the changed drafts were compared with
    r = run(capsys, "check", "drafts", "--changed-since", "pr-base", "--no-ledger")
    assert "改动的 2 篇稿件与所给路径下的全部 4 篇稿件比对" in r.out
