"""Many drafts in one run: `figcheck check DIR --no-ledger --jobs N` against `--jobs 1`.

The drafts are cut from the 15 gwr2026 reports: draft i takes report i mod 15, a dateline
header naming its province (synth.header), and the report's paragraphs from a starting point
that moves on with i (wrapping round) until the body has DRAFT_CHARS characters, about a news
article. Drafts of one report overlap, so their figures agree and the checks across drafts find
repeats, not conflicts, as in a day's drafts about one province.

Each run is a new `figcheck` process (the script beside sys.executable, as in coldstart); exit 1
means findings and is fine. Workers (new interpreters) load the rules and jieba once each
(checker.parallel), but reading the rules, the checks across drafts and the report stay in the
parent, so they bound the speed-up (Amdahl). A run on one draft, timed in the same rounds, shows
how much of a run is start-up; the CPU time of each run (its process and workers) over its
wall time says how many cores it really kept busy, which tells a run the machine's other load
slowed from one that does not scale. An untimed first run of each command writes byte code and
figcheck's dictionary cache, and the reports of --jobs 1 and --jobs N must be identical.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from coldstart import _command, _figcheck
from extraction import load
from report import Row
from synth import header
from timing import interleaved

DRAFTS = 1000
QUICK_DRAFTS = 200
DRAFT_CHARS = 2000  # characters of body a draft, plus its three-line header
STEP = 7  # paragraphs between the starting points of successive drafts of one report
EFFICIENCY = 0.85  # target: speed-up ≥ 0.85 N at N jobs
DEFAULT_DATE = dt.date(2026, 2, 1)  # for the 2 reports whose dateline figcheck does not find


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _timed_cpu(command: Callable[[], str], seconds: list[float]) -> Callable[[], str]:
    """command, recording the CPU time its process and that process's workers used."""

    def run() -> str:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = command()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return out

    return run


def write_drafts(folder: Path, n: int) -> int:
    """n drafts in folder; returns their total characters."""
    docs = load()
    bodies = [[line for line in doc.text.splitlines()[4:] if line.strip()] for doc in docs]
    total = 0
    for i in range(n):
        doc, paras = docs[i % len(docs)], bodies[i % len(docs)]
        k = (i // len(docs)) * STEP
        body: list[str] = []
        while sum(map(len, body)) < DRAFT_CHARS:
            body.append(paras[k % len(paras)])
            k += 1
        text = header(doc.province or "河南省", doc.published or DEFAULT_DATE) + "\n".join(body)
        (folder / f"draft_{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
        total += len(text) + 1
    return total


def run(quick: bool) -> list[Row]:
    figcheck = _figcheck()
    cores = usable_cores()
    n_jobs = sorted({2, cores})
    n = QUICK_DRAFTS if quick else DRAFTS
    with tempfile.TemporaryDirectory(prefix="figcheck-jobs-") as tmp:
        folder = Path(tmp) / "drafts"
        folder.mkdir()
        chars = write_drafts(folder, n)
        one = folder / "draft_0000.txt"
        cpu: dict[str, list[float]] = {}
        runs = {"one": _timed_cpu(_command([figcheck, "check", one, "--no-ledger"], ok=(0, 1)),
                                  cpu.setdefault("one", []))}
        for jobs in [1, *n_jobs]:
            runs[f"jobs{jobs}"] = _timed_cpu(_command(
                [figcheck, "check", folder, "--no-ledger", "--jobs", str(jobs)], ok=(0, 1)),
                cpu.setdefault(f"jobs{jobs}", []))
        first = {name: command() for name, command in runs.items()}  # untimed
        for jobs in n_jobs:
            if first[f"jobs{jobs}"] != first["jobs1"]:
                raise SystemExit(f"bench: --jobs {jobs} reported otherwise than --jobs 1")
        for times in cpu.values():
            times.clear()  # only the timed runs
        t = interleaved(runs, repeats=3 if quick else 5)

    serial = t.median("jobs1")
    one_s = t.median("one")
    base = f"`--jobs 1`: {n / serial:,.1f} drafts/s ({serial:.2f} s)"
    rows = []
    for jobs in n_jobs:
        speedup = t.ratio("jobs1", f"jobs{jobs}")
        efficiency = speedup / jobs
        work = statistics.median(  # the same with the one-draft run (start-up) taken off both
            (a - o) / (b - o) for a, b, o in
            zip(t.seconds["jobs1"], t.seconds[f"jobs{jobs}"], t.seconds["one"]))
        met = efficiency >= EFFICIENCY if jobs <= cores else None
        seconds = t.median(f"jobs{jobs}")
        note = (f"{n:,} drafts of ~{DRAFT_CHARS:,} characters ({chars:,} in all) cut from the "
                f"gwr2026 reports; {cores} usable cores (os.sched_getaffinity); "
                f"speed-up {speedup:.2f}×, efficiency {efficiency:.0%}. "
                f"Start-up: `figcheck check` of one draft takes {one_s:.2f} s "
                f"({one_s / serial:.0%} of the --jobs 1 run), paid once a run; without it "
                f"(one-draft time taken off both runs, per round) the speed-up is {work:.2f}×; "
                f"CPU time (user + system, all processes) {statistics.median(cpu['jobs1']):.2f} s "
                f"at --jobs 1, {statistics.median(cpu[f'jobs{jobs}']):.2f} s at --jobs {jobs}, "
                f"which kept {statistics.median(cpu[f'jobs{jobs}']) / seconds:.2f} cores busy "
                f"on average (well under {jobs} means the machine was busy or the run serial); "
                f"the text reports of --jobs 1 and --jobs {jobs} are identical.")
        if statistics.median(cpu[f"jobs{jobs}"]) < statistics.median(cpu["jobs1"]):
            note += (f" --jobs 1 used more CPU than --jobs {jobs}: a draft costs more in one "
                     f"long-lived process than in short-lived workers, so part of the speed-up is "
                     f"not parallelism.")
        if jobs > cores:
            note += f" Only {cores} usable core(s): --jobs {jobs} cannot scale here, no target."
        rows.append(Row(
            f"jobs: `figcheck check DIR --no-ledger --jobs {jobs}`",
            f"{n / seconds:,.1f} drafts/s ({seconds:.2f} s, n={t.repeats})", base,
            f"{speedup:.2f}× --jobs 1", f"≥ {EFFICIENCY * jobs:.2f}× (efficiency ≥ "
            f"{EFFICIENCY:.0%})", met, note))
    return rows
