"""Spark at scale (issue 16): figcheck's Spark engine on a real standalone cluster on loopback,
against the embedded engine in the same run.

The cluster is tests/spark_cluster.py's: a master and 1 or 2 workers of 1 core and 1 GB from the
pyspark distribution, whose Python is a bare virtual environment, so the executors run what
figcheck ships them (checker/ledger/spark_ship.py). Both clusters run side by side for the whole
benchmark, so that their runs can be interleaved round by round with the embedded ones. Every
Spark number is a real `figcheck` process (the driver) started with the cluster's environment.

1. The conflict search over the 100,000-article ledger of ledger_scale (its cached DuckDB file),
   exported once to the Parquet layout (cached beside it): `figcheck ledger conflicts --engine
   spark` on 1 and on 2 workers, against the embedded engine on the same folder and on the DuckDB
   file (Ledger(...).conflicts() + cumulative_falls(), in this process: the two searches the
   command runs), and `figcheck ledger conflicts` on the folder (the embedded command). Every
   engine must return the planted conflicts ledger_scale expects, and nothing else.
2. Ingest: N synthetic articles written as files (synth.articles + synth.text_of), really
   ingested by `figcheck ingest --engine spark` on 1 and 2 workers, against the embedded
   `figcheck ingest` of the same files into a Parquet folder and into a DuckDB file; the four
   ledgers must hold the same rows.
3. The driver's memory as the archive grows: peak RSS of the driver's process tree (the figcheck
   Python and the JVM it starts; not the executors, which the workers start) over ingests of
   N/4, N/2 and N articles on the 2-worker cluster.

Start-up is reported apart and never hidden in a rate: for every Spark run the logs of the
master and of the executors say when the session was registered and when every executor was
ready (launched, the figcheck archive fetched and unpacked) and when the first task ran;
"start-up" is the time from the launch of the command to its first task (the cluster working on
it), and "net" times are the whole command minus its own start-up (the same subtraction for
every Spark run; the embedded runs have none to subtract). The driver's own event log (turned
on through a SPARK_CONF_DIR of the benchmark's) gives the time of each SQL execution after that.

Opt-in (`python bench/run.py --only spark_scale`): every Spark command takes minutes here
(start-up alone is most of a minute), so the benchmark does too: --quick took 19 min on the
shared 2-core machine under load (10 Spark commands, n=1 each); a full run (1,000 articles)
should take ~25 min under the same load. Needs Java 17+, pyspark and pyarrow (figcheck[spark]).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ledger_scale
import synth
from report import REPO, Row
from timing import interleaved

# Articles really ingested (100,000 would take hours: see the ingest rows). A Spark ingest costs
# ~1 min of start-up and ~2 min of fixed stages, then ~0.25 s an article on this machine, so 1,000
# (and 250, 500 for the memory series) is what a full run of ~25 min can hold.
INGEST = 1_000
QUICK_INGEST = 500
ROUNDS = {"conflicts": 1, "ingest": 1}  # each Spark run is minutes: see the module's docstring
QUICK_ROUNDS = {"conflicts": 1, "ingest": 1}
EMBEDDED_BUDGET = 60.0  # s: an embedded search over the Parquet folder is interrupted after this
QUICK_EMBEDDED_BUDGET = 30.0
TARGET_MEMORY = 1.2  # the driver's peak at N articles ≤ 1.2 × its peak at N/4 (issue 16)
POLL = 0.2  # seconds between two readings of the driver's process tree
TIMEOUT = 1800.0  # seconds: a run that takes longer is killed and the benchmark stops
CLUSTER_MEMORY = "1g"  # per worker (the executor takes the default spark.executor.memory, 1g)


# -- the cluster -----------------------------------------------------------------------------
def _spark_home() -> Path:
    """pyspark's folder without importing it (bench/run.py keeps pyspark out of this process,
    as the figcheck script does)."""
    spec = importlib.machinery.PathFinder.find_spec("pyspark")
    if spec is None or spec.origin is None:
        raise SystemExit("bench: spark_scale needs pyspark (pip install -e '.[spark]')")
    return Path(spec.origin).resolve().parent


def _cluster_module():
    """tests/spark_cluster.py, loaded from its file (tests/ is no package); its spark_home,
    which imports pyspark, replaced by one that finds it without importing."""
    spec = importlib.util.spec_from_file_location("figcheck_bench_spark_cluster",
                                                  REPO / "tests" / "spark_cluster.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    module.spark_home = _spark_home
    return module


@dataclass
class Spark:
    """A running cluster and what its runs need."""

    name: str  # "1 worker", "2 workers"
    workers: int
    cluster: object  # spark_cluster.Cluster
    conf: Path  # SPARK_CONF_DIR of the drivers: spark-defaults.conf with the event log on
    events: Path

    def env(self) -> dict[str, str]:
        env = self.cluster.env()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["SPARK_CONF_DIR"] = str(self.conf)
        return env


def _event_conf(folder: Path) -> tuple[Path, Path]:
    """A SPARK_CONF_DIR whose spark-defaults.conf only turns Spark's event log on, uncompressed
    (the pyspark distribution has no conf folder of its own, so nothing else changes): the
    driver's own record of when each SQL execution ran, read after each run."""
    conf, events = folder / "spark-conf", folder / "spark-events"
    conf.mkdir(parents=True)
    events.mkdir(parents=True)
    (conf / "spark-defaults.conf").write_text(
        f"spark.eventLog.enabled true\nspark.eventLog.dir {events.as_uri()}\n"
        "spark.eventLog.compress false\nspark.eventLog.rolling.enabled false\n",
        encoding="utf-8")
    return conf, events


# -- commands and the driver's process tree --------------------------------------------------
_LAUNCH = """\
import sys
from checker.absent import declare_absent
from checker.cli import _absent, _skip_jieba_hmm, main
declare_absent(tuple(n for n in _absent(sys.argv[1:]) if n != "pyspark"))
_skip_jieba_hmm()
sys.exit(main(sys.argv[1:]))
"""


def _figcheck() -> Path:
    script = Path(sys.executable).with_name("figcheck")
    if not script.exists():
        raise SystemExit(f"bench: no {script}; run with the venv's python (.venv/bin/python)")
    return script


def _keeps_pyspark_out(args: Sequence[str]) -> bool:
    """Whether the figcheck script treats pyspark as not installed for this command
    (checker.cli._absent), as it did for `ledger conflicts --engine spark` when this was written."""
    try:
        from checker.cli import _absent
    except ImportError:
        return False
    return "spark" in args and "pyspark" in _absent(list(args))


def command(args: Sequence[str]) -> list[str]:
    """argv of `figcheck ARGS`: the console script; for a Spark command that the script keeps
    pyspark out of, the script's own steps (checker.cli.entry) with pyspark allowed."""
    if _keeps_pyspark_out(args):
        return [sys.executable, "-c", _LAUNCH, *args]
    return [str(_figcheck()), *args]


def _exe(pid: int) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


def _tree(root: int) -> dict[int, tuple[str, int, int]]:
    """{pid: (name, VmRSS kB, VmHWM kB)} of root and its descendants, from /proc. A child still
    running its parent's program is left out (its children are not): a fork not yet at its
    exec (the driver's JVM forks bash for Hadoop's local file-system calls) shares its parent's
    pages, and its RSS, the parent's whole, would count them twice."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = {}, [(root, None)]
    while todo:
        pid, parent_exe = todo.pop()
        exe = _exe(pid)
        todo += [(child, exe) for child in children.get(pid, [])]
        if parent_exe is not None and exe == parent_exe:
            continue
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                status = f.read()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0])
        hwm = int(fields.get("VmHWM", "0 kB").split()[0])
        out[pid] = (fields.get("Name", "?").strip(), rss, hwm)
    return out


@dataclass
class Run:
    """One process (and its descendants) run to its end."""

    seconds: float
    launched: float  # time.time() at launch
    out: str
    err: str
    code: int
    peak: float = 0.0  # MiB: the largest sum of the tree's RSS over the readings
    at_peak: dict[str, float] = field(default_factory=dict)  # MiB by process name at that reading
    hwm: float = 0.0  # MiB: the sum of each process's own VmHWM (their peaks need not coincide)
    readings: int = 0
    phases: dict[str, float] = field(default_factory=dict)  # seconds after launch (Spark runs)
    timeline: dict = field(default_factory=dict)  # from the event log (Spark runs)
    rebuilt: bool = False  # the driver built the executors' archive again (checker/ changed)


def run_watched(argv: Sequence[str], env: dict[str, str], cwd: Path,
                ok: tuple[int, ...] = (0,)) -> Run:
    """Runs argv to its end, reading its process tree's memory every POLL seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launched, start = time.time(), time.perf_counter()
        proc = subprocess.Popen(list(argv), env=env, cwd=cwd, stdout=out, stderr=err,
                                start_new_session=True)
        peak, at_peak, hwm, readings = 0, {}, {}, 0
        try:
            while proc.poll() is None:
                if time.perf_counter() - start > TIMEOUT:
                    raise SystemExit(f"bench: {' '.join(argv[:4])} … ran past {TIMEOUT:.0f} s")
                tree = _tree(proc.pid)
                readings += 1
                total = sum(rss for _, rss, _ in tree.values())
                if total > peak:
                    peak, at_peak = total, {}
                    for name, rss, _ in tree.values():
                        at_peak[name] = at_peak.get(name, 0) + rss / 1024
                for pid, (_, _, high) in tree.items():
                    hwm[pid] = max(hwm.get(pid, 0), high)
                time.sleep(POLL)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        seconds = time.perf_counter() - start
        with contextlib.suppress(ProcessLookupError):  # anything the driver left behind
            os.killpg(proc.pid, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        run = Run(seconds, launched, out.read().decode(errors="replace"),
                  err.read().decode(errors="replace"), proc.returncode, peak / 1024, at_peak,
                  sum(hwm.values()) / 1024, readings)
    if run.code not in ok:
        raise SystemExit(f"bench: {' '.join(argv)} exited {run.code}:\n{run.err[-4000:]}")
    return run


# -- start-up, from the cluster's logs -------------------------------------------------------
_STAMP = re.compile(r"^(\d\d/\d\d/\d\d \d\d:\d\d:\d\d) ")
_REGISTERED = re.compile(r"Master: Registered app .* with ID (app-\S+)")


def _when(line: str) -> float | None:
    m = _STAMP.match(line)
    return dt.datetime.strptime(m[1], "%y/%m/%d %H:%M:%S").timestamp() if m else None


def _unpacked(folder: Path) -> float | None:
    """When the last file of an unpacked archive was written (its ctime: tar keeps mtimes).
    Byte code is left out: the executors' Python workers write checker's into the folder when
    they first import it, after the unpack."""
    last = None
    for dirpath, _, files in os.walk(folder):
        if "__pycache__" in dirpath:
            continue
        for name in files:
            with contextlib.suppress(OSError):
                c = os.lstat(os.path.join(dirpath, name)).st_ctime
                last = c if last is None or c > last else last
    return last


def phases(spark: Spark, run: Run) -> dict[str, float]:
    """Seconds after the launch at which the session was registered with the master
    ("session"), the first and the last executor were ready ("first_ready", "last_ready"), and
    the first task ran ("first_task", which is the run's "startup": from then on the cluster
    works on the command; a second executor may still be unpacking); and the longest archive
    unpack ("unpack"). The run's executor folders are removed after."""
    folder = spark.cluster.folder
    apps = []
    for line in (folder / "master.log").read_text(errors="replace").splitlines():
        m = _REGISTERED.search(line)
        if m and (t := _when(line)) is not None and t >= int(run.launched) - 1:
            apps.append((t, m[1]))
    if len(apps) != 1:
        raise SystemExit(f"bench: expected one Spark application after the launch, the master "
                         f"registered {len(apps)}:\n{spark.cluster.logs()}")
    registered, app = apps[0]
    ready, first, unpack = [], [], []
    for stderr in folder.glob(f"work*/{app}/*/stderr"):
        lines = stderr.read_text(errors="replace").splitlines()
        joined = [t for line in lines if "Successfully registered with driver" in line
                  and (t := _when(line)) is not None]
        started = [t for line in lines if "Unpacking an archive" in line
                   and (t := _when(line)) is not None]
        tasks = [t for line in lines if "Executor: Running task" in line
                 and (t := _when(line)) is not None]
        done = _unpacked(stderr.parent / "figcheck_env")
        ready.append(max([*joined, *([done] if done else [])], default=registered))
        if started and done:
            unpack.append(done - started[0])
        if tasks:
            first.append(tasks[0])
    for executor in folder.glob(f"work*/{app}"):
        shutil.rmtree(executor, ignore_errors=True)  # ~0.6 GB each: the unpacked archive
    if not ready:
        raise SystemExit(f"bench: no executor of {app} left a log:\n{spark.cluster.logs()}")
    first_task = (min(first) if first else min(ready)) - run.launched
    return {"session": registered - run.launched, "first_ready": min(ready) - run.launched,
            "last_ready": max(ready) - run.launched, "first_task": first_task,
            "startup": first_task, "unpack": max(unpack, default=0.0), "executors": len(ready),
            "app": app}


def _label(description: str) -> str:
    """An SQL execution's call site, short: "collect (spark.py:540)", "parquet"."""
    what, _, where = description.partition(" at ")
    where = where.strip()
    if not where or where.startswith("NativeMethodAccessorImpl"):
        return what.strip()
    return f"{what.strip()} ({Path(where).name})"


def timeline(events: Path, app: str, launched: float) -> dict:
    """From the driver's event log: when the application started and ended, and its top-level
    SQL executions in order, consecutive ones of one call site together: [label, count, s]."""
    log = events / app
    if not log.exists():
        return {}
    start = end = None
    sql: dict[int, list] = {}
    with open(log, encoding="utf-8") as f:
        for line in f:
            if '"Event":"SparkListenerApplication' not in line and "SQLExecution" not in line:
                continue
            e = json.loads(line)
            ev = e["Event"]
            if ev == "SparkListenerApplicationStart":
                start = e["Timestamp"] / 1000
            elif ev == "SparkListenerApplicationEnd":
                end = e["Timestamp"] / 1000
            elif ev.endswith("SQLExecutionStart"):
                if e.get("rootExecutionId", e["executionId"]) == e["executionId"]:
                    sql[e["executionId"]] = [_label(e.get("description", "")), e["time"] / 1000,
                                             None]
            elif ev.endswith("SQLExecutionEnd") and e["executionId"] in sql:
                sql[e["executionId"]][2] = e["time"] / 1000
    log.unlink()
    steps: list[list] = []
    for label, began, ended in (sql[k] for k in sorted(sql)):
        took = (ended or began) - began
        if steps and steps[-1][0] == label:
            steps[-1][1] += 1
            steps[-1][2] += took
        else:
            steps.append([label, 1, took])
    first = min((v[1] for v in sql.values()), default=None)
    return {"app_start": None if start is None else start - launched,
            "first_sql": None if first is None else first - launched,
            "app_end": None if end is None else end - launched,
            "sql": sum(st[2] for st in steps), "steps": steps}


def timeline_text(run: Run) -> str:
    """A Spark run's time line, for a note."""
    tl, ph = run.timeline, run.phases
    if not tl:
        return "no event log"
    steps = ", ".join(f"{label}{f' ×{n}' if n > 1 else ''} {s:.1f}" for label, n, s in tl["steps"]
                      if s >= 0.05)
    ready = (f"executor ready at {ph['first_ready']:.0f} s" if ph["executors"] == 1 else
             f"executors ready at {ph['first_ready']:.0f} and {ph['last_ready']:.0f} s")
    text = (f"session at {ph['session']:.0f} s, {ready}, first task at {ph['first_task']:.0f} s, "
            f"first SQL at {tl['first_sql']:.1f} s; SQL executions (s, consecutive ones of a call "
            f"site together): {steps}; {tl['sql']:.1f} s in SQL of the run's {run.seconds:.1f} s")
    if tl.get("app_end") is not None:
        text += f", the session stopped at {tl['app_end']:.1f} s"
    if run.rebuilt:
        text += "; this run's driver built the executors' archive again (checker/ had changed)"
    return text


def _archives() -> set[str]:
    from checker.extract.segment import cache_dir

    return {p.name for p in (cache_dir() / "spark").glob("*.tar.gz")}


def spark_run(spark: Spark, args: Sequence[str], cwd: Path, ok=(0,)) -> Run:
    before = _archives()
    run = run_watched(command(args), spark.env(), cwd, ok)
    run.rebuilt = bool(_archives() - before)
    run.phases = phases(spark, run)
    run.timeline = timeline(spark.events, run.phases["app"], run.launched)
    RAW.setdefault("spark runs", []).append(
        {"cluster": spark.name, "args": list(args), "seconds": run.seconds, "peak": run.peak,
         "at_peak": run.at_peak, "hwm": run.hwm, "phases": run.phases, "timeline": run.timeline,
         "rebuilt": run.rebuilt})
    _save_raw()
    return run


RAW: dict = {}  # every measurement, as it is made: bench/out/spark_scale/raw-MODE.json
RAW_FILE: list[Path] = []


def _save_raw() -> None:
    if RAW_FILE:
        RAW_FILE[0].parent.mkdir(parents=True, exist_ok=True)
        RAW_FILE[0].write_text(json.dumps(RAW, indent=1, default=str), encoding="utf-8")


# -- 1. the conflict search over the 100k ledger ---------------------------------------------
def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def parquet_ledger(duck: Path, meta: dict) -> tuple[Path, str]:
    """The 100k ledger in the Parquet layout, beside the DuckDB file: exported once with
    `figcheck ledger export` and kept while the ledger and the layout's code stay the same."""
    import checker.ledger.parquet as parquet_code
    import checker.ledger.store as store_code

    folder = duck.parent / "parquet"
    stamp = {"ledger_built": meta["built"], "figures": meta["figures"],
             "code": _digest(Path(parquet_code.__file__), Path(store_code.__file__))}
    stamp_file = duck.parent / "parquet.json"
    if folder.is_dir() and stamp_file.exists():
        kept = json.loads(stamp_file.read_text(encoding="utf-8"))
        if {k: kept.get(k) for k in stamp} == stamp:
            return folder, (f"exported {kept['exported']} in {kept['seconds']:.0f} s "
                            f"(cached since)")
    part = duck.parent / "parquet.part"
    shutil.rmtree(part, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"  spark_scale: exporting the 100k ledger to {folder} (cached for later runs) ...",
          flush=True)
    run = run_watched(command(["ledger", "export", f"{part}/", "--ledger", str(duck),
                               "--format", "json"]), env, duck.parent)
    done = json.loads(run.out)
    if (done["documents"], done["figures"]) != (meta["articles"], meta["figures"]):
        raise SystemExit(f"bench: the export wrote {done['documents']:,} documents and "
                         f"{done['figures']:,} figures of {meta['articles']:,} and "
                         f"{meta['figures']:,}")
    os.replace(part, folder)
    stamp |= {"exported": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
              "seconds": run.seconds}
    stamp_file.write_text(json.dumps(stamp), encoding="utf-8")
    return folder, f"exported in this run in {run.seconds:.0f} s"


def _pairs(rows) -> list[tuple]:
    return sorted((r["a_doc_id"], r["a_start_offset"], r["b_doc_id"], r["b_start_offset"])
                  for r in rows)


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def conflict_rows(sparks: list[Spark], duck: Path, meta: dict, tmp: Path, rounds: int,
                  budget: float) -> tuple[list[Row], dict[str, list[Run]]]:
    import threading

    import duckdb

    from checker.ledger import Ledger

    with Ledger(duck):  # opened for writing once, as ledger_scale does: adds key_bounds to a
        pass            # cached ledger from older code (the DuckDB search starts from them)
    folder, exported = parquet_ledger(duck, meta)
    found: dict[str, list[tuple[list, list]]] = {}
    failed: dict[str, list[str]] = {}
    runs: dict[str, list[Run]] = {}
    args = ["ledger", "conflicts", "--format", "json"]

    def on_spark(spark: Spark) -> Callable[[], None]:
        def go() -> None:
            run = spark_run(spark, [*args, "--ledger", f"{folder}/", "--engine", "spark"], tmp,
                            ok=(0, 1))
            got = json.loads(run.out)
            runs.setdefault(spark.name, []).append(run)
            found.setdefault(spark.name, []).append((_pairs(got["conflicts"]),
                                                     _pairs(got["cumulative_falls"])))
        return go

    def embedded(path: Path, name: str, limit: float | None) -> Callable[[], None]:
        """Ledger(path).conflicts() + cumulative_falls(), interrupted after ``limit`` s."""
        def go() -> None:
            with Ledger(path, read_only=True) as led:
                timer = threading.Timer(limit, led.con.interrupt) if limit else None
                if timer:
                    timer.start()
                try:
                    found.setdefault(name, []).append((_pairs(led.conflicts()),
                                                       _pairs(led.cumulative_falls())))
                except (duckdb.InterruptException, duckdb.OutOfMemoryException) as err:
                    what = ("interrupted" if isinstance(err, duckdb.InterruptException)
                            else f"out of memory ({str(err).splitlines()[0][:120]})")
                    failed.setdefault(name, []).append(what)
                finally:
                    if timer:
                        timer.cancel()
        return go

    def embedded_command() -> None:
        run = run_watched(command([*args, "--ledger", str(duck)]), dict(os.environ), tmp,
                          ok=(0, 1))
        got = json.loads(run.out)
        runs.setdefault("command", []).append(run)
        found.setdefault("command", []).append((_pairs(got["conflicts"]),
                                                _pairs(got["cumulative_falls"])))

    arms = {s.name: on_spark(s) for s in sparks}
    arms |= {"parquet": embedded(folder, "parquet", budget),
             "duckdb": embedded(duck, "duckdb", None), "command": embedded_command}
    t = interleaved(arms, rounds)
    for name, done in runs.items():  # the processes' own times, without reading their logs
        t.seconds[name] = [r.seconds for r in done]
    RAW["conflict search seconds"] = t.seconds
    RAW["conflict search failed"] = failed
    _save_raw()

    want_c = sorted(tuple(p[:4]) for p in meta["expected_conflicts"])
    want_f = sorted(tuple(p[:4]) for p in meta["expected_falls"])
    verdicts = {name: ("did not finish" if failed.get(name) else
                       "ok" if all(c == want_c and f == want_f for c, f in found[name])
                       else "DIFFERENT") for name in arms}
    duck_s, cmd = t.median("duckdb"), t.median("command")
    if failed.get("parquet"):
        parquet_text = (f"did not finish in {budget:.0f} s ({', '.join(failed['parquet'])}, "
                        f"n={len(failed['parquet'])})")
    else:
        parquet_text = f"{t.median('parquet'):.2f} s"
    rows = []
    for s in sparks:
        total = t.median(s.name)
        startup = statistics.median(r.phases["startup"] for r in runs[s.name])
        net = _net(runs, s.name)
        rows.append(Row(
            f"spark_scale: `figcheck ledger conflicts --engine spark`, 100k ledger (Parquet), "
            f"{s.name}",
            f"{total:.1f} s (n={t.repeats}); net of start-up {net:.1f} s",
            f"embedded on the DuckDB file: {duck_s:.2f} s in-process, the command {cmd:.1f} s; "
            f"on the same Parquet folder: {parquet_text}",
            f"{_x(t.ratio(s.name, 'command'))} the embedded command; net {_x(net / duck_s)} "
            f"in-process", "—", None,
            f"start-up (launch → first task) {startup:.1f} s; net = each run's time minus "
            f"its own start-up. The command searches "
            f"the conflicts and the running totals that fell, writes both under results/, then "
            f"prints them as JSON; the embedded baselines run the same two searches "
            f"(Ledger(...).conflicts() + cumulative_falls(), open and close included; the "
            f"command: `figcheck ledger conflicts --ledger FILE.duckdb --format json`). Runs: "
            f"{', '.join(f'{r.seconds:.1f}' for r in runs[s.name])} s. The median run: "
            f"{timeline_text(_median_run(runs[s.name]))}."))
    spark1, spark2 = sparks[0].name, sparks[-1].name
    if len(sparks) > 1:
        n1, n2 = _net(runs, spark1), _net(runs, spark2)
        rows.append(Row("spark_scale: conflict search, 2 workers against 1 (net of start-up)",
                        f"{n2:.1f} s", f"1 worker: {n1:.1f} s", f"{n1 / n2:.2f}× speed-up",
                        "—", None,
                        "Both clusters on this one 2-core machine (1 core a worker), which other "
                        "work shares: a speed-up is bounded by 2 and by what else ran."))
    figures = meta["figures"]
    parquet_note = (
        f"Ledger(DIR).conflicts() + cumulative_falls() over the live rows of the Parquet layout "
        f"(views over {_size(folder):.0f} MB of Parquet files; no key_bounds there, so the "
        f"search groups all {figures:,} figure rows), against the same two calls on the DuckDB "
        f"file ({duck.stat().st_size / 2**20:.0f} MB, its search starting from key_bounds); "
        f"open and close included; each Parquet run is interrupted (DuckDB's "
        f"connection.interrupt) after {budget:.0f} s. Parquet ledger {exported}.")
    if failed.get("parquet"):
        parquet_note += " " + _live_plan(folder)
    rows.append(Row(
        "spark_scale: embedded conflict search, Parquet folder against DuckDB file",
        parquet_text if failed.get("parquet") else f"{t.median('parquet'):.2f} s "
        f"(n={t.repeats})", f"DuckDB file: {duck_s:.2f} s",
        "—" if failed.get("parquet") else f"{t.ratio('parquet', 'duckdb'):.1f}× DuckDB file",
        "—", None, parquet_note))
    ok = all(v == "ok" for v in verdicts.values())
    rows.append(Row(
        "spark_scale: every engine finds the planted conflicts",
        f"{sum(v == 'ok' for v in verdicts.values())}/{len(arms)} engines: all "
        f"{len(want_c):,} expected conflict pairs, {len(want_f):,} falls", "—", "—",
        "the same pairs on every engine", ok,
        "expected pairs: ledger_scale's (worked out with numpy while generating, "
        f"{sum(bool(p[4]) for p in meta['expected_conflicts']):,} of them involving a planted "
        f"article); compared as (a_doc_id, a_start_offset, b_doc_id, b_start_offset) on every "
        f"run of: " + ", ".join(f"{n} {v}" for n, v in verdicts.items())
        + ("" if ok else _first_miss(found, want_c, want_f)) + "."))
    return rows, runs


def _live_plan(folder: Path) -> str:
    """What DuckDB makes of parquet.LIVE_RUNS_SQL over this folder: its joins and their keys."""
    from checker.ledger import Ledger

    with Ledger(folder, read_only=True) as led:
        con = led.con
        runs = con.execute("SELECT count(*) FROM committed").fetchone()[0]
        pairs = con.execute("SELECT sum(c * c) FROM (SELECT count(*) AS c FROM all_documents "
                            "GROUP BY run)").fetchone()[0]
        plan = json.loads(con.execute("EXPLAIN (FORMAT json) SELECT count(*) FROM live_runs")
                          .fetchall()[0][1])
    joins = []

    def walk(node: dict) -> None:
        info = node.get("extra_info", {})
        if "JOIN" in node.get("name", "") and info.get("Join Type") == "INNER":
            conds = info.get("Conditions")
            joins.append(" and ".join(conds) if isinstance(conds, list) else str(conds))
        for child in node.get("children", []):
            walk(child)

    for node in plan if isinstance(plan, list) else [plan]:
        walk(node)
    alone = [j for j in joins if j == "run = run"]
    text = (f"DuckDB plans parquet.LIVE_RUNS_SQL (the live documents, under every live view) "
            f"over this folder ({runs} committed run(s)) with inner joins on: "
            f"{'; '.join(joins)}.")
    if alone:
        text += (f" The join on run = run alone pairs every document of a run with every "
                 f"other ({int(pairs or 0):,} rows here) before the doc_id and path conditions "
                 f"apply: why the search does not finish (checker/ledger/parquet.py).")
    return text


def _x(ratio: float) -> str:
    return f"{ratio:.2f}×" if ratio < 1 else f"{ratio:.1f}×" if ratio < 10 else f"{ratio:.0f}×"


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[(len(runs) - 1) // 2]


def _net(runs: dict[str, list[Run]], name: str) -> float:
    return statistics.median(r.seconds - r.phases["startup"] for r in runs[name])


def _first_miss(found, want_c, want_f) -> str:
    for name, results in found.items():
        for c, f in results:
            if c != want_c or f != want_f:
                return (f"; {name}: {len(c)} conflicts ({len(set(want_c) - set(c))} missed, "
                        f"{len(set(c) - set(want_c))} not expected), {len(f)} falls")
    return ""


# -- 2. ingest, and 3. the driver's memory ---------------------------------------------------
def write_articles(kept: list[synth.Template], n: int, tmp: Path) -> list[list[str]]:
    """n articles as files in three folders (the first n/4, the next n/4, the last n/2):
    the archives of n/4, n/2 and n articles are the first one, two and three folders."""
    arts = synth.articles(kept, n, seed=synth.SEED + 5)
    cuts = [0, n // 4, n // 2, n]
    names = []
    for i, (lo, hi) in enumerate(zip(cuts, cuts[1:])):
        folder = tmp / "archive" / f"part{i}"
        folder.mkdir(parents=True)
        for a in arts[lo:hi]:
            (folder / f"{a.index:06d}.txt").write_text(synth.text_of(a, kept), encoding="utf-8")
        names.append(f"archive/part{i}")
    return [names[:1], names[:2], names]


def _fresh(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    for suffix in ("", ".wal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


_TABLES = {"documents": "doc_id, path, published, province, city, title, chars, figures",
           "figures": "*", "candidates": "*"}


def _rows(ledger: str) -> dict[str, Counter]:
    from checker.ledger import Ledger

    with Ledger(ledger, read_only=True) as led:
        return {t: Counter(map(repr, led.con.execute(f"SELECT {c} FROM {t}").fetchall()))
                for t, c in _TABLES.items()}


def ingest_rows(sparks: list[Spark], kept: list[synth.Template], n: int, tmp: Path,
                rounds: int) -> tuple[list[Row], dict[str, list[Run]], list[list[str]]]:
    sizes = write_articles(kept, n, tmp)
    archive = sizes[-1]
    chars = sum(p.stat().st_size for p in (tmp / "archive").rglob("*.txt"))
    ledgers = {s.name: tmp / f"ledger-{s.workers}w" for s in sparks}
    ledgers |= {"parquet": tmp / "ledger-embedded", "duckdb": tmp / "ledger-embedded.duckdb"}
    runs: dict[str, list[Run]] = {}
    summaries: dict[str, dict] = {}
    plain = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def ingest(name: str, spark: Spark | None) -> Callable[[], None]:
        target = f"{ledgers[name]}/" if name != "duckdb" else str(ledgers[name])
        args = ["ingest", *archive, "--ledger", target, "--format", "json"]

        def go() -> None:
            if spark is None:
                run = run_watched(command(args), plain, tmp)
            else:
                run = spark_run(spark, [*args, "--engine", "spark"], tmp)
            summary = json.loads(run.out)
            if summary["documents"] != n or summary.get("errors"):
                raise SystemExit(f"bench: {name} ingest wrote {summary['documents']} of {n} "
                                 f"articles: {summary.get('errors')}")
            runs.setdefault(name, []).append(run)
            summaries[name] = summary
        return go

    arms = {s.name: ingest(s.name, s) for s in sparks}
    arms |= {"parquet": ingest("parquet", None), "duckdb": ingest("duckdb", None)}
    t = interleaved(arms, rounds, setups={k: (lambda p=p: _fresh(p)) for k, p in ledgers.items()})
    for name, done in runs.items():  # the processes' own times, without reading their logs
        t.seconds[name] = [r.seconds for r in done]
    RAW["ingest seconds"] = t.seconds
    _save_raw()

    # the ledgers of the last round: the same rows on every engine (all but ingested_at)
    rows_of = {name: _rows(f"{p}/" if name != "duckdb" else str(p)) for name, p in ledgers.items()}
    reference = rows_of["duckdb"]
    differ = {name: [t_ for t_ in _TABLES if got[t_] != reference[t_]]
              for name, got in rows_of.items()}
    figures = sum(reference["figures"].values())
    for p in ledgers.values():
        _fresh(p)

    rate = {name: n / t.median(name) for name in arms}
    rows = []
    base = "parquet"
    for s in sparks:
        net = _net(runs, s.name)
        startup = statistics.median(r.phases["startup"] for r in runs[s.name])
        per_doc = net / n
        hours = 100_000 * per_doc / 3600
        rows.append(Row(
            f"spark_scale: `figcheck ingest --engine spark` of {n:,} article files, {s.name}",
            f"{rate[s.name]:,.1f} articles/s ({t.median(s.name):.1f} s, n={t.repeats}); net of "
            f"start-up {n / net:,.1f} articles/s",
            f"embedded `figcheck ingest` into a Parquet folder: {rate[base]:,.1f} articles/s "
            f"({t.median(base):.1f} s)",
            f"{_x(t.ratio(base, s.name))} embedded (net {_x(t.median(base) / net)})", "—",
            None,
            f"{n:,} synthetic articles ({chars / 2**20:.1f} MB of UTF-8, "
            f"{summaries[s.name]['figures']:,} keyed figures); start-up (launch → first task) "
            f"{startup:.1f} s; the command also runs the conflict search over the new "
            f"ledger before it ends, which the embedded ingest does not. 100,000 articles were "
            f"not ingested for real: at the net rate they would take {hours:.1f} h on this "
            f"cluster ({per_doc * 1000:.0f} ms an article; the embedded ingest at its rate "
            f"here {100_000 / rate[base] / 3600:.1f} h), too long for a benchmark on a shared "
            f"2-core machine; ledger_scale builds its 100k ledger without extracting each "
            f"article for the same reason. Runs: "
            f"{', '.join(f'{r.seconds:.1f}' for r in runs[s.name])} s. The median run: "
            f"{timeline_text(_median_run(runs[s.name]))}."))
    if len(sparks) > 1:
        n1, n2 = _net(runs, sparks[0].name), _net(runs, sparks[-1].name)
        rows.append(Row(f"spark_scale: ingest of {n:,} articles, 2 workers against 1 (net of "
                        f"start-up)", f"{n / n2:,.1f} articles/s",
                        f"1 worker: {n / n1:,.1f} articles/s", f"{n1 / n2:.2f}× speed-up",
                        "—", None, "Extraction runs in the executors' Python workers, one a "
                        "core; both workers share this machine's 2 cores with everything else."))
    ok = not any(differ.values())
    rows.append(Row(
        f"spark_scale: embedded ingest of {n:,} article files, Parquet folder against DuckDB "
        f"file", f"{rate['parquet']:,.1f} articles/s ({t.median('parquet'):.1f} s, "
        f"n={t.repeats})",
        f"DuckDB file: {rate['duckdb']:,.1f} articles/s ({t.median('duckdb'):.1f} s)",
        f"{t.ratio('duckdb', 'parquet'):.2f}× DuckDB file", "—", None,
        "`figcheck ingest` (its own process) of the same files into a fresh ledger; the "
        "Parquet folder gets one run (a set of files and a commit line) per batch of 200."))
    rows.append(Row(
        f"spark_scale: every engine's ledger holds the same rows ({n:,} articles)",
        f"{sum(not d for d in differ.values())}/{len(differ)} ledgers identical",
        "the embedded DuckDB ledger", "—", "identical", ok,
        f"{figures:,} figure rows; documents (all columns but ingested_at), figures and "
        f"candidates compared as multisets of rows, read through Ledger(...) (the Parquet "
        f"ledgers' live rows). "
        + "; ".join(f"{name}: {'same' if not d else 'differs in ' + ', '.join(d)}"
                    for name, d in differ.items()) + "."))
    return rows, runs, sizes


def memory_rows(spark: Spark, others: list[Spark], n: int, sizes: list[list[str]],
                ingest_runs: dict[str, list[Run]], tmp: Path) -> tuple[list[Row], list[Run]]:
    """Peaks of the driver's tree over ingests of n/4 and n/2 articles on ``spark``, and those of
    the ingest rows' runs of n."""
    counts = [n // 4, n // 2, n]
    peaks: dict[int, list[Run]] = {n: ingest_runs[spark.name]}
    for count, paths in zip(counts[:2], sizes[:2]):
        ledger = tmp / f"ledger-memory-{count}"
        _fresh(ledger)
        run = spark_run(spark, ["ingest", *paths, "--engine", "spark", "--ledger", f"{ledger}/",
                                "--format", "json"], tmp)
        if json.loads(run.out)["documents"] != count:
            raise SystemExit(f"bench: the ingest of {count} articles wrote another number")
        _fresh(ledger)
        peaks[count] = [run]
    peak = {c: statistics.median(r.peak for r in runs) for c, runs in peaks.items()}
    small, large = peak[counts[0]], peak[counts[-1]]
    ratio = large / small

    def split(run: Run) -> str:
        return " + ".join(f"{name} {mb:.0f}" for name, mb in
                          sorted(run.at_peak.items(), key=lambda kv: -kv[1]))

    others_text = "; ".join(
        f"{o.name}, {n:,} articles: {statistics.median(r.peak for r in ingest_runs[o.name]):.0f} "
        f"MB" for o in others)
    return [Row(
        f"spark_scale: driver peak RSS, `figcheck ingest --engine spark` of {n:,} against "
        f"{counts[0]:,} articles ({spark.name})",
        f"{large:.0f} MB at {n:,}", f"{small:.0f} MB at {counts[0]:,}",
        f"{ratio:.2f}× at {counts[0]:,}", f"≤ {TARGET_MEMORY}×", ratio <= TARGET_MEMORY,
        "peak of the summed RSS of the driver's process tree (the figcheck Python and the JVM "
        f"it starts; the executors, started by the workers, are not in it), read from /proc "
        f"every {POLL} s: " + ", ".join(f"{c:,} → {peak[c]:.0f} MB" for c in counts)
        + f". At the peak of the {n:,}-article run: {split(peaks[n][0])} MB. Sum of each "
        f"process's own VmHWM (an upper bound, their peaks need not coincide): "
        + ", ".join(f"{c:,} → {statistics.median(r.hwm for r in peaks[c]):.0f} MB"
                    for c in counts)
        + (f". Other cluster: {others_text}" if others_text else "") + ".")], \
        [peaks[c][0] for c in counts[:2]]


# -- the whole benchmark ------------------------------------------------------------------------
def _startup_row(sparks: list[Spark], spark_runs: dict[str, list[Run]],
                 conflict_runs: dict[str, list[Run]], archive: Path, built: str) -> Row:
    parts = []
    for s in sparks:
        runs = spark_runs[s.name]
        med = {k: statistics.median(r.phases[k] for r in runs) for k in
               ("session", "first_ready", "last_ready", "unpack", "startup")}
        parts.append((s, med, len(runs)))
    first, med, _ = parts[0]
    whole = statistics.median(r.seconds for r in conflict_runs[first.name])
    every = [r for runs in spark_runs.values() for r in runs]
    rebuilt, total = sum(r.rebuilt for r in every), len(every)
    return Row(
        "spark_scale: Spark start-up on the loopback cluster (launch → first task)",
        "; ".join(f"{m['startup']:.1f} s ({x.name})" for x, m, _ in parts),
        f"the whole `ledger conflicts --engine spark` over the 100k ledger ({first.name}): "
        f"{whole:.1f} s", f"{med['startup'] / whole:.0%} of it", "—", None,
        "from the master's and the executors' logs of every Spark run of this benchmark (1 s "
        "resolution; the unpack from the files' ctimes): " + "; ".join(
            f"{x.name}: session registered with the master at {m['session']:.1f} s (Python, "
            f"JVM, SparkContext), "
            + (f"the executor ready at {m['first_ready']:.1f} s" if x.workers == 1 else
               f"the executors ready at {m['first_ready']:.1f} and {m['last_ready']:.1f} s")
            + f" (launched, the archive fetched and unpacked, the longest unpack "
            f"{m['unpack']:.1f} s), first task at {m['startup']:.1f} s; median of {c} runs"
            for x, m, c in parts)
        + f". The archive figcheck ships (spark.archives, fetched and unpacked by every "
        f"executor of every run): {built}; {rebuilt} of the {total} Spark runs had to build it "
        f"again (checker/ changed under them), which falls in their start-up. Start-up is "
        f"subtracted, run by run, from every 'net' number here.")


def _ship() -> tuple[Path, str]:
    """The executors' archive, built now (untimed) if this set of versions has none."""
    from checker.extract.segment import cache_dir
    from checker.ledger import spark_ship

    before = set((cache_dir() / "spark").glob("*.tar.gz"))
    start = time.perf_counter()
    path = spark_ship.archive()
    took = time.perf_counter() - start
    size = path.stat().st_size / 2**20
    return path, (f"{size:.0f} MB, " + ("cached" if path in before else
                                        f"built before the runs, untimed, in {took:.0f} s"))


@contextlib.contextmanager
def _clusters(tmp: Path) -> Iterator[list[Spark]]:
    module = _cluster_module()
    with contextlib.ExitStack() as stack:
        sparks = []
        for workers in (1, 2):
            start = time.perf_counter()
            c = stack.enter_context(module.cluster(tmp / f"cluster-{workers}w", workers=workers,
                                                   memory=CLUSTER_MEMORY))
            print(f"  spark_scale: cluster of {workers} worker(s) up in "
                  f"{time.perf_counter() - start:.0f} s ({c.url})", flush=True)
            conf, events = _event_conf(tmp / f"driver-{workers}w")
            sparks.append(Spark(f"{workers} worker{'s' if workers > 1 else ''}", workers, c,
                                conf, events))
        yield sparks


@contextlib.contextmanager
def _environment() -> Iterator[None]:
    """A SIGTERM unwinds like Ctrl-C, so that the clusters' JVMs are stopped, not orphaned; and
    PYTHONDONTWRITEBYTECODE (set on some sandboxes and CI) is dropped for the clusters and the
    drivers, as bench/coldstart.py does: with it, every Python worker of every executor compiles
    checker again (the archive ships no byte code of checker's own). SPARK_LOCAL_DIRS, set by
    run() to a folder of its own, is restored too."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, stop)
    saved = {k: os.environ.pop(k, None) for k in ("PYTHONDONTWRITEBYTECODE", "SPARK_LOCAL_DIRS")}
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)
        for k, v in saved.items():
            os.environ.pop(k, None)
            if v is not None:
                os.environ[k] = v


def run(quick: bool) -> list[Row]:
    synth.like_console_script()
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise SystemExit("bench: spark_scale needs Java 17 or later")
    _spark_home()
    rounds = QUICK_ROUNDS if quick else ROUNDS
    n = QUICK_INGEST if quick else INGEST
    budget = QUICK_EMBEDDED_BUDGET if quick else EMBEDDED_BUDGET
    began = time.perf_counter()
    RAW.clear()
    mode = "quick" if quick else "full"
    RAW_FILE[:] = [REPO / "bench" / "out" / "spark_scale" / f"raw-{mode}.json"]
    RAW["started"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    duck, meta, kept, ext, _ = ledger_scale.ledger(quick)
    ext.close()
    archive, built = _ship()
    took = {}
    with _environment(), tempfile.TemporaryDirectory(prefix="figcheck-bench-spark-") as t:
        tmp = Path(t)
        (tmp / "spark-local").mkdir()
        os.environ["SPARK_LOCAL_DIRS"] = str(tmp / "spark-local")  # the executors' scratch
        with _clusters(tmp) as sparks:
            start = time.perf_counter()
            _say(f"conflict search over the 100k ledger ({rounds['conflicts']} round(s))")
            conflict, conflict_runs = conflict_rows(sparks, duck, meta, tmp,
                                                    rounds["conflicts"], budget)
            took["conflict search"] = time.perf_counter() - start
            _say(f"ingest of {n:,} articles ({rounds['ingest']} round(s))")
            start = time.perf_counter()
            ingest, ingest_runs, sizes = ingest_rows(sparks, kept, n, tmp, rounds["ingest"])
            took["ingest"] = time.perf_counter() - start
            _say(f"driver memory at {n // 4:,} and {n // 2:,} articles")
            start = time.perf_counter()
            memory, memory_runs = memory_rows(sparks[-1], sparks[:-1], n, sizes, ingest_runs,
                                              tmp)
            took["memory"] = time.perf_counter() - start
        spark_runs = {s.name: [*conflict_runs[s.name], *ingest_runs[s.name]] for s in sparks}
        spark_runs[sparks[-1].name] += memory_runs
        first = _startup_row(sparks, spark_runs, conflict_runs, archive, built)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    first = dataclasses.replace(first, note=first.note + (
        f" Wall time of this benchmark {_m(time.perf_counter() - began)} ("
        + ", ".join(f"{k} {_m(v)}" for k, v in took.items())
        + f"); load average (1/5/15 min) at its end {load}."))
    return [first, *conflict, *ingest, *memory]


def _m(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def _say(what: str) -> None:
    print(f"  spark_scale: {what} ...", flush=True)
