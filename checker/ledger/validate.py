"""Validating the whole ledger with Great Expectations: the rules' declared checks over every
candidate row ever ingested, and the contract of the ledger's own tables.

One rule file, two engines: a rule declares ``check: {column: {check: number}}``; per draft,
pandera runs it (checker.rules.engine); over the ledger, :func:`translate` turns the very same
declaration into Great Expectations expectations. No rule logic is written here. The checks run
on the rounding-tolerant columns, as the per-draft engine does for findings at the rule's
severity; discrepancies that only rounding explains (a rule's ``rounding: info``) are notes for
an editor, not a breach of the ledger, and are left out.

The expectations form one suite per rule and one per table (:func:`suite_dicts`), in the JSON
form Great Expectations serializes suites to; the Checkpoint runs the suites as loaded back from
that form, so the file ``--suite`` saves is exactly what ran. They validate one batch: the
ledger's tables stacked in one frame, told apart by a ``table`` column (:func:`ledger_frame`).

Two engines for the batch: pandas in this process (the default), or Spark over a Parquet
ledger (``engine="spark"``: Great Expectations' Spark datasource over ``spark.sql`` on the views
``checker.ledger.spark.attach`` makes). Both give the same counts; the failing documents named
are, on Spark, the first of Great Expectations' partial unexpected rows, so that no table comes
back to the driver.

Great Expectations is heavy (seconds to import) and only this module imports it, inside its
functions. It runs in an ephemeral Data Context: the Checkpoint has no actions and nothing is
written to disk but what is asked for: the suites' JSON (``suite``), and Data Docs
(``data_docs``), a local site built from this run's results in that folder alone (its pages load
CSS, scripts and a logo from remote servers when opened). Results are returned as a plain dict
for our own reporters.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import UserError

if TYPE_CHECKING:
    import pandas as pd

    from checker.rules.model import Rule

FIGURES_TABLE = "figures-table"
DOCUMENTS_TABLE = "documents-table"
MAX_DOCUMENTS = 10  # failing documents named per expectation

# the tables as loaded from the ledger: only the columns the checks read
_CANDIDATES_SQL = "SELECT doc_id, rule, gap, gap_exact FROM candidates"
_FIGURES_SQL = ("SELECT doc_id, idx, start_offset, end_offset, kind, approx, role, lo, hi, r_lo, "
                "r_hi FROM figures")
_DOCUMENTS_SQL = """
SELECT d.doc_id, d.path, d.figures AS declared_figures, count(f.doc_id) AS figure_rows
FROM documents d LEFT JOIN figures f ON f.doc_id = d.doc_id
GROUP BY d.doc_id, d.path, d.figures
"""
_TABLES_SQL = {"candidates": _CANDIDATES_SQL, "figures": _FIGURES_SQL, "documents": _DOCUMENTS_SQL}
_BATCH = ("One batch: the ledger's tables stacked in one frame, told apart by a column `table` "
          "(candidates, figures, documents), each table's rows as its query under `tables` gives "
          "them, its columns left empty (null) in the other tables' rows. Each expectation picks "
          "its rows with a row condition.")
_TABLE_NOTES = {
    FIGURES_TABLE: ["账本 figures 表的约定：每个可比数字的种类、近似方式、角色与区间。",
                    "The contract of the ledger's figures table: each comparable figure's kind, "
                    "approximation, role and intervals."],
    DOCUMENTS_TABLE: ["账本 documents 表的约定：每篇稿件登记的数字个数与 figures 表的行数一致。",
                      "The contract of the ledger's documents table: the figures each document "
                      "declares are the figure rows it has."],
}
_SYMBOL = {"le": "<=", "lt": "<", "ge": ">=", "gt": ">", "eq": "==", "ne": "!="}
_SITE = "figcheck"  # the Data Docs site
_RUN_NAME = "figcheck-ledger-validate"  # names the run's folder in the Data Docs
_PARTIAL_ROWS = 100  # failing rows Spark brings back per expectation, to name their documents
_COMPLETE = {"result_format": "COMPLETE"}
# on Spark, counts only: no failing values fetched, about two Spark jobs an expectation
_SPARK_COUNTS = {"result_format": "BASIC", "partial_unexpected_count": 0}
_SPARK_ROWS = {"result_format": "SUMMARY", "partial_unexpected_count": _PARTIAL_ROWS,
               "unexpected_index_column_names": ["doc_id"]}


@dataclass(frozen=True)
class Planned:
    """One expectation to run: whose it is (a rule id or a table), and what it says."""

    owner: str
    description: str
    expectation: Any  # a great_expectations Expectation; None: nothing the ledger can check


@dataclass
class Outcome:
    """What one expectation found: ``failing`` holds index labels of the validated (pandas)
    frame; ``doc_ids``, on Spark, the documents of the first few failing rows."""

    owner: str
    description: str
    success: bool
    unexpected: int
    rows: int
    failing: list = field(default_factory=list)
    error: str | None = None
    checked: bool = True
    doc_ids: list = field(default_factory=list)


def translate(check: dict[str, dict[str, Any]], row_condition=None) -> list[tuple[str, Any]]:
    """The Great Expectations form of a rule's declared checks, ``{column: {check: number}}``
    (the same mapping checker.rules.engine hands to pandera): one expectation per declared check,
    and per column that its values are present, as pandera's ``nullable=False`` requires.
    Returns (description, expectation) pairs."""
    _import_gx()
    import great_expectations.expectations as gxe

    out: list[tuple[str, Any]] = []
    for column, checks in sorted(check.items()):
        common = {"column": column, "row_condition": row_condition}
        out.append((f"{column} not null", gxe.ExpectColumnValuesToNotBeNull(**common)))
        for name, value in sorted(checks.items()):
            if name == "le":
                exp = gxe.ExpectColumnValuesToBeBetween(**common, max_value=value)
            elif name == "lt":
                exp = gxe.ExpectColumnValuesToBeBetween(**common, max_value=value, strict_max=True)
            elif name == "ge":
                exp = gxe.ExpectColumnValuesToBeBetween(**common, min_value=value)
            elif name == "gt":
                exp = gxe.ExpectColumnValuesToBeBetween(**common, min_value=value, strict_min=True)
            elif name == "eq":
                exp = gxe.ExpectColumnValuesToBeBetween(**common, min_value=value, max_value=value)
            elif name == "ne":
                exp = gxe.ExpectColumnValuesToNotBeInSet(**common, value_set=[value])
            else:  # the loader admits only the six checks above
                raise ValueError(f"no Great Expectations form for check {name!r}")
            out.append((f"{column} {_SYMBOL[name]} {_number(value)}", exp))
    return out


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _rule_plans(rules: Iterable[Rule], columns: Sequence[str]) -> list[Planned]:
    from great_expectations.expectations.row_conditions import Column

    plans = []
    for rule in rules:
        if rule.kind == "cross":
            continue  # its candidates are pairs across articles: `figcheck ledger conflicts`
        where = Column("rule") == rule.id
        kept = {c: v for c, v in rule.check.items() if c in columns}
        for description, exp in translate(kept, where):
            plans.append(Planned(rule.id, description, exp))
        for column in sorted(set(rule.check) - set(kept)):
            # a check on a fact the ledger does not keep: named, never silently dropped
            plans.append(Planned(rule.id, f"{column}: not kept in the ledger, not checked", None))
    return plans


def _table_plans() -> list[Planned]:
    """The contract of the ledger's figures and documents tables."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    from checker.extract.figure import APPROX, KINDS, ROLE_PATTERN

    figures = Column("table") == "figures"
    documents = Column("table") == "documents"
    pair = {"ignore_row_if": "either_value_is_missing", "row_condition": figures}
    return [
        Planned(FIGURES_TABLE, "kind not null",
                gxe.ExpectColumnValuesToNotBeNull(column="kind", row_condition=figures)),
        Planned(FIGURES_TABLE, "kind in the known kinds",
                gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=list(KINDS),
                                                row_condition=figures)),
        Planned(FIGURES_TABLE, "approx in the known approximations",
                gxe.ExpectColumnValuesToBeInSet(column="approx", value_set=list(APPROX),
                                                row_condition=figures)),
        Planned(FIGURES_TABLE, "role made of the known facets (or none)",
                gxe.ExpectColumnValuesToMatchRegex(column="role", regex=ROLE_PATTERN,
                                                   row_condition=figures)),
        Planned(FIGURES_TABLE, "lo <= hi where both are set",
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="hi", column_B="lo", or_equal=True, **pair)),
        Planned(FIGURES_TABLE, "r_lo <= r_hi",
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="r_hi", column_B="r_lo", or_equal=True, **pair)),
        Planned(FIGURES_TABLE, "start_offset < end_offset",
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="end_offset", column_B="start_offset", or_equal=False, **pair)),
        Planned(DOCUMENTS_TABLE, "figures = its figure rows",
                gxe.ExpectColumnPairValuesToBeEqual(
                    column_A="declared_figures", column_B="figure_rows",
                    row_condition=documents)),
    ]


def ledger_frame(candidates: pd.DataFrame, figures: pd.DataFrame | None = None,
                 documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ledger's tables stacked in one frame, told apart by a ``table`` column: a Checkpoint
    validates one batch, and each expectation picks its rows with a row condition."""
    import pandas as pd

    parts = [frame.assign(table=name) for name, frame in
             (("candidates", candidates), ("figures", figures), ("documents", documents))
             if frame is not None]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"table": []})
    for column in ("doc_id", "rule", "kind", "approx", "role"):
        if column not in frame:
            frame[column] = pd.Series([None] * len(frame), dtype=object)
    for column in ("gap", "gap_exact", "lo", "hi", "r_lo", "r_hi", "start_offset", "end_offset",
                   "declared_figures", "figure_rows"):
        if column not in frame:
            frame[column] = pd.Series([float("nan")] * len(frame), dtype="float64")
    return frame


def suite_dicts(plans: Sequence[Planned], notes: dict[str, Any] | None = None) -> list[dict]:
    """The plans as Great Expectations suites, one per owner (a rule, a table) in plan order, each
    as ``ExpectationSuite.to_json_dict()`` gives it, less the ids a Data Context assigns (they
    change every run): ``gx.ExpectationSuite(**suite)`` loads one in any GX 1.x project. Each
    expectation's description is the plan's, as our reports and the Data Docs show it; the
    suite's meta says which batch it validates (``_BATCH`` and each table's query)."""
    gx = _import_gx()
    grouped: dict[str, list] = {}
    for plan in plans:
        if plan.expectation is not None:
            expectation = plan.expectation.copy(deep=True)
            expectation.description = plan.description
            grouped.setdefault(plan.owner, []).append(expectation)
    out = []
    with _quiet():
        for owner, expectations in grouped.items():
            # built whole, not by add_expectation, which saves to the current Data Context
            suite = gx.ExpectationSuite(
                name=owner, expectations=expectations, notes=(notes or {}).get(owner),
                meta={"figcheck": {"batch": _BATCH, "tables": dict(_TABLES_SQL)}})
            if len(suite.expectations) != len(expectations):  # a suite is a set: twins merge
                raise ValueError(f"{owner}: two expectations alike")
            data = suite.to_json_dict()
            data.pop("id", None)
            for expectation in data["expectations"]:
                expectation.pop("id", None)
            out.append(data)
    return out


def _context(data_docs: Path | None = None):
    """An ephemeral Data Context: stores in memory, no progress bars; with ``data_docs``, a local
    Data Docs site in that folder (and nowhere else)."""
    gx = _import_gx()
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    if data_docs is not None:
        context.add_data_docs_site(_SITE, {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(data_docs)},
        })
    return context


def run_checkpoint(frame, plans: Sequence[Planned], *, suites: list[dict] | None = None,
                   spark: bool = False, data_docs: Path | None = None) -> tuple[list[Outcome], str]:
    """Runs the plans' suites (``suite_dicts(plans)`` unless given, loaded back as a GX user
    loads them) as one Checkpoint over ``frame`` in an ephemeral Data Context: a pandas
    DataFrame, or with ``spark`` a Spark one. Returns the outcomes in plan order and the Great
    Expectations version; with ``data_docs``, builds the Data Docs of this run there.

    On Spark every metric is a Spark job: the Checkpoint counts only (about two jobs an
    expectation), and a second validation, of the failing expectations alone, fetches a few of
    their rows' doc_id with a limit; no table comes back to the driver."""
    gx = _import_gx()
    if suites is None:
        suites = suite_dicts(plans)
    planned = {(p.owner, p.description): i for i, p in enumerate(plans)
               if p.expectation is not None}
    if spark:
        frame = _spark_batch(frame)
    try:
        if spark:
            _read(frame)
        with _quiet():
            context = _context(data_docs)
            # pandas: every failing row's index label at once; Spark: counts only
            result = _run(context, frame, suites, spark, _SPARK_COUNTS if spark else _COMPLETE,
                          _RUN_NAME)
            if data_docs is not None:
                context.build_data_docs(site_names=[_SITE])
            version = gx.__version__
        outcomes: list[Outcome | None] = [
            Outcome(p.owner, p.description, True, 0, 0, checked=False) if p.expectation is None
            else None for p in plans]
        for run in result.run_results.values():
            for r in run.results:
                i = planned.get((run.suite_name, r.expectation_config.description))
                if i is None:
                    continue
                plan = plans[i]
                info = r.result or {}
                outcomes[i] = Outcome(
                    plan.owner, plan.description, bool(r.success),
                    int(info.get("unexpected_count") or 0), int(info.get("element_count") or 0),
                    list(info.get("unexpected_index_list") or []), _exception(r))
        missing = [plans[i].description for i, o in enumerate(outcomes) if o is None]
        if missing:
            raise RuntimeError(f"Great Expectations returned no result for: {missing}")
        done = [o for o in outcomes if o is not None]
        if spark:
            _failing_doc_ids(frame, suites, plans, done)
    finally:
        if spark:
            frame.unpersist()
    return done, version


def _run(context, frame, suites: list[dict], spark: bool, result_format: dict, run_name: str):
    """One Checkpoint in ``context``: each suite, loaded from its dict, over the one batch."""
    gx = _import_gx()
    from great_expectations.core.run_identifier import RunIdentifier

    # persist=False: the caller caches the frame and unpersists it (GX would leave it cached)
    source = (context.data_sources.add_spark("figcheck", persist=False) if spark
              else context.data_sources.add_pandas("figcheck"))
    batch = source.add_dataframe_asset("ledger").add_batch_definition_whole_dataframe(
        "whole ledger")
    definitions = []
    for data in suites:
        suite = context.suites.add(gx.ExpectationSuite(**copy.deepcopy(data)))
        definitions.append(context.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=suite)))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name="figcheck ledger", validation_definitions=definitions, actions=[],
        result_format=result_format))
    return checkpoint.run(batch_parameters={"dataframe": frame},
                          run_id=RunIdentifier(run_name=run_name))


def _spark_batch(frame):
    """The Spark frame as it is validated: NaN made missing, cached once for all the jobs."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    # NaN is a number to Spark but a missing value to pandas, where the embedded validation
    # runs: made missing here too, so that both engines count the same rows
    frame = frame.select(*[
        F.nanvl(F.col(f.name), F.lit(None).cast(f.dataType)).alias(f.name)
        if isinstance(f.dataType, (T.DoubleType, T.FloatType)) else F.col(f.name)
        for f in frame.schema.fields])
    # a union of small tables has many small partitions, and every job would visit them all
    frame = frame.coalesce(frame.sparkSession.sparkContext.defaultParallelism)
    return frame.persist()


def _read(frame) -> None:
    """Fills the cache, and makes a ledger Spark cannot read one error: Great Expectations would
    report it as a failure of every expectation."""
    try:
        frame.count()
    except Exception as err:  # noqa: BLE001 - unreadable files, types that do not match
        lines = [line for line in str(err).strip().splitlines() if line.strip()]
        first = next((line.split("Exception: ", 1)[1] for line in lines[:3]
                      if "Exception: " in line), lines[0] if lines else type(err).__name__)
        raise UserError(f"Spark 无法读取账本 (Spark cannot read the ledger): {first}") from None


def _failing_doc_ids(frame, suites: list[dict], plans: Sequence[Planned],
                     outcomes: list[Outcome]) -> None:
    """Sets ``doc_ids`` on the failing outcomes: the doc_id of their first ``_PARTIAL_ROWS``
    failing rows, from Great Expectations' partial unexpected index lists, in a validation of
    the failing expectations alone (an ephemeral context of its own: not in the Data Docs)."""
    failing = [i for i, o in enumerate(outcomes) if o.checked and o.unexpected]
    if not failing:
        return
    by_key = {(s["name"], e["description"]): e for s in suites for e in s["expectations"]}
    expectations = []
    for i in failing:
        expectation = copy.deepcopy(by_key[(plans[i].owner, plans[i].description)])
        expectation["meta"] = {"figcheck_plan": i}
        expectations.append(expectation)
    with _quiet():
        result = _run(_context(), frame, [{"name": "figcheck failing rows",
                                           "expectations": expectations}],
                      True, _SPARK_ROWS, "figcheck-failing-rows")
    for run in result.run_results.values():
        for r in run.results:
            i = (r.expectation_config.meta or {}).get("figcheck_plan")
            rows = (r.result or {}).get("partial_unexpected_index_list") or []
            if i is not None:
                outcomes[i].doc_ids = [row["doc_id"] for row in rows if isinstance(row, dict)]


def _exception(r) -> str | None:
    info = r.exception_info or {}
    if info.get("raised_exception"):
        return str(info.get("exception_message") or "error")
    for value in info.values():  # keyed by metric when several metrics failed
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message") or "error")
    return None


def _import_gx():
    """Imports Great Expectations quietly, and safely under ``python -c``.

    With pyspark installed (the spark extra), Great Expectations imports pyspark's Connect
    modules, and those call sys.exit(0) at import when ``__main__`` has neither a spec nor a file
    ("we must be running doctests"): ``python -c`` and piped stdin would end silently with
    status 0, as if the ledger had passed. Marking the session interactive for the length of the
    import keeps that check from firing."""
    import sys

    if "great_expectations" in sys.modules:
        return sys.modules["great_expectations"]
    main = sys.modules.get("__main__")
    pretend = (main is not None and getattr(main, "__spec__", None) is None
               and not hasattr(main, "__file__") and not hasattr(sys, "ps1"))
    if pretend:
        sys.ps1 = ">>> "
    try:
        with _quiet():
            import great_expectations
    except SystemExit as exc:
        raise UserError(f"importing Great Expectations tried to end the process ({exc})") from None
    except ImportError:
        raise UserError("validating the ledger needs Great Expectations: "
                        "pip install 'figcheck[corpus]'") from None
    finally:
        if pretend:
            del sys.ps1
    return great_expectations


class _quiet:
    """Great Expectations' warnings (deprecations, optional back-ends) and log records stay out
    of figcheck's output; its own failures still raise."""

    def __enter__(self):
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore")
        self._logger = logging.getLogger("great_expectations")
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR)
        return self

    def __exit__(self, *exc):
        self._logger.setLevel(self._level)
        self._warnings.__exit__(*exc)


def ledger_plans(rules: Iterable[Rule], columns: Sequence[str]) -> list[Planned]:
    """Every expectation of a validation: the rules' declared checks on the candidate columns the
    ledger keeps (``columns``), then the tables' contract."""
    _import_gx()
    with _quiet():
        return _rule_plans(rules, columns) + _table_plans()


def _suite_notes(rules: Iterable[Rule]) -> dict[str, list[str]]:
    """What each suite is for, as its notes (shown in the Data Docs): a rule's own why."""
    notes = {rule.id: [text for text in (rule.why.get("zh"), rule.why.get("en")) if text]
             for rule in rules}
    return {**{k: v for k, v in notes.items() if v}, **_TABLE_NOTES}


def validate_frames(candidates: pd.DataFrame, figures: pd.DataFrame | None, rules: Iterable[Rule],
                    documents: pd.DataFrame | None = None) -> tuple[list[Outcome], str, pd.DataFrame]:
    """The rules' declared checks over candidate rows (doc_id, rule, gap, gap_exact) and the
    tables' contract, as one Checkpoint. Outcomes name failing rows by their index label in the
    returned frame (candidates first, in their order, then figures, then documents)."""
    frame = ledger_frame(candidates, figures, documents)
    plans = ledger_plans(rules, [c for c in candidates.columns if c not in ("doc_id", "rule")])
    outcomes, version = run_checkpoint(frame, plans)
    return outcomes, version, frame


def ledger_tables(con) -> dict[str, pd.DataFrame]:
    """The ledger's tables as the validation reads them (``_TABLES_SQL``), from a DuckDB
    connection over either layout (``Ledger(path).con``)."""
    return {name: con.execute(sql).df() for name, sql in _TABLES_SQL.items()}


def validate_ledger(path: str | Path, rules_dir: str | None = None, *, engine: str = "embedded",
                    suite: str | Path | None = None, data_docs: str | Path | None = None,
                    spark=None, master: str | None = None) -> dict:
    """Validates a ledger: every loaded rule's declared checks over its candidate rows, and the
    contract of the figures and documents tables. A plain dict for the reporters.

    ``engine``: "embedded" (pandas, a DuckDB file or a Parquet folder) or "spark" (a Parquet
    ledger, on ``spark`` if given, else on a session started here on ``master``). ``suite``: a
    file to save the suites run into, as a JSON list of suites; ``data_docs``: a folder to build
    this run's Data Docs in."""
    from checker.rules import load_rules

    if engine not in ("embedded", "spark"):
        raise ValueError(f"no such engine: {engine!r}")
    rules = load_rules(rules_dir)
    _import_gx()
    if engine == "spark":
        result = _validate_on_spark(path, rules, suite, data_docs, spark, master)
    else:
        result = _validate_embedded(path, rules, suite, data_docs)
    if suite is not None:
        result["suite"] = str(suite)
    if data_docs is not None:
        result["data_docs"] = str(Path(data_docs) / "index.html")
    return result


def _validate_embedded(path, rules, suite, data_docs) -> dict:
    from checker.ledger import Ledger

    with Ledger(path, read_only=True) as ledger:
        tables = ledger_tables(ledger.con)
    candidates, documents = tables["candidates"], tables["documents"]
    frame = ledger_frame(candidates, tables["figures"], documents)
    plans = ledger_plans(rules, [c for c in candidates.columns if c not in ("doc_id", "rule")])
    suites = _prepare_outputs(plans, rules, suite, data_docs)
    outcomes, version = run_checkpoint(frame, plans, suites=suites,
                                       data_docs=_docs_dir(data_docs))
    paths = dict(zip(documents["doc_id"], documents["path"]))
    doc_ids = frame["doc_id"]
    return _report(path, "embedded", outcomes, version,
                   lambda o: {paths.get(doc_ids.loc[i], doc_ids.loc[i]) for i in o.failing})


def _validate_on_spark(path, rules, suite, data_docs, spark, master) -> dict:
    from checker.ledger import parquet
    from checker.ledger.spark import attach, ledger_root, spark_session

    root = ledger_root(path)
    runs = f"{root}/{parquet.RUNS}"
    if runs.startswith("file:") and not Path(parquet.local_path(runs)).is_dir():
        _no_such_ledger(path)  # before Spark starts: a mistyped folder costs no Spark start
    with contextlib.ExitStack() as stack:
        if spark is None:
            spark = stack.enter_context(spark_session(master))
        if not runs.startswith("file:") and not _spark_exists(spark, runs):
            _no_such_ledger(path)
        from pyspark.sql import functions as F

        attach(spark, root)
        frame = spark_frame(spark)
        columns = [c for c in spark.sql(_CANDIDATES_SQL).columns if c not in ("doc_id", "rule")]
        plans = ledger_plans(rules, columns)
        suites = _prepare_outputs(plans, rules, suite, data_docs)
        outcomes, version = run_checkpoint(frame, plans, suites=suites, spark=True,
                                           data_docs=_docs_dir(data_docs))
        ids = sorted({d for o in outcomes for d in o.doc_ids if d is not None})
        paths = {r.doc_id: r.path for r in spark.sql("SELECT doc_id, path FROM documents")
                 .where(F.col("doc_id").isin(ids)).collect()} if ids else {}
    return _report(path, "spark", outcomes, version,
                   lambda o: {paths.get(d, d) for d in o.doc_ids if d is not None})


def spark_frame(spark):
    """The ledger's tables stacked as :func:`ledger_frame` stacks them, one Spark DataFrame from
    the same queries over the views ``checker.ledger.spark.attach`` made."""
    from pyspark.sql import functions as F

    frame = None
    for name, sql in _TABLES_SQL.items():
        part = spark.sql(sql).withColumn("table", F.lit(name))
        frame = part if frame is None else frame.unionByName(part, allowMissingColumns=True)
    return frame


def _spark_exists(spark, uri: str) -> bool:
    jvm = spark.sparkContext._jvm
    where = jvm.org.apache.hadoop.fs.Path(uri)
    return where.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(where)


def _no_such_ledger(path) -> None:
    raise UserError(f"{path}: 没有这个账本 (no such ledger); create it with figcheck ingest")


def _prepare_outputs(plans, rules, suite, data_docs) -> list[dict]:
    """The suites to run; saved first to ``suite``, and the Data Docs folder made, so that an
    output that cannot be written fails before the validation runs, not after."""
    suites = suite_dicts(plans, _suite_notes(rules))
    if suite is not None:
        try:
            Path(suite).write_text(json.dumps(suites, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
        except OSError as err:
            raise UserError(f"{suite}: 无法写入期望套件 (cannot write the expectation suites): "
                            f"{err.strerror or err}") from None
    if data_docs is not None:
        try:
            Path(data_docs).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UserError(f"{data_docs}: 无法创建 Data Docs 文件夹 (cannot create the Data Docs "
                            f"folder): {err.strerror or err}") from None
    return suites


def _docs_dir(data_docs) -> Path | None:
    # the site's store needs an absolute folder: an ephemeral context has no root to be relative to
    return None if data_docs is None else Path(data_docs).resolve()


def _report(path, engine: str, outcomes: list[Outcome], version: str, failing_documents) -> dict:
    results = []
    for o in outcomes:
        entry = {"rule": o.owner, "expectation": o.description, "success": o.success,
                 "unexpected": o.unexpected, "rows": o.rows,
                 "documents": sorted(str(p) for p in failing_documents(o))[:MAX_DOCUMENTS]}
        if o.error:
            entry["error"] = o.error
        if not o.checked:
            entry["checked"] = False
        results.append(entry)
    return {"ledger": str(path), "engine": engine,
            "success": all(r["success"] for r in results), "results": results,
            "gx_version": version}
