"""The ledger as a folder of Parquet files: the layout the embedded engine and Spark share.

    LEDGER/
      documents/year=2021/*.parquet    one row per version of a document
      figures/year=2021/*.parquet      (year: of the publication date, or "unknown")
      candidates/year=2021/*.parquet
      runs/*.json                      one line per committed run
      results/conflicts/, results/cumulative_falls/   written by ledger conflicts --engine spark

Nothing is ever rewritten in place. Each ingest (a Spark job; a batch of the embedded ingest; an
export) is a *run*, with an id that sorts by time; its rows carry the id in a ``run`` column and
count only once the run's line is in runs/, written last. A reader sees, of each document, the
version of the latest committed run that holds its text (doc_id) or its path, as the DuckDB
ledger keeps only the latest: so re-ingesting a document replaces its rows on both engines, and a
run interrupted at any point adds nothing (its files are never read as committed; Spark's own
unfinished files stay in _temporary folders, which no reader opens).

The same SQL (``LIVE_SQL``) picks the live rows on both engines, over the tables as read with
their ``run`` column: ``all_documents``, ``all_figures``, ``all_candidates`` and ``committed``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from checker.errors import UserError
from checker.ledger.store import _SCHEMA, CONFLICTS_SQL, Entry, Ledger, frames_of

TABLES = ("documents", "figures", "candidates")
RUNS = "runs"
RESULTS = "results"
UNKNOWN_YEAR = "unknown"  # the partition of documents without a publication date

# The live rows: for each document the version of the latest committed run holding its text or
# its path. Window maxima, not joins: a join of the documents with their per-text and per-path
# maxima let DuckDB pair every document of a run with every other (run = run) before the other
# conditions (10^10 rows at 100,000 documents), and NOT EXISTS with an OR is a nested loop on
# Spark. Both engines run this text as it stands.
LIVE_SQL = {
    "documents": """
SELECT {columns} FROM (
    SELECT *, max(run) OVER (PARTITION BY doc_id) AS text_run,
           max(run) OVER (PARTITION BY path) AS path_run
    FROM all_documents WHERE run IN (SELECT run FROM committed)
) d
WHERE d.run = d.text_run AND d.run = d.path_run
""",
    "figures": "SELECT {columns} FROM all_figures f JOIN live_runs l "
               "ON f.doc_id = l.doc_id AND f.run = l.run",
    "candidates": "SELECT {columns} FROM all_candidates f JOIN live_runs l "
                  "ON f.doc_id = l.doc_id AND f.run = l.run",
}
LIVE_RUNS_SQL = LIVE_SQL["documents"].replace("{columns}", "d.doc_id, d.run")


def is_parquet_ledger(path: str | Path) -> bool:
    """A ledger given as a folder (an existing one, a path ending in /) or a URI (hdfs://,
    s3a://, file:/) is the Parquet layout; anything else is a DuckDB file."""
    text = str(path)
    return "://" in text or text.startswith("file:") or text.endswith(("/", os.sep)) \
        or Path(text).is_dir()


@functools.cache  # read once a process: every reader and writer of both engines asks for it
def ledger_types() -> dict[str, list[tuple[str, str]]]:
    """(column, DuckDB type) of each ledger table, from store's CREATE TABLE statements: the one
    source of the columns for both engines."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute(_SCHEMA)
        return {table: [(c, t) for c, t, *_ in con.execute(f"DESCRIBE {table}").fetchall()]
                for table in TABLES}
    finally:
        con.close()


def new_run_id() -> str:
    """Sorts by time (microseconds, UTC); the random tail keeps two writers apart."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def live_sql(table: str, types: dict[str, list[tuple[str, str]]]) -> str:
    prefix = "d." if table == "documents" else "f."
    return LIVE_SQL[table].format(columns=", ".join(prefix + c for c, _ in types[table]))


# -- the embedded engine: DuckDB over the folder ----------------------------------------------
def _files(root: Path, table: str) -> list[str]:
    return sorted(str(p) for p in (root / table).glob("year=*/*.parquet"))


def _committed_runs(root: Path) -> list[str]:
    runs = []
    for marker in sorted((root / RUNS).glob("*.json")):  # Spark's part files and ours alike
        for line in marker.read_text(encoding="utf-8").splitlines():
            if line.strip():
                runs.append(json.loads(line)["run"])
    return runs


def attach(con, root: str | Path, prefix: str = "") -> None:
    """Views ``{prefix}documents``, ``{prefix}figures``, ``{prefix}candidates`` on a DuckDB
    connection: the live rows of the Parquet ledger at ``root``, typed as the DuckDB ledger's."""
    root = Path(local_path(root))
    types = ledger_types()
    con.execute("CREATE OR REPLACE TEMP TABLE committed (run VARCHAR)")
    runs = _committed_runs(root)
    if runs:
        con.execute("INSERT INTO committed SELECT unnest(?)", [runs])
    for table in TABLES:
        files = _files(root, table)
        typed = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in types[table])
        listed = ", ".join(_literal(f) for f in files)
        source = (f"SELECT {typed}, CAST(run AS VARCHAR) AS run FROM read_parquet([{listed}], "
                  "union_by_name = true, hive_partitioning = false)") if files else (
            f"SELECT {typed}, CAST(NULL AS VARCHAR) AS run FROM (SELECT NULL AS "
            f"{', NULL AS '.join(c for c, _ in types[table])}) WHERE false")
        # the files the folder holds now, listed once: a view reads them where a query needs them
        con.execute(f"CREATE OR REPLACE TEMP VIEW all_{table} AS {source}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW live_runs AS {LIVE_RUNS_SQL}")
    for table in TABLES:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {prefix}{table} AS {live_sql(table, types)}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def local_path(root: str | Path) -> str:
    """A local folder from a path or a file: URI; other URIs are for Spark only."""
    text = str(root)
    if text.startswith("file:"):
        text = text[len("file:"):]
        while text.startswith("//"):
            text = text[1:]
        return text
    if "://" in text:
        raise UserError(f"{text}: 此账本只能用 --engine spark 读写 (a ledger at this URI is read and "
                        "written by --engine spark only); copy it to a local folder for the "
                        "embedded engine")
    return text


def write_run(con, root: str | Path, sources: dict[str, str], engine: str) -> dict:
    """Writes one run into the folder from three SELECTs on ``con`` (each giving its table's
    columns and ``published`` for the year partition; candidates' from their document), then
    commits it. Files are written under _staging and moved into place before the run's line is
    written, so an interrupted write leaves nothing a reader counts."""
    root = Path(local_path(root))
    run = new_run_id()
    staging = root / "_staging" / run
    types = ledger_types()
    counts = {}
    try:
        for table in TABLES:
            out = staging / table
            out.mkdir(parents=True, exist_ok=True)
            # the declared types, whatever the source's (a pandas frame's integers are BIGINT):
            # Spark reads the files with the schema of the ledger's CREATE TABLE
            typed = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in types[table])
            query = (f"SELECT {typed}, '{run}' AS run, coalesce(CAST(year(published_) AS "
                     f"VARCHAR), '{UNKNOWN_YEAR}') AS year FROM ({sources[table]})")
            counts[table] = con.execute(f"SELECT count(*) FROM ({sources[table]})").fetchone()[0]
            if counts[table]:
                con.execute(f"COPY ({query}) TO '{out}' (FORMAT parquet, PARTITION_BY (year), "
                            f"FILENAME_PATTERN 'part-{run}-{{i}}')")
        for table in TABLES:
            for part in (staging / table).glob("year=*/*.parquet"):
                target = root / table / part.parent.name
                target.mkdir(parents=True, exist_ok=True)
                os.replace(part, target / part.name)
        marker = {"run": run, "engine": engine, "documents": counts["documents"],
                  "figures": counts["figures"],
                  "committed_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        (root / RUNS).mkdir(parents=True, exist_ok=True)
        tmp = root / RUNS / f".{run}.json.tmp"
        tmp.write_text(json.dumps(marker) + "\n", encoding="utf-8")
        os.replace(tmp, root / RUNS / f"{run}.json")  # the commit
    except OSError as err:
        raise UserError(f"{root}: 无法写入账本，本批未写入 (cannot write the ledger; this batch "
                        f"was not written): {err.strerror or err}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with_parent = staging.parent
        if with_parent.exists() and not any(with_parent.iterdir()):
            with_parent.rmdir()
    return marker


class ParquetLedger(Ledger):
    """A Ledger over the Parquet layout: the same reads (stats, conflicts, matching, and the
    validation's SQL) over views on an in-memory DuckDB; writes add a run."""

    def __init__(self, path: str | Path, read_only: bool = False, wait: float | None = None) -> None:
        import duckdb

        self.path = Path(local_path(path))
        if read_only and not self.path.is_dir():
            raise UserError(f"{self.path}: 没有这个账本 (no such ledger); create it with figcheck ingest")
        if not read_only:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise UserError(f"{self.path}: 无法创建账本 (cannot create the ledger): "
                                f"{err.strerror or err}") from None
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"SET memory_limit = '{os.environ.get('FIGCHECK_LEDGER_MEMORY', '256MB')}'")
        # an in-memory database spills into .tmp/ under the working folder by default: into
        # the user's own repository, for a check run there
        self._spill = tempfile.TemporaryDirectory(prefix="figcheck-ledger-")
        self.con.execute(f"SET temp_directory = {_literal(self._spill.name)}")
        self.bounded = False  # no key_bounds here: the search groups the figures (CONFLICTS_SQL)
        attach(self.con, self.path)

    def close(self) -> None:
        self.con.close()
        self._spill.cleanup()

    @property
    def conflicts_sql(self) -> str:
        return CONFLICTS_SQL

    def write(self, entries: Sequence[Entry]) -> int:
        entries = list({e.doc_id: e for e in entries}.values())
        if not entries:
            return 0
        docs, figures, candidates = frames_of(entries)
        con = self.con
        for name, frame in (("incoming_documents", docs), ("incoming_figures", figures),
                            ("incoming_candidates", candidates)):
            con.register(name, frame)
        try:
            write_run(con, self.path, _sources("incoming_"), engine="embedded")
        finally:
            for name in ("incoming_documents", "incoming_figures", "incoming_candidates"):
                con.unregister(name)
        attach(con, self.path)  # what a reader now sees
        return len(entries)


def _sources(prefix: str) -> dict[str, str]:
    """The three SELECTs write_run takes, over tables named ``{prefix}documents`` … ."""
    types = ledger_types()

    def columns(table: str) -> str:
        return ", ".join(f"t.{c}" for c, _ in types[table])

    return {
        "documents": f"SELECT {columns('documents')}, t.published AS published_ "
                     f"FROM {prefix}documents t",
        "figures": f"SELECT {columns('figures')}, t.published AS published_ FROM {prefix}figures t",
        "candidates": f"SELECT {columns('candidates')}, d.published AS published_ "
                      f"FROM {prefix}candidates t JOIN {prefix}documents d ON t.doc_id = d.doc_id",
    }


def export(duckdb_path: str | Path, root: str | Path) -> dict:
    """The whole DuckDB ledger as one run of the Parquet ledger at ``root``: its documents
    replace any earlier versions there."""
    with Ledger(duckdb_path, read_only=True) as ledger:
        Path(local_path(root)).mkdir(parents=True, exist_ok=True)
        return write_run(ledger.con, root, _sources(""), engine="export")


def import_into(root: str | Path, duckdb_path: str | Path) -> dict:
    """The live rows of the Parquet ledger at ``root`` into the DuckDB ledger: each document
    replaces its earlier versions there (by text or by path), in one transaction."""
    if not Path(local_path(root)).is_dir():
        raise UserError(f"{root}: 没有这个账本 (no such ledger)")
    types = ledger_types()
    with Ledger(duckdb_path) as ledger:
        con = ledger.con
        attach(con, root, prefix="pq_")
        con.execute("BEGIN TRANSACTION")
        try:
            old = ("SELECT doc_id FROM documents WHERE doc_id IN (SELECT doc_id FROM pq_documents) "
                   "OR path IN (SELECT path FROM pq_documents)")
            for table in ("figures", "candidates", "documents"):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN ({old})")
            for table in TABLES:
                cols = ", ".join(c for c, _ in types[table])
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM pq_{table}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        ledger._build_bounds()
        documents, figures = con.execute(
            "SELECT (SELECT count(*) FROM pq_documents), (SELECT count(*) FROM pq_figures)").fetchone()
    return {"documents": documents, "figures": figures}
