"""Where a `figcheck` run spends its time: imports by package, then a pyinstrument profile.

    python bench/profile_run.py [--tree DIR] [--top N] -- check seeds/001_d8d44239551427c6.txt

Runs the command as the console script does (checker.cli.entry, so the same packages are
declared absent), in a new interpreter, twice: once under ``-X importtime`` to total the import
time of each top-level package (its modules' own times, under -X importtime's overhead), once under pyinstrument (the `bench` extra) for the rest. With
--tree it profiles another checkout of figcheck (e.g. a `git worktree` of an older revision),
which is how bench/RESULTS.md records a hot spot before and after its fix.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# as the console script, main guard included: --jobs workers are spawned and import __main__
_ENTRY = ("import sys\nif __name__ == '__main__':\n    sys.argv = ['figcheck', *sys.argv[1:]]\n"
          "    from checker.cli import entry\n    entry()\n")


def _env(tree: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    return env


def imports_by_package(tree: Path, argv: list[str]) -> list[tuple[str, float]]:
    """Seconds of import time per top-level package: the self time of each of its modules."""
    subprocess.run([sys.executable, "-P", "-c", _ENTRY, *argv], cwd=REPO, env=_env(tree),
                   capture_output=True)  # byte code written, caches warm
    done = subprocess.run([sys.executable, "-P", "-X", "importtime", "-c", _ENTRY, *argv], cwd=REPO,
                          env=_env(tree), capture_output=True, text=True)
    totals: dict[str, float] = defaultdict(float)
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \| \s*(\S+)$", line)
        if m:
            totals[m.group(2).split(".")[0]] += int(m.group(1)) / 1e6
    return sorted(totals.items(), key=lambda kv: kv[1], reverse=True)


def pyinstrument_text(tree: Path, argv: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "profile.txt"
        script = Path(tmp) / "figcheck_entry.py"
        script.write_text(_ENTRY + "\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text",
                        "-o", str(out), str(script), *argv],
                       cwd=REPO, env=_env(tree), capture_output=True)
        return out.read_text(encoding="utf-8") if out.exists() else "(pyinstrument: no output)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", type=Path, default=REPO, help="the figcheck checkout to profile")
    parser.add_argument("--top", type=int, default=12, help="packages to list (default 12)")
    parser.add_argument("argv", nargs="+", help="the figcheck command line, after --")
    args = parser.parse_args()
    print(f"imports of `figcheck {' '.join(args.argv)}` ({args.tree}):")
    packages = imports_by_package(args.tree, args.argv)
    for name, secs in packages[:args.top]:
        print(f"  {name:24s} {secs:6.3f} s")
    print(f"  {'(all)':24s} {sum(s for _, s in packages):6.3f} s")
    print()
    print(pyinstrument_text(args.tree, args.argv))


if __name__ == "__main__":
    main()
