"""figcheck ingest --engine spark: extraction and the conflict search on a Spark cluster.

For an archive too large for one machine. The driver lists the files (``iter_paths``: for a
cluster they must lie on storage every executor can read), Spark's executors read them and
extract their figures (``read_document``, ``read_figures``, ``entry_for``: the very code of the
embedded path), the conflict search runs in Spark SQL over the figures of the whole run, and the
rows come back to the driver to be written into the DuckDB ledger, so ``figcheck ledger stats``
and ``figcheck ledger conflicts`` work on the result as after an embedded ingest.

One SQL, two engines: the conflict search is ``store.CONFLICTS_SQL`` and ``store.FALLS_SQL``, run
as they stand by DuckDB (``Ledger.conflicts``) and by Spark SQL here; and the Spark schemas are
read from the ledger's own ``CREATE TABLE`` statements, so the two cannot drift apart.

Writing back: the rows are streamed to the driver partition by partition (``toLocalIterator``),
and written with ``Ledger.write`` in batches of 200 documents. The driver holds one partition
(at most ``_FILES_PER_PARTITION`` documents) and one batch at a time, whatever the size of the
archive; each batch is one transaction, and a document replaces its earlier versions by hash
and by path exactly as in the embedded path, because it is the same code. (Parquet files read by
DuckDB would also stay bounded, but would need a directory both the executors and the driver's
DuckDB can reach, and a second implementation of the replacing.)

Needs ``pip install 'figcheck[spark]'`` (pyspark) and Java 17 or later. The master is the
``master`` argument, else $SPARK_MASTER, else ``local[2]``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError, UserError
from checker.ledger.store import CONFLICTS_SQL, FALLS_SQL, FIGURE_COLUMNS, Entry, Ledger

_BATCH = 200  # documents per transaction, as in the embedded ingest
_FILES_PER_PARTITION = 64  # bounds a task's work and what the driver holds while writing
_LOCAL_SHUFFLE_PARTITIONS = "4"

_LOG4J2 = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
"""


# pyspark warns, in the driver and in every worker, that it does not fully support pandas 3: it
# uses no pandas here
_QUIET_PANDAS = "ignore:PySpark does not yet fully support:FutureWarning"


def _import_pyspark():
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support",
                            category=FutureWarning)
    try:
        import pyspark
        from pyspark.sql import SparkSession  # noqa: F401
    except ImportError as err:
        raise UserError("--engine spark 需要 pyspark (needs pyspark): "
                        "pip install 'figcheck[spark]'") from err
    return pyspark


def master_of(master: str | None = None) -> str:
    return master or os.environ.get("SPARK_MASTER") or "local[2]"


@contextlib.contextmanager
def spark_session(master: str | None = None) -> Iterator:
    """A Spark session for figcheck, stopped on exit; an already active session is reused as
    it is (and left running). On a local master, Spark listens on loopback only, has no web UI
    and few shuffle partitions, and its Python workers are this interpreter."""
    _import_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    master = master_of(master)
    local = master.startswith("local")
    with tempfile.TemporaryDirectory(prefix="figcheck-spark-") as scratch:
        builder = (
            SparkSession.builder.master(master).appName("figcheck ingest")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.debug.maxToStringFields", "200")  # else a warning on our wide rows
            .config("spark.executorEnv.PYTHONWARNINGS", _QUIET_PANDAS)
        )
        if local:
            os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers need checker installed
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            log4j = Path(scratch, "log4j2.properties")  # warnings only, from the start
            log4j.write_text(_LOG4J2, encoding="utf-8")
            builder = (
                builder.config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", _LOCAL_SHUFFLE_PARTITIONS)
                .config("spark.driver.extraJavaOptions",
                        f"-Dlog4j2.configurationFile={log4j.as_uri()}")
            )
        else:  # a cluster: its own Python (with checker installed), logging and networking
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if os.environ.get("FIGCHECK_CACHE"):  # the jieba dictionaries, shared with the workers
            builder = builder.config("spark.executorEnv.FIGCHECK_CACHE",
                                     os.environ["FIGCHECK_CACHE"])
        try:
            spark = builder.getOrCreate()
        except Exception as err:  # no Java, an old Java, a master that does not answer
            first = (str(err).strip().splitlines() or [type(err).__name__])[0]
            raise UserError(f"Spark 无法启动 (cannot start Spark, master {master}): {first}; "
                            "Spark needs Java 17 or later (JAVA_HOME or java on PATH)") from err
        spark.sparkContext.setLogLevel("WARN")
        try:
            yield spark
        finally:
            spark.stop()


# -- schemas: read from the ledger's own tables ------------------------------------------------
def _ledger_types() -> dict[str, list[tuple[str, str]]]:
    """(column, DuckDB type) of each ledger table, from store's CREATE TABLE statements."""
    import duckdb

    from checker.ledger import store

    con = duckdb.connect(":memory:")
    try:
        con.execute(store._SCHEMA)
        return {table: [(c, t) for c, t, *_ in con.execute(f"DESCRIBE {table}").fetchall()]
                for table in ("documents", "figures", "candidates")}
    finally:
        con.close()


def _spark_type(duck: str):
    from pyspark.sql import types as T

    return {"VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "DOUBLE": T.DoubleType(),
            "BOOLEAN": T.BooleanType(), "DATE": T.DateType(), "TIMESTAMP": T.TimestampType()}[duck]


def schemas():
    """(row schema of one ingested file, figures schema, candidates schema)."""
    from pyspark.sql import types as T

    tables = _ledger_types()

    def struct(columns) -> T.StructType:
        return T.StructType([T.StructField(c, _spark_type(t)) for c, t in columns])

    figures = struct(tables["figures"])
    if tuple(figures.fieldNames()) != FIGURE_COLUMNS:
        raise AssertionError("store.FIGURE_COLUMNS and the figures table disagree")
    candidates = struct(tables["candidates"])
    documents = [(c, t) for c, t in tables["documents"]
                 if c not in ("figures", "ingested_at")]  # counted and stamped by Ledger.write
    row = T.StructType(
        [T.StructField("seq", T.LongType(), False), T.StructField("given", T.StringType(), False),
         T.StructField("error", T.StringType())]
        + struct(documents).fields
        + [T.StructField("figure_rows", T.ArrayType(figures, False)),
           T.StructField("candidate_rows", T.ArrayType(candidates, False))])
    return row, figures, candidates


# -- on the executors --------------------------------------------------------------------------
def _caster(duck: str):
    if duck == "VARCHAR":
        return str
    if duck == "INTEGER":
        return int
    if duck == "DOUBLE":
        return float
    if duck == "BOOLEAN":
        return bool
    if duck == "DATE":
        return lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
    raise ValueError(duck)


def _typed(values: Sequence, casts: Sequence) -> tuple:
    """Python values in the exact types the Spark schema declares (an int where a DOUBLE is
    declared, an ISO string where a DATE is)."""
    return tuple(None if v is None else cast(v) for v, cast in zip(values, casts, strict=True))


def _extract_partition(files: Iterable[tuple[int, str, str]], rules, date,
                       types) -> Iterator[tuple]:
    """One row per file: its document, figure and candidate rows, or the one line saying why it
    could not be read. ``files`` are (place in the run, path as the user gave it, absolute
    path)."""
    from checker.extract import read_figures
    from checker.ledger.records import entry_for
    from checker.source import read_document
    from checker.table import figures_frame

    fig_casts = [_caster(t) for _, t in types["figures"]]
    cand_casts = [_caster(t) for _, t in types["candidates"]]
    for seq, given, absolute in files:
        try:
            doc = read_document(absolute, date)
        except InputError as err:
            yield (seq, given, str(InputError(given, err.reason))) + (None,) * 9
            continue
        if not doc.text.strip():
            continue  # a blank file is no published article: kept by neither engine
        doc = replace(doc, path=given)  # the path the ledger records, as in the embedded path
        extraction = read_figures(doc)
        figures_frame(extraction.figures)  # the stage contract holds here too
        e = entry_for(doc, extraction, rules.value)
        yield (seq, given, None, e.doc_id, e.path, e.published, e.province, e.city, e.title,
               e.chars, [_typed(r, fig_casts) for r in e.figures],
               [_typed(r, cand_casts) for r in e.candidates])


# -- on the driver -----------------------------------------------------------------------------
def _files(paths: Sequence[str], errors: list[str]) -> list[tuple[int, str, str]]:
    from checker.source import iter_paths

    files = []
    for given in paths:
        try:
            files.extend(iter_paths([given]))
        except InputError as err:
            errors.append(str(err))
    return [(i, str(p), str(Path(p).resolve())) for i, p in enumerate(dict.fromkeys(files))]


def extract(spark, files: Sequence[tuple[int, str, str]], rules, date: dt.date | None = None):
    """The DataFrame of one row per file (schema ``schemas()[0]``), extracted on the executors."""
    row_schema, _, _ = schemas()
    types = _ledger_types()
    sc = spark.sparkContext
    slices = max(1, min(len(files), max(sc.defaultParallelism * 2,
                                        -(-len(files) // _FILES_PER_PARTITION))))
    shared_rules = sc.broadcast(list(rules))
    rdd = sc.parallelize(list(files), slices).mapPartitions(
        lambda part: _extract_partition(part, shared_rules, date, types))
    return spark.createDataFrame(rdd, row_schema)


def figures_of(rows):
    """The figure rows the ledger keeps: of files with one text (one doc_id), the last one's,
    as the ledger keeps only the last (Ledger.write replaces a document by its hash)."""
    from pyspark.sql import functions as F

    read = rows.where("error IS NULL")
    last = read.groupBy("doc_id").agg(F.max("seq").alias("seq"))
    return (read.join(last, ["doc_id", "seq"], "left_semi")
            .select(F.explode("figure_rows").alias("f")).select("f.*"))


def conflict_frames(spark, figures):
    """The conflicts and the running totals that fell among ``figures``: the ledger's own SQL
    (store.CONFLICTS_SQL, store.FALLS_SQL) over them as a temporary view named figures."""
    figures.createOrReplaceTempView("figures")
    return spark.sql(CONFLICTS_SQL), spark.sql(FALLS_SQL)


def _entry(row) -> Entry:
    figures = [tuple(f) for f in row.figure_rows]
    published = FIGURE_COLUMNS.index("published")
    # published back to the ISO string figure_row gives, so Ledger.write sees what it always sees
    figures = [f[:published] + (f[published].isoformat() if f[published] else None,)
               + f[published + 1:] for f in figures]
    return Entry(row.doc_id, row.path, row.published, row.province, row.city, row.title,
                 row.chars, figures, [tuple(c) for c in row.candidate_rows])


def ingest_spark(paths: Sequence[str], ledger_path: str | Path, rules, date: dt.date | None = None,
                 master: str | None = None, *, spark=None, pairs: bool = False) -> dict:
    """Ingests the articles under ``paths`` into the ledger with Spark; the summary of
    ``figcheck ingest`` (ledger, documents, figures, total_documents, errors) plus the number
    of conflicts and of running totals that fell which Spark SQL found among these documents
    (with ``pairs``, the pairs themselves as dicts, as ``Ledger.conflicts`` gives them).

    A file that cannot be read is one line in ``errors`` (also printed on stderr, as the
    embedded ingest does) and the others go on. ``spark``: a session to use instead of one
    started (and stopped) here.
    """
    errors: list[str] = []
    files = _files(paths, errors)
    summary = {"ledger": str(ledger_path), "documents": 0, "figures": 0,
               "conflicts": 0, "cumulative_falls": 0}
    with contextlib.ExitStack() as stack:
        if files:
            if spark is None:
                spark = stack.enter_context(spark_session(master))
            summary.update(_run(spark, files, ledger_path, rules, date, errors, pairs))
        with Ledger(ledger_path) as ledger:
            summary["total_documents"] = ledger.stats()["documents"]
    for line in errors:
        print(f"figcheck: error: {line}", file=sys.stderr)
    summary["errors"] = errors
    return summary


def _run(spark, files, ledger_path, rules, date, errors: list[str], pairs: bool) -> dict:
    rows = extract(spark, files, rules, date).persist()  # extracted once, read twice
    keyed = None
    try:
        written = figures = 0
        with Ledger(ledger_path) as ledger:
            batch: list[Entry] = []
            for row in rows.toLocalIterator():
                if row.error is not None:
                    errors.append(row.error)
                    continue
                if len(batch) >= _BATCH or row.doc_id in {e.doc_id for e in batch}:
                    # a second file of one text: the first is written, then replaced by it
                    ledger.write(batch)
                    written += len(batch)
                    batch = []
                batch.append(_entry(row))
                figures += len(row.figure_rows)
            ledger.write(batch)
            written += len(batch)
        keyed = figures_of(rows).persist()  # both searches join it with itself
        conflicts, falls = conflict_frames(spark, keyed)
        out = {"documents": written, "figures": figures}
        if pairs:
            out["conflict_pairs"] = [r.asDict() for r in conflicts.collect()]
            out["fall_pairs"] = [r.asDict() for r in falls.collect()]
            out["conflicts"], out["cumulative_falls"] = (len(out["conflict_pairs"]),
                                                         len(out["fall_pairs"]))
        else:
            out["conflicts"], out["cumulative_falls"] = conflicts.count(), falls.count()
        return out
    finally:
        if keyed is not None:
            keyed.unpersist()
        rows.unpersist()
