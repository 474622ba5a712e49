"""figcheck ingest --engine spark: extraction, the Parquet ledger and the conflict search on Spark.

For archives that outgrow one machine. Spark reads the documents where they live (a folder, or
any URI Spark reads: hdfs://, s3a://; text files whole, .docx as binary files), or from a table
of documents (Parquet or JSON lines: id, text, and optionally published, province, city,
region). The executors extract the figures in Arrow batches (``mapInArrow``) with the very code
of the embedded path (``document_from_bytes``, ``read_figures``, ``entry_for``) and write the
ledger's tables as one run of the Parquet layout (checker/ledger/parquet.py). Nothing but a few
counts and the lines naming unreadable documents comes back to the driver; its memory does not
grow with the archive.

The conflict search runs over the whole ledger (earlier runs included, whichever engine wrote
them) with the ledger's own SQL (store.CONFLICTS_SQL, store.FALLS_SQL, over parquet.LIVE_SQL's
views, the text DuckDB runs) and is written as a table under results/.

On a cluster, figcheck ships itself: the driver packs checker and its dependencies
(checker/ledger/spark_ship.py), so the workers need only Python and Spark. The master comes from
``spark-submit``, $SPARK_MASTER or the Spark defaults (spark-defaults.conf); only when none sets
one does figcheck run Spark in this process (local[*]).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.errors import InputError, UserError
from checker.ledger import parquet
from checker.ledger.store import CONFLICTS_SQL, FALLS_SQL, FIGURE_COLUMNS

_ARROW_BATCH = "16"  # documents per Arrow batch: a batch of .docx files is held whole in memory
_LOCAL_SHUFFLE_PARTITIONS = "4"
_MAX_ERRORS = 1000  # lines naming unreadable documents brought back to the driver

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
        import pyarrow  # noqa: F401 - Spark's Arrow batches
        import pyspark
        from pyspark.sql import SparkSession  # noqa: F401
    except ImportError as err:
        raise UserError("--engine spark 需要 pyspark 与 pyarrow (needs pyspark and pyarrow): "
                        "pip install 'figcheck[spark]'") from err
    return pyspark


# -- the session -------------------------------------------------------------------------------
def _defaults_master() -> str | None:
    """spark.master from spark-defaults.conf ($SPARK_CONF_DIR, else $SPARK_HOME/conf)."""
    conf_dir = os.environ.get("SPARK_CONF_DIR")
    if not conf_dir:
        home = os.environ.get("SPARK_HOME")
        if not home:
            import pyspark

            home = str(Path(pyspark.__file__).parent)
        conf_dir = str(Path(home, "conf"))
    try:
        lines = Path(conf_dir, "spark-defaults.conf").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0] == "spark.master":
            return parts[1].strip()
    return None


def master_of(master: str | None = None) -> tuple[str | None, str]:
    """(the master to set on the builder, the master the session will have): an explicit one,
    else $SPARK_MASTER; under spark-submit or with spark-defaults.conf's, none set here."""
    if master or os.environ.get("SPARK_MASTER"):
        chosen = master or os.environ["SPARK_MASTER"]
        return chosen, chosen
    if os.environ.get("PYSPARK_GATEWAY_PORT"):  # launched by spark-submit: its --master holds
        return None, os.environ.get("MASTER", "spark-submit")
    configured = _defaults_master()
    if configured:
        return None, configured
    return "local[*]", "local[*]"


@contextlib.contextmanager
def spark_session(master: str | None = None, *, ship: bool | None = None) -> Iterator:
    """A Spark session for figcheck, stopped on exit; an already active session is reused as
    it is (and left running). On a local master, Spark listens on loopback only, has no web UI
    and few shuffle partitions, and its Python workers are this interpreter. On a cluster,
    figcheck ships itself to the executors (``ship``: default on, for any master not local)."""
    _import_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    to_set, effective = master_of(master)
    local = effective.startswith("local")
    with tempfile.TemporaryDirectory(prefix="figcheck-spark-") as scratch:
        builder = SparkSession.builder.appName("figcheck ingest")
        if to_set:
            builder = builder.master(to_set)
        builder = (
            builder.config("spark.ui.showConsoleProgress", "false")  # ours is on stderr instead
            .config("spark.sql.debug.maxToStringFields", "200")  # else a warning on our wide rows
            .config("spark.executorEnv.PYTHONWARNINGS", _QUIET_PANDAS)
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", _ARROW_BATCH)
            .config("spark.sql.execution.arrow.useLargeVarTypes", "false")
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        )
        if local:
            os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers need checker installed
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            log4j = Path(scratch, "log4j2.properties")  # warnings only, from the start
            log4j.write_text(_LOG4J2, encoding="utf-8")
            builder = (
                builder.config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", _LOCAL_SHUFFLE_PARTITIONS)
                .config("spark.driver.extraJavaOptions",
                        f"-Dlog4j2.configurationFile={log4j.as_uri()}")
            )
        if ship if ship is not None else not local:
            from checker.ledger import spark_ship

            # unpacked in each executor's working folder, which its Python workers run in
            builder = (builder.config("spark.archives", f"{spark_ship.archive()}#{spark_ship.NAME}")
                       .config("spark.executorEnv.PYTHONPATH", spark_ship.NAME))
        if os.environ.get("FIGCHECK_CACHE"):  # the jieba dictionaries, shared with the workers
            builder = builder.config("spark.executorEnv.FIGCHECK_CACHE",
                                     os.environ["FIGCHECK_CACHE"])
        try:
            spark = builder.getOrCreate()
        except Exception as err:  # no Java, an old Java, a master that does not answer
            first = (str(err).strip().splitlines() or [type(err).__name__])[0]
            raise UserError(f"Spark 无法启动 (cannot start Spark, master {effective}): {first}; "
                            "Spark needs Java 17 or later (JAVA_HOME or java on PATH)") from err
        spark.sparkContext.setLogLevel("WARN")
        try:
            yield spark
        finally:
            spark.stop()


# -- schemas: read from the ledger's own tables ------------------------------------------------
def _spark_type(duck: str):
    from pyspark.sql import types as T

    return {"VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "DOUBLE": T.DoubleType(),
            "BOOLEAN": T.BooleanType(), "DATE": T.DateType(),
            "TIMESTAMP": T.TimestampNTZType()}[duck]  # a wall-clock time, as DuckDB's TIMESTAMP


def table_schema(table: str, with_run: bool = True):
    """The Spark schema of a ledger table as the Parquet layout stores it (with its run)."""
    from pyspark.sql import types as T

    fields = [T.StructField(c, _spark_type(t)) for c, t in parquet.ledger_types()[table]]
    if with_run:
        fields.append(T.StructField("run", T.StringType()))
    return T.StructType(fields)


def _source_schema():
    from pyspark.sql import types as T

    return T.StructType([T.StructField("name", T.StringType(), False),
                         T.StructField("content", T.BinaryType()),
                         T.StructField("text", T.StringType()),
                         T.StructField("published", T.DateType()),
                         T.StructField("province", T.StringType()),
                         T.StructField("city", T.StringType()),
                         T.StructField("region", T.StringType())])


def _extracted_schema():
    """One row per document: what the ledger keeps of it, or the line saying why it could not
    be read."""
    from pyspark.sql import types as T

    documents = [f for f in table_schema("documents", with_run=False).fields
                 if f.name not in ("figures", "ingested_at")]  # counted and stamped when written
    return T.StructType(
        [T.StructField("name", T.StringType(), False), T.StructField("error", T.StringType())]
        + documents
        + [T.StructField("figure_rows",
                         T.ArrayType(table_schema("figures", with_run=False), False)),
           T.StructField("candidate_rows",
                         T.ArrayType(table_schema("candidates", with_run=False), False))])


# -- on the executors --------------------------------------------------------------------------
def _document(rec: dict, date: dt.date | None, max_bytes: int | None):
    from checker.source.read import document_from_bytes, document_from_text, too_large
    from checker.source.region import find_region

    name = rec["name"]
    if rec["content"] is not None:
        if max_bytes is not None and len(rec["content"]) > max_bytes:
            raise InputError(name, too_large(len(rec["content"]), max_bytes))
        return document_from_bytes(name, rec["content"], date)
    province, city = rec["province"], rec["city"]
    if province is None and city is None and rec["region"]:
        province, city = find_region(rec["region"])
    return document_from_text(name, rec["text"] or "", rec["published"] or date,
                              province=province, city=city)


def _extract_one(rec: dict, rules, date, max_bytes, columns) -> dict | None:
    from checker.extract import read_figures
    from checker.ledger.records import entry_for
    from checker.table import figures_frame

    name = rec["name"]
    try:
        doc = _document(rec, date, max_bytes)
        if not doc.text.strip():
            return None  # a blank file is no published article: kept by neither engine
        extraction = read_figures(doc)
        figures_frame(extraction.figures)  # the stage contract holds here too
        e = entry_for(doc, extraction, rules)
    except InputError as err:
        return {"name": name, "error": str(err)}
    except Exception as err:  # noqa: BLE001 - a bug on one document costs that one only
        return {"name": name, "error": f"{name}: 内部错误，未收录 (internal error, not ingested): "
                                       f"{type(err).__name__}: {err}"}
    fig_cols, cand_cols = columns
    published = FIGURE_COLUMNS.index("published")
    figures = [dict(zip(fig_cols, r[:published] + (_date(r[published]),) + r[published + 1:],
                        strict=True)) for r in e.figures]
    return {"name": name, "error": None, "doc_id": e.doc_id, "path": e.path,
            "published": e.published, "province": e.province, "city": e.city, "title": e.title,
            "chars": e.chars, "figure_rows": figures,
            "candidate_rows": [dict(zip(cand_cols, r, strict=True)) for r in e.candidates]}


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def extract_batches(batches, rules, date, max_bytes, schema_json: str):
    """mapInArrow's function: Arrow batches of documents in, of extracted rows out."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import to_arrow_schema
    from pyspark.sql.types import StructType

    spark_schema = StructType.fromJson(json.loads(schema_json))
    schema = to_arrow_schema(spark_schema)
    fields = {f.name: f for f in spark_schema.fields}
    columns = ([f.name for f in fields["figure_rows"].dataType.elementType.fields],
               [f.name for f in fields["candidate_rows"].dataType.elementType.fields])
    rules = rules.value
    for batch in batches:
        rows = [row for rec in batch.to_pylist()
                if (row := _extract_one(rec, rules, date, max_bytes, columns)) is not None]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


# -- on the driver: the documents --------------------------------------------------------------
def _uri(given: str) -> str:
    """A local path as the absolute URI Spark lists it under (file:/abs/path)."""
    if "://" in given or given.startswith("file:"):
        return given
    return "file:" + Path(given).resolve().as_posix()


def _input_format(given: str, declared: str | None) -> str:
    if declared and declared != "auto":
        return declared
    lower = given.lower().rstrip("/")
    if lower.endswith(".parquet"):
        return "parquet"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    return "files"


def _files_source(spark, given: str, max_bytes: int | None, errors: list[str]):
    from pyspark.sql import functions as F

    from checker.source.read import _NO_DRAFTS, _NO_SUCH_FILE, DRAFT_SUFFIXES, too_large

    uri = _uri(given)
    try:
        found = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                 .load(uri))
    except Exception as err:  # noqa: BLE001 - Spark's AnalysisException: no such path
        if "PATH_NOT_FOUND" in str(err) or "does not exist" in str(err):
            raise InputError(given, _NO_SUCH_FILE) from None
        raise
    local = not ("://" in given or given.startswith("file:"))
    if local:  # the path as the user gave it, as the embedded ingest records it
        base = uri.rstrip("/")
        stem = given.rstrip("/")
        name = (F.when(F.col("path") == base, F.lit(given))
                .otherwise(F.concat(F.lit(stem), F.expr(f"substring(path, {len(base) + 1})"))))
    else:
        name = F.col("path")
    suffixes = "|".join(s.lstrip(".") for s in sorted(DRAFT_SUFFIXES))
    found = found.withColumn("name", name).where(
        (F.col("path") == uri.rstrip("/"))  # a file named explicitly is read whatever its suffix
        | (F.lower("path").rlike(rf"\.({suffixes})$") & ~F.col("path").rlike(r"/~\$[^/]*$")))
    if max_bytes is not None:  # named without being read (the length filter reaches the listing)
        for row in found.where(F.col("length") > max_bytes).select("name", "length").collect():
            errors.append(str(InputError(row.name, too_large(row.length, max_bytes))))
        found = found.where(F.col("length") <= max_bytes)
    if not _has_draft(spark, uri, suffixes):
        raise InputError(given, _NO_DRAFTS)
    return found.select("name", "content", F.lit(None).cast("string").alias("text"),
                        F.lit(None).cast("date").alias("published"),
                        F.lit(None).cast("string").alias("province"),
                        F.lit(None).cast("string").alias("city"),
                        F.lit(None).cast("string").alias("region"))


def _has_draft(spark, uri: str, suffixes: str) -> bool:
    """Whether the folder (or file) holds a draft: the first one found by the driver's listing
    ends the search, without a Spark job."""
    import re

    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if fs.getFileStatus(path).isFile():
        return True
    draft = re.compile(rf"\.({suffixes})$", re.IGNORECASE)
    files = fs.listFiles(path, True)
    while files.hasNext():
        name = files.next().getPath().getName()
        if draft.search(name) and not name.startswith((".", "_", "~$")):
            return True
    return False


def _table_source(spark, given: str, kind: str):
    from pyspark.sql import functions as F

    uri = _uri(given)
    try:
        table = spark.read.parquet(uri) if kind == "parquet" else spark.read.json(uri)
        columns = set(table.columns)
    except Exception as err:  # noqa: BLE001 - no such path, not Parquet, not JSON lines
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise InputError(given, f"无法读取文档表 (cannot read the table of documents): {first}") \
            from None
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        raise InputError(given, f"文档表缺少列 (the table of documents lacks columns): "
                                f"{', '.join(missing)}; it needs id and text")

    def optional(column: str, cast: str):
        return (F.col(column).cast(cast) if column in columns else F.lit(None).cast(cast)).alias(column)

    return table.select(F.col("id").cast("string").alias("name"),
                        F.lit(None).cast("binary").alias("content"),
                        F.col("text").cast("string").alias("text"),
                        (F.to_date(F.col("published").cast("string")) if "published" in columns
                         else F.lit(None).cast("date")).alias("published"),
                        optional("province", "string"), optional("city", "string"),
                        optional("region", "string")).where(F.col("name").isNotNull())


def documents(spark, inputs: Sequence[str], errors: list[str], *, input_format: str | None = None,
              max_bytes: int | None = None):
    """One DataFrame of the documents to ingest (schema ``_source_schema``); an input that cannot
    be read is a line in ``errors`` and the others go on."""
    frames = []
    for given in inputs:
        kind = _input_format(given, input_format)
        try:
            frames.append(_files_source(spark, given, max_bytes, errors) if kind == "files"
                          else _table_source(spark, given, kind))
        except InputError as err:
            errors.append(str(err))
    if not frames:
        return None
    out = frames[0]
    for frame in frames[1:]:
        out = out.unionByName(frame)
    return out


def extract(spark, source, rules, date: dt.date | None = None, max_bytes: int | None = None):
    """The documents' extracted rows (schema ``_extracted_schema``), made on the executors."""
    schema = _extracted_schema()
    shared_rules = spark.sparkContext.broadcast(list(rules))
    schema_json = schema.json()
    return source.mapInArrow(
        lambda batches: extract_batches(batches, shared_rules, date, max_bytes, schema_json),
        schema)


# -- on the driver: the ledger -----------------------------------------------------------------
def _exists(spark, uri: str) -> bool:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path)


def attach(spark, root: str) -> None:
    """Temporary views documents, figures, candidates: the live rows of the Parquet ledger at
    ``root``, by parquet.LIVE_SQL (the text DuckDB runs in parquet.attach)."""
    from pyspark.sql import types as T

    types = parquet.ledger_types()
    runs_schema = T.StructType([T.StructField("run", T.StringType())])
    runs = f"{root}/{parquet.RUNS}"
    (spark.read.schema(runs_schema).json(runs) if _exists(spark, runs)
     else spark.createDataFrame([], runs_schema)).createOrReplaceTempView("committed")
    for table in parquet.TABLES:
        schema = table_schema(table)
        where = f"{root}/{table}"
        frame = (spark.read.schema(schema).parquet(where) if _exists(spark, where)
                 else spark.createDataFrame([], schema))
        frame.select(*schema.fieldNames()).createOrReplaceTempView(f"all_{table}")
    spark.sql(parquet.LIVE_RUNS_SQL).createOrReplaceTempView("live_runs")
    for table in parquet.TABLES:
        spark.sql(parquet.live_sql(table, types)).createOrReplaceTempView(table)


def _write_run(spark, rows, root: str, run: str) -> dict:
    """The extracted rows as one run of the Parquet ledger, written by the executors; committed
    by the run's line in runs/, written last."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    read = rows.where("error IS NULL")
    # two files with one text are one document: the last by name, as the embedded ingest keeps
    last = read.groupBy("doc_id").agg(F.max("name").alias("name"))
    kept = (read.join(last, ["doc_id", "name"], "left_semi")
            .withColumn("run", F.lit(run))
            .withColumn("year", F.coalesce(F.year("published").cast("string"),
                                           F.lit(parquet.UNKNOWN_YEAR)))
            ).persist(StorageLevel.MEMORY_AND_DISK)  # counted, then written three times
    try:
        counts = kept.agg(F.count("*").alias("documents"),
                          F.sum(F.size("figure_rows")).alias("figures")).first()
        doc_columns = [c for c in table_schema("documents", with_run=False).fieldNames()
                       if c not in ("figures", "ingested_at")]
        docs = kept.select(*doc_columns, F.size("figure_rows").cast("int").alias("figures"),
                           F.expr("CAST(current_timestamp() AS TIMESTAMP_NTZ)")
                           .alias("ingested_at"), "run", "year")
        docs.write.mode("append").partitionBy("year").parquet(f"{root}/documents")
        for table, column in (("figures", "figure_rows"), ("candidates", "candidate_rows")):
            (kept.select(F.explode(column).alias("r"), "run", "year").select("r.*", "run", "year")
             .write.mode("append").partitionBy("year").parquet(f"{root}/{table}"))
    finally:
        kept.unpersist()
    marker = (run, "spark", int(counts.documents), int(counts.figures or 0),
              dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    schema = T.StructType([T.StructField(n, t) for n, t in (
        ("run", T.StringType()), ("engine", T.StringType()), ("documents", T.LongType()),
        ("figures", T.LongType()), ("committed_at", T.StringType()))])
    spark.createDataFrame([marker], schema).coalesce(1).write.mode("append").json(
        f"{root}/{parquet.RUNS}")  # the commit
    return {"documents": marker[2], "figures": marker[3]}


def ledger_root(ledger: str | Path) -> str:
    """The Parquet ledger's URI (a local folder made absolute); a DuckDB file is refused."""
    text = str(ledger)
    if text.endswith((".duckdb", ".db")) or (Path(text).is_file()):
        raise UserError(f"{text}: --engine spark 只用 Parquet 账本文件夹 (works on a Parquet "
                        "ledger folder only): give --ledger DIR/; figcheck ledger export and "
                        "import move a ledger between a DuckDB file and a folder")
    return _uri(text).rstrip("/")


def conflicts(spark, root: str) -> tuple:
    """The conflicts and the running totals that fell over the whole ledger at ``root``, written
    as results/conflicts and results/cumulative_falls; returns the written tables."""
    attach(spark, root)
    out = []
    for name, sql in (("conflicts", CONFLICTS_SQL), ("cumulative_falls", FALLS_SQL)):
        where = f"{root}/{parquet.RESULTS}/{name}"
        # the table is written unordered (a sort would cost Spark a sampling job and a shuffle)
        # and read back in the order of the SQL's ORDER BY
        unordered = sql[:sql.rindex("ORDER BY")]
        spark.sql(unordered).write.mode("overwrite").parquet(where)
        out.append(spark.read.parquet(where).orderBy("a_path", "a_start_offset", "b_path",
                                                     "b_start_offset"))
    return tuple(out)


def ingest_spark(inputs: Sequence[str], ledger: str | Path, rules, date: dt.date | None = None,
                 master: str | None = None, *, spark=None, pairs: bool = False,
                 input_format: str | None = None, max_bytes: int | None = None) -> dict:
    """Ingests the documents of ``inputs`` into the Parquet ledger at ``ledger`` with Spark; the
    summary of ``figcheck ingest`` (ledger, documents, figures, total_documents, errors) plus the
    conflicts and running totals that fell in the whole ledger afterwards (with ``pairs``, the
    pairs themselves as dicts, as ``Ledger.conflicts`` gives them).

    A document that cannot be read is one line in ``errors`` (also printed on stderr, as the
    embedded ingest does) and the others go on. ``spark``: a session to use instead of one
    started (and stopped) here.
    """
    root = ledger_root(ledger)
    errors: list[str] = []
    summary = {"ledger": str(ledger), "documents": 0, "figures": 0,
               "conflicts": 0, "cumulative_falls": 0}
    with contextlib.ExitStack() as stack:
        if spark is None:
            spark = stack.enter_context(spark_session(master))
        stack.enter_context(_progress(spark))
        source = documents(spark, inputs, errors, input_format=input_format, max_bytes=max_bytes)
        if source is not None:
            from pyspark import StorageLevel

            rows = extract(spark, source, rules, date, max_bytes).persist(
                StorageLevel.MEMORY_AND_DISK)  # extracted once, read for errors and for rows
            try:
                errors += [r.error for r in rows.where("error IS NOT NULL").select("error")
                           .limit(_MAX_ERRORS).collect()]
                summary.update(_write_run(spark, rows, root, parquet.new_run_id()))
            finally:
                rows.unpersist()
        found, falls = conflicts(spark, root)
        summary["conflicts"], summary["cumulative_falls"] = found.count(), falls.count()
        if pairs:
            summary["conflict_pairs"] = [r.asDict() for r in found.toLocalIterator()]
            summary["fall_pairs"] = [r.asDict() for r in falls.toLocalIterator()]
        summary["total_documents"] = spark.table("documents").count()
    for line in errors:
        print(f"figcheck: error: {line}", file=sys.stderr)
    summary["errors"] = errors
    return summary


def ledger_conflicts(ledger: str | Path, master: str | None = None, *, spark=None) -> dict:
    """``figcheck ledger conflicts --engine spark``: the search on Spark SQL, written under
    results/ and returned as the embedded ``Ledger.conflicts`` and ``cumulative_falls`` are."""
    root = ledger_root(ledger)
    with contextlib.ExitStack() as stack:
        if spark is None:
            spark = stack.enter_context(spark_session(master))
        if not _exists(spark, f"{root}/{parquet.RUNS}"):
            raise UserError(f"{ledger}: 没有这个账本 (no such ledger); create it with figcheck ingest")
        stack.enter_context(_progress(spark))
        found, falls = conflicts(spark, root)
        return {"conflicts": [r.asDict() for r in found.toLocalIterator()],
                "cumulative_falls": [r.asDict() for r in falls.toLocalIterator()],
                "results": f"{root}/{parquet.RESULTS}"}


# -- progress ----------------------------------------------------------------------------------
@contextlib.contextmanager
def _progress(spark, every: float = 0.5):
    """The running stage's tasks as a progress bar on stderr, on a terminal only."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    tracker = spark.sparkContext.statusTracker()
    stop = threading.Event()
    with Progress(TextColumn("spark {task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def poll() -> None:
            while not stop.wait(every):
                stages = [s for s in map(tracker.getStageInfo, tracker.getActiveStageIds()) if s]
                if stages:
                    done = sum(s.numCompletedTasks for s in stages)
                    total = sum(s.numTasks for s in stages)
                    bar.update(task, completed=done, total=total,
                               description=f"stage {', '.join(str(s.stageId) for s in stages)}")

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
        try:
            yield
        finally:
            stop.set()
            watcher.join()
