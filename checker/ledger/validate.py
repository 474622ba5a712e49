"""Validating the whole ledger with Great Expectations: the rules' declared checks over every
candidate row ever ingested, and the contract of the ledger's own tables.

One rule file, two engines: a rule declares ``check: {column: {check: number}}``; per draft,
pandera runs it (checker.rules.engine); over the ledger, :func:`translate` turns the very same
declaration into Great Expectations expectations. No rule logic is written here. The checks run
on the rounding-tolerant columns, as the per-draft engine does for findings at the rule's
severity; discrepancies that only rounding explains (a rule's ``rounding: info``) are notes for
an editor, not a breach of the ledger, and are left out.

Great Expectations is heavy (seconds to import) and only this module imports it, inside
:func:`validate_ledger`. It runs in an ephemeral Data Context: nothing is written to disk, no
Data Docs are built (their pages load CSS, scripts and a logo from remote servers) and the
Checkpoint has no actions. Results are returned as a plain dict for our own reporters.
"""

from __future__ import annotations

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
_SYMBOL = {"le": "<=", "lt": "<", "ge": ">=", "gt": ">", "eq": "==", "ne": "!="}


@dataclass(frozen=True)
class Planned:
    """One expectation to run: whose it is (a rule id or a table), and what it says."""

    owner: str
    description: str
    expectation: Any  # a great_expectations Expectation; None: nothing the ledger can check


@dataclass
class Outcome:
    """What one expectation found: ``failing`` holds index labels of the validated frame."""

    owner: str
    description: str
    success: bool
    unexpected: int
    rows: int
    failing: list = field(default_factory=list)
    error: str | None = None
    checked: bool = True


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


def run_checkpoint(frame: pd.DataFrame, plans: Sequence[Planned]) -> tuple[list[Outcome], str]:
    """Runs the plans as one Checkpoint (a suite per owner) over ``frame`` in an ephemeral Data
    Context; returns the outcomes in plan order and the Great Expectations version."""
    gx = _import_gx()
    with _quiet():
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        # in memory only: no stores on disk, no (temporary) Data Docs site, no progress bars
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        )
        context = gx.get_context(mode="ephemeral", project_config=config)
        batch = (context.data_sources.add_pandas("ledger")
                 .add_dataframe_asset("ledger")
                 .add_batch_definition_whole_dataframe("whole ledger"))
        suites: dict[str, Any] = {}
        for i, plan in enumerate(plans):
            if plan.expectation is None:
                continue
            if plan.owner not in suites:
                suites[plan.owner] = context.suites.add(gx.ExpectationSuite(name=plan.owner))
            expectation = plan.expectation.copy(deep=True)
            expectation.meta = {"figcheck_plan": i}
            suites[plan.owner].add_expectation(expectation)
        definitions = [
            context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch,
                                                                       suite=suite))
            for name, suite in suites.items()
        ]
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name="figcheck ledger", validation_definitions=definitions, actions=[],
            result_format={"result_format": "COMPLETE"}))
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        version = gx.__version__

    outcomes: list[Outcome | None] = [
        Outcome(p.owner, p.description, True, 0, 0, checked=False) if p.expectation is None
        else None for p in plans]
    for run in result.run_results.values():
        for r in run.results:
            i = (r.expectation_config.meta or {}).get("figcheck_plan")
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
    return [o for o in outcomes if o is not None], version


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


def validate_frames(candidates: pd.DataFrame, figures: pd.DataFrame | None, rules: Iterable[Rule],
                    documents: pd.DataFrame | None = None) -> tuple[list[Outcome], str, pd.DataFrame]:
    """The rules' declared checks over candidate rows (doc_id, rule, gap, gap_exact) and the
    tables' contract, as one Checkpoint. Outcomes name failing rows by their index label in the
    returned frame (candidates first, in their order, then figures, then documents)."""
    frame = ledger_frame(candidates, figures, documents)
    _import_gx()
    with _quiet():
        plans = _rule_plans(rules, [c for c in candidates.columns if c not in ("doc_id", "rule")])
        plans += _table_plans()
        outcomes, version = run_checkpoint(frame, plans)
    return outcomes, version, frame


def validate_ledger(path: str | Path, rules_dir: str | None = None) -> dict:
    """Validates a ledger: every loaded rule's declared checks over its candidate rows, and the
    contract of the figures and documents tables. A plain dict for the reporters."""
    from checker.ledger import Ledger
    from checker.rules import load_rules

    rules = load_rules(rules_dir)
    _import_gx()
    with Ledger(path, read_only=True) as ledger:
        candidates = ledger.con.execute(_CANDIDATES_SQL).df()
        figures = ledger.con.execute(_FIGURES_SQL).df()
        documents = ledger.con.execute(_DOCUMENTS_SQL).df()
    outcomes, version, frame = validate_frames(candidates, figures, rules, documents)
    paths = dict(zip(documents["doc_id"], documents["path"]))
    doc_ids = frame["doc_id"]
    results = []
    for o in outcomes:
        failing_docs = {paths.get(doc_ids.loc[i], doc_ids.loc[i]) for i in o.failing}
        entry = {"rule": o.owner, "expectation": o.description, "success": o.success,
                 "unexpected": o.unexpected, "rows": o.rows,
                 "documents": sorted(str(p) for p in failing_docs)[:MAX_DOCUMENTS]}
        if o.error:
            entry["error"] = o.error
        if not o.checked:
            entry["checked"] = False
        results.append(entry)
    return {"ledger": str(path), "success": all(r["success"] for r in results),
            "results": results, "gx_version": version}
