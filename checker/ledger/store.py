"""The ledger: figures of published articles in an embedded DuckDB file.

Each document is keyed by the hash of its text, so ingesting the same file again replaces its
rows instead of adding them, and a changed file replaces the rows of its old version. Every batch
of documents is written in one transaction: a process killed midway leaves the ledger holding
what was committed and nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.errors import UserError

# How long a process waits for another's lock on the ledger (DuckDB lets one process write, and
# none read while it does): an ingest waits for another ingest to finish its batch; a check
# waits briefly, then reports without the ledger rather than not at all.
# (seconds, from FIGCHECK_LEDGER_WAIT and FIGCHECK_LEDGER_READ_WAIT when set)
WAIT_WRITE, WAIT_READ = 30.0, 3.0
_RETRY = 0.2


def _wait(read_only: bool) -> float:
    name, default = (("FIGCHECK_LEDGER_READ_WAIT", WAIT_READ) if read_only else
                     ("FIGCHECK_LEDGER_WAIT", WAIT_WRITE))
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        raise UserError(f"{name}: 须为秒数 (must be a number of seconds): {os.environ[name]!r}") from None


class LedgerBusy(UserError):
    """Another process holds the ledger's lock for longer than this one would wait."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,   -- sha256 of the decoded text
    path VARCHAR NOT NULL,
    published DATE,
    province VARCHAR,
    city VARCHAR,
    title VARCHAR,
    chars INTEGER,
    figures INTEGER,              -- how many figure rows the document has: a check on its rows
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS figures (
    doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, path VARCHAR,
    start_offset INTEGER, end_offset INTEGER, line INTEGER, col INTEGER, text VARCHAR,
    kind VARCHAR, value DOUBLE, lo DOUBLE, hi DOUBLE,
    r_lo DOUBLE, r_hi DOUBLE,     -- the readings the text allows, rounding included
    approx VARCHAR, precision DOUBLE, unit VARCHAR, metric VARCHAR, metric_key VARCHAR,
    scope VARCHAR, period VARCHAR, role VARCHAR, target BOOLEAN, cumulative BOOLEAN,
    loose BOOLEAN, key VARCHAR, start_key VARCHAR, snippet VARCHAR, published DATE
);
CREATE TABLE IF NOT EXISTS candidates (
    doc_id VARCHAR NOT NULL, rule VARCHAR NOT NULL, gap DOUBLE, gap_exact DOUBLE
);
"""
# A summary kept with the figures in every write: for each key, the highest lower and the lowest
# upper reading of its figures. The conflict search starts from the keys whose bounds cross
# (a few dozen in an archive) instead of grouping every figure row. key_bounds_of holds how many
# figure rows the bounds describe: a ledger written by a figcheck that did not keep them (an
# older version) no longer matches, and is searched without them until they are built again.
_BOUNDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS key_bounds (key VARCHAR NOT NULL, max_lo DOUBLE, min_hi DOUBLE);
CREATE TABLE IF NOT EXISTS key_bounds_of (figures BIGINT NOT NULL);
"""
_BOUNDS_OF = ("SELECT key, max(r_lo) AS max_lo, min(r_hi) AS min_hi FROM {source} "
              "WHERE key IS NOT NULL {where} GROUP BY key")
FIGURE_COLUMNS = (
    "doc_id", "idx", "path", "start_offset", "end_offset", "line", "col", "text", "kind", "value",
    "lo", "hi", "r_lo", "r_hi", "approx", "precision", "unit", "metric", "metric_key", "scope",
    "period", "role", "target", "cumulative", "loose", "key", "start_key", "snippet", "published",
)


def default_path() -> Path:
    """$FIGCHECK_LEDGER, else ledger.duckdb in figcheck's cache directory."""
    env = os.environ.get("FIGCHECK_LEDGER")
    if env:
        return Path(env)
    from checker.extract.segment import cache_dir

    return cache_dir() / "ledger.duckdb"


@dataclass(frozen=True)
class Entry:
    """One document ready to be written: its row, its figure rows and rule candidate rows."""

    doc_id: str
    path: str
    published: dt.date | None
    province: str | None
    city: str | None
    title: str | None
    chars: int
    figures: list[tuple]
    candidates: list[tuple]


def frames_of(entries: Sequence[Entry]):
    """The documents, figures and candidates rows of a batch as pandas frames, the documents
    stamped with their figure count and the time of writing."""
    import pandas as pd

    now = dt.datetime.now()
    docs = pd.DataFrame(
        [(e.doc_id, e.path, e.published, e.province, e.city, e.title, e.chars,
          len(e.figures), now) for e in entries],
        columns=["doc_id", "path", "published", "province", "city", "title", "chars",
                 "figures", "ingested_at"])
    figures = pd.DataFrame([row for e in entries for row in e.figures], columns=FIGURE_COLUMNS)
    figures["published"] = pd.to_datetime(figures["published"]).dt.date
    candidates = pd.DataFrame([row for e in entries for row in e.candidates],
                              columns=["doc_id", "rule", "gap", "gap_exact"])
    return docs, figures, candidates


class Ledger:
    """The DuckDB ledger file; a folder (or a URI) is the Parquet layout of the same tables
    (checker/ledger/parquet.py), opened as its ParquetLedger."""

    def __new__(cls, path: str | Path, *args, **kwargs):
        if cls is Ledger:
            from checker.ledger.parquet import ParquetLedger, is_parquet_ledger

            if is_parquet_ledger(path):
                cls = ParquetLedger
        return super().__new__(cls)

    def __init__(self, path: str | Path, read_only: bool = False, wait: float | None = None) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise UserError(f"{self.path}: 没有这个账本 (no such ledger); create it with figcheck ingest")
        self.con = self._connect(read_only, _wait(read_only) if wait is None else wait)
        # DuckDB caches table blocks up to most of the machine's memory by default; a ledger that
        # grows with the archive must not take the process's memory with it
        self.con.execute(f"SET memory_limit = '{os.environ.get('FIGCHECK_LEDGER_MEMORY', '256MB')}'")
        if not read_only:
            self.con.execute(_SCHEMA)
        self.bounded = self._bounds_current()
        if not read_only and not self.bounded:  # a new ledger, or one written without key_bounds
            self._build_bounds()
            self.bounded = True

    def _connect(self, read_only: bool, wait: float):
        """A connection, waiting up to ``wait`` seconds (saying so once) while another process
        holds the lock; then LedgerBusy, naming the holder as DuckDB does."""
        import sys
        import time

        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                return self._open(read_only)
            except LedgerBusy as busy:
                if time.monotonic() >= deadline:
                    raise
                if not told:
                    print(f"figcheck: {self.path}: 账本正被另一个进程使用，最多等待 {wait:g} 秒 "
                          f"(the ledger is in use by another process; waiting up to {wait:g} s): "
                          f"{busy.holder}", file=sys.stderr)
                    told = True
                time.sleep(_RETRY)

    def _open(self, read_only: bool):
        import duckdb

        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            return duckdb.connect(str(self.path), read_only=read_only)
        except OSError as err:  # a path under a file, a folder it may not write in
            under_file = any(parent.exists() and not parent.is_dir() for parent in self.path.parents)
            reason = "路径中有一级是文件 (a parent in the path is a file)" if under_file else err.strerror or err
            raise UserError(f"{self.path}: 无法创建账本 (cannot create the ledger): {reason}") from None
        except duckdb.Error as err:
            first = str(err).splitlines()[0]
            if "Could not set lock" in first:
                holder = first.split("Conflicting lock is held in", 1)[-1].split(". See also")[0].strip()
                busy = LedgerBusy(f"{self.path}: 账本正被另一个进程使用 (the ledger is locked by "
                                  f"another process): {holder}")
                busy.holder = holder
                raise busy from None
            raise UserError(f"{self.path}: 无法打开账本 (cannot open the ledger): {first}") from None

    def _bounds_current(self) -> bool:
        """Whether key_bounds exists and describes the figures as they are."""
        tables = {t for (t,) in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()}
        if not {"key_bounds", "key_bounds_of"} <= tables:
            return False
        described = self.con.execute("SELECT max(figures) FROM key_bounds_of").fetchone()[0]
        return described == self.con.execute("SELECT count(*) FROM figures").fetchone()[0]

    def _build_bounds(self) -> None:
        # one transaction: bounds left half-built by a killed process would hide conflicts
        con = self.con
        con.execute("BEGIN TRANSACTION")
        con.execute(_BOUNDS_SCHEMA)
        con.execute("DELETE FROM key_bounds")
        con.execute("INSERT INTO key_bounds " + _BOUNDS_OF.format(source="figures", where=""))
        con.execute("DELETE FROM key_bounds_of")
        con.execute("INSERT INTO key_bounds_of SELECT count(*) FROM figures")
        con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def write(self, entries: Sequence[Entry]) -> int:
        """Writes a batch of documents in one transaction, replacing earlier versions; returns
        how many documents it holds (two files with one text are one)."""
        # two files with the same text are one document: the last copy wins, as a later
        # ingest of it would
        entries = list({e.doc_id: e for e in entries}.values())
        if not entries:
            return 0
        import duckdb
        import pandas as pd

        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            # the earlier versions of these documents (same text or same path), found with one
            # scan of each table for the whole batch, not one scan per document
            replaced = pd.DataFrame({"doc_id": [e.doc_id for e in entries],
                                     "path": [e.path for e in entries]})
            con.register("replaced", replaced)
            try:
                old = ("SELECT doc_id FROM documents WHERE doc_id IN (SELECT doc_id FROM replaced) "
                       "OR path IN (SELECT path FROM replaced)")
                # keys whose bounds the replaced rows took part in: worked out again below
                stale = [k for (k,) in con.execute(
                    f"SELECT DISTINCT key FROM figures WHERE doc_id IN ({old}) AND key IS NOT NULL"
                ).fetchall()] if con.execute(f"SELECT count(*) FROM ({old})").fetchone()[0] else []
                con.execute(f"DELETE FROM figures WHERE doc_id IN ({old})")
                con.execute(f"DELETE FROM candidates WHERE doc_id IN ({old})")
                con.execute(f"DELETE FROM documents WHERE doc_id IN ({old})")
            finally:
                con.unregister("replaced")
            docs, figures, candidates = frames_of(entries)
            self._insert("documents", docs)
            self._insert("figures", figures)
            self._update_bounds(figures, stale)
            self._insert("candidates", candidates)
            try:
                con.execute("COMMIT")
            except duckdb.Error as err:  # the disk or folder refuses the write-ahead log, say
                first = str(err).splitlines()[0].split("Failed to commit: ")[-1]
                raise UserError(f"{self.path}: 无法写入账本，本批未写入 (cannot write the ledger; "
                                f"this batch was not written): {first}") from None
            return len(entries)
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT has ended the transaction already: nothing was written
            raise

    def _update_bounds(self, figures, stale: list[str]) -> None:
        """key_bounds after a batch: the new rows' bounds merged in, and the keys of replaced
        rows worked out again from the figures (a bound cannot be taken back by merging)."""
        con = self.con
        if stale:
            con.execute("DELETE FROM key_bounds WHERE key IN (SELECT unnest(?))", [stale])
            con.execute("INSERT INTO key_bounds " + _BOUNDS_OF.format(
                source="figures", where="AND key IN (SELECT unnest(?))"), [stale])
        con.register("incoming", figures)
        try:
            # keys worked out again above already count the new rows
            con.execute("CREATE OR REPLACE TEMP TABLE batch_bounds AS " + _BOUNDS_OF.format(
                source="incoming", where="AND key NOT IN (SELECT unnest(?))"), [stale])
        finally:
            con.unregister("incoming")
        con.execute("UPDATE key_bounds SET max_lo = greatest(key_bounds.max_lo, b.max_lo), "
                    "min_hi = least(key_bounds.min_hi, b.min_hi) FROM batch_bounds b "
                    "WHERE key_bounds.key = b.key")
        con.execute("INSERT INTO key_bounds SELECT * FROM batch_bounds "
                    "WHERE key NOT IN (SELECT key FROM key_bounds)")
        con.execute("DROP TABLE batch_bounds")
        con.execute("UPDATE key_bounds_of SET figures = (SELECT count(*) FROM figures)")

    def _insert(self, table: str, frame) -> None:
        if not len(frame):
            return
        self.con.register("incoming", frame)
        try:
            columns = ", ".join(frame.columns)
            self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
        finally:
            self.con.unregister("incoming")

    # -- reading ---------------------------------------------------------------------------
    def stats(self) -> dict:
        con = self.con
        docs, chars = con.execute("SELECT count(*), coalesce(sum(chars), 0) FROM documents").fetchone()
        figures, keyed = con.execute("SELECT count(*), count(DISTINCT key) FROM figures").fetchone()
        span = con.execute("SELECT min(published), max(published) FROM documents").fetchone()
        by_scope = con.execute(
            "SELECT coalesce(scope, '?'), count(*) FROM figures GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
        ).fetchall()
        return {"path": str(self.path), "documents": docs, "characters": int(chars),
                "figures": figures, "keys": keyed,
                "published": [d.isoformat() if d else None for d in span],
                "top_scopes": [{"scope": s, "figures": n} for s, n in by_scope]}

    @property
    def conflicts_sql(self) -> str:
        """The conflict search this ledger runs: from key_bounds where it keeps them."""
        return CONFLICTS_FROM_BOUNDS_SQL if self.bounded else CONFLICTS_SQL

    def conflicts(self) -> list[dict]:
        """Pairs of figures with one key, in different documents, whose readings cannot meet."""
        return self._dicts(self.conflicts_sql)

    def cumulative_falls(self) -> list[dict]:
        """Running totals of one start that fell from an earlier article to a later one."""
        return self._dicts(FALLS_SQL)

    def matching(self, keys: Iterable[str], exclude_doc: str) -> list[dict]:
        """Figures in the ledger with any of these keys, from documents other than ``exclude_doc``."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return []
        return self._dicts("SELECT * FROM figures WHERE key IN (SELECT unnest(?)) AND doc_id <> ?",
                           [keys, exclude_doc])

    def _dicts(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


_PAIR_COLUMNS = ", ".join(
    f"{side}.{c} AS {side}_{c}" for side in ("a", "b")
    for c in ("doc_id", "path", "line", "col", "start_offset", "end_offset", "text", "value", "r_lo",
              "r_hi", "metric", "metric_key", "scope", "period", "loose", "snippet", "published")
)
# The conflict search, in plain SQL over a table ``figures`` (FIGURE_COLUMNS): written once and
# run as it stands by DuckDB here and by Spark SQL in checker/ledger/spark.py.
# A key's figures can only conflict when its highest lower reading is above its lowest upper
# one; finding those keys first with one GROUP BY keeps the self-join to the few keys that
# disagree (an archive repeats each agreed figure in many articles: 62M pairs at 1.25M rows).
_CONFLICTS_SQL = """
WITH disputed AS (
    {disputed}
), candidates_ AS (
    SELECT f.* FROM figures f JOIN disputed d ON f.key = d.key
)
SELECT {pairs}
FROM candidates_ a JOIN candidates_ b ON a.key = b.key AND a.doc_id < b.doc_id
WHERE a.r_lo > b.r_hi OR b.r_lo > a.r_hi
ORDER BY a.path, a.start_offset, b.path, b.start_offset
"""
CONFLICTS_SQL = _CONFLICTS_SQL.format(
    disputed="SELECT key FROM figures GROUP BY key HAVING max(r_lo) > min(r_hi)",
    pairs=_PAIR_COLUMNS)
# the same search where the ledger keeps key_bounds (DuckDB; Spark has only the figures)
CONFLICTS_FROM_BOUNDS_SQL = _CONFLICTS_SQL.format(
    disputed="SELECT key FROM key_bounds WHERE max_lo > min_hi", pairs=_PAIR_COLUMNS)
FALLS_SQL = f"""
SELECT {_PAIR_COLUMNS}
FROM figures a JOIN figures b ON a.start_key = b.start_key AND a.doc_id <> b.doc_id
WHERE a.start_key IS NOT NULL AND a.published < b.published AND b.r_hi < a.r_lo
ORDER BY a.path, a.start_offset, b.path, b.start_offset
"""
