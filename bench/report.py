"""Result rows, the machine they were measured on, and the Markdown they are written as.

A number without its machine cannot be compared with the next one, so every results file says
which CPU, how many cores, how much memory and which versions produced it.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("jieba", "pandas", "pandera")


@dataclass(frozen=True)
class Section:
    """A "## title" section of the results file that a benchmark writes whole (quality)."""

    title: str
    body: str  # Markdown below the heading

    def markdown(self) -> str:
        return f"## {self.title}\n\n{self.body.strip()}\n"


@dataclass(frozen=True)
class Row:
    """One line of the results table; ``met`` is None when there is no target to meet."""

    benchmark: str
    measured: str
    baseline: str
    ratio: str
    target: str
    met: bool | None
    note: str = ""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def revision() -> str:
    """The commit measured; others edit checker/ concurrently, so say if it was dirty."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "checker"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (+ uncommitted changes in checker/)" if dirty else head


def machine() -> list[str]:
    """Markdown bullet lines describing this machine and software."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    packages = ", ".join(f"{p} {_version(p)}" for p in PACKAGES)
    return [
        f"- CPU: {_cpu_model()}, {usable} usable cores ({os.cpu_count()} logical CPUs)",
        f"- Memory: {_memory()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- Packages: {packages}, figcheck {_version('figcheck')}",
        f"- Revision: {revision()}",
        f"- Load average (1/5/15 min) at start: {load}",
    ]


def table(rows: list[Row]) -> str:
    """The results table, then the rows' notes as a list."""
    met = {True: "yes", False: "**no**", None: "—"}
    lines = [
        "| benchmark | measured | baseline | ratio | target | met? |",
        "|---|---|---|---|---|---|",
        *(f"| {r.benchmark} | {r.measured} | {r.baseline} | {r.ratio} | {r.target} | {met[r.met]} |"
          for r in rows),
    ]
    notes = [f"- {r.benchmark}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def document(rows: list[Row], machine_lines: list[str], mode: str, when: str) -> str:
    """The whole results file."""
    return "\n".join([
        "# figcheck benchmarks",
        "",
        f"Written by `python bench/run.py` ({mode} mode) on {when}.",
        "",
        "## Machine",
        "",
        *machine_lines,
        "",
        "## Results",
        "",
        "Every speed is a median over interleaved repeats of subject and baseline in the same run; "
        "ratio = median of the per-round ratios (rounds pair runs made under the same load). "
        "Memory rows are peak resident set sizes of child processes (the kernel's VmHWM), "
        "against a Python that only imports pandas, measured in the same run.",
        "",
        table(rows),
        "",
    ])


_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def sections(markdown: str) -> list[Section]:
    """The "## " sections of a results file, in order."""
    heads = list(_HEADING.finditer(markdown))
    return [Section(h.group(1).strip(), markdown[h.end():nxt.start() if nxt else len(markdown)])
            for h, nxt in zip(heads, heads[1:] + [None])]


def replace_section(markdown: str, new: Section) -> str:
    """The file with its section of new's title replaced by new, or new appended at the end."""
    for h in _HEADING.finditer(markdown):
        if h.group(1).strip() == new.title:
            nxt = _HEADING.search(markdown, h.end())
            rest = markdown[nxt.start():] if nxt else ""
            return markdown[:h.start()] + new.markdown() + ("\n" + rest if rest else "")
    head = markdown.rstrip("\n") + "\n\n" if markdown.strip() else "# figcheck benchmarks\n\n"
    return head + new.markdown()


def carry_over(markdown: str, old: str) -> str:
    """markdown with the sections of old that it lacks appended (a speed run keeps Quality)."""
    have = {s.title for s in sections(markdown)}
    for s in sections(old):
        if s.title not in have:
            markdown = replace_section(markdown, s)
    return markdown


def tally(found: dict[str, list[int]]) -> tuple[int, int]:
    """Found and planted (or checked and marked) over every key of a bench's count."""
    return sum(f for f, _ in found.values()), sum(n for _, n in found.values())


def tally_lines(found: dict[str, list[int]], width: int) -> list[str]:
    """One line a key: its count and share, the keys in order."""
    return [f"  {key:{width}s} {f}/{n} {f / n:5.0%}" for key, (f, n) in sorted(found.items())]
