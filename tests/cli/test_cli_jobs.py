"""--jobs N: several processes give the same report as one, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from checker.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _run(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", "--no-ledger", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_jobs_report_equals_serial_report(tmp_path: Path, capsys) -> None:
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt")) * 3):
        shutil.copy(seed, tmp_path / f"{i:02d}.txt")
    (tmp_path / "99-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "99-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    serial = _run(capsys, str(tmp_path), "--jobs", "1")
    parallel = _run(capsys, str(tmp_path), "--jobs", "2")
    assert serial[0] == parallel[0] == 2  # findings, and a bad file
    assert serial[1]["documents"] == parallel[1]["documents"]
    assert serial[1]["findings"] == parallel[1]["findings"]
    assert serial[2] == parallel[2] and "99-image.txt" in parallel[2]
    # the empty draft is checked, with its note, not refused
    [empty] = [d for d in parallel[1]["documents"] if d["path"].endswith("99-empty.txt")]
    assert empty["figures"] == 0 and empty["notes"]


def test_bad_jobs_value_is_a_usage_error(capsys) -> None:
    try:
        main(["check", "seeds", "--jobs", "-2"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_text_report_says_what_was_compared_across_articles(tmp_path: Path, capsys) -> None:
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    main(["check", str(tmp_path), "--no-ledger", "--lang", "en"])
    out = capsys.readouterr().out
    assert "the 2 drafts of this run compared with each other" in " ".join(out.split())
