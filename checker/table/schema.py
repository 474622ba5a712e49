"""The figures table and its pandera model.

The model is the contract between extraction and the rules: a figure that breaks it is a bug in
the extractor, raised as ExtractorBug (never shown to an editor as a finding).

The table is a polars frame validated by pandera's polars backend: on the per-draft path that
costs about half of what pandas and pandera's pandas backend cost to import (bench/RESULTS.md,
cold start), and it reports the row of each failure.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData
from pandera.errors import SchemaErrors

from checker.errors import ExtractorBug
from checker.extract.figure import APPROX, FIELD_NAMES, KINDS, QUANTITY_KINDS, ROLE_PATTERN, Figure
from checker.meaning.period import FORM_PATTERN as PERIOD_PATTERN
from checker.rules.model import VERDICTS, Check


class FigureTable(pa.DataFrameModel):
    path: str
    start: int = pa.Field(ge=0)
    end: int = pa.Field(ge=1)
    line: int = pa.Field(ge=1)
    column: int = pa.Field(ge=1)
    text: str = pa.Field(str_length={"min_value": 1})
    kind: str = pa.Field(isin=KINDS)
    value: float = pa.Field(nullable=True)
    lo: float = pa.Field(nullable=True)
    hi: float = pa.Field(nullable=True)
    approx: str = pa.Field(isin=APPROX)
    precision: float = pa.Field(nullable=True, gt=0)
    unit: str = pa.Field(nullable=True)
    metric: str = pa.Field(nullable=True)
    scope: str = pa.Field(nullable=True)
    period: str = pa.Field(nullable=True, str_matches=PERIOD_PATTERN)
    role: str = pa.Field(nullable=True, str_matches=ROLE_PATTERN)
    sentence: int = pa.Field(ge=0)
    clause: int = pa.Field(ge=0)

    # null comparisons are null, so each check says what an absent bound means
    @pa.dataframe_check(error="a figure's span must be non-empty")
    def span_forward(cls, data: PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check(error="lo must not exceed hi")
    def interval_ordered(cls, data: PolarsData) -> pl.LazyFrame:
        lo, hi = pl.col("lo"), pl.col("hi")
        return data.lazyframe.select(lo.is_null() | hi.is_null() | (lo <= hi))

    @pa.dataframe_check(error="an exact quantity's value lies in its interval")
    def value_inside(cls, data: PolarsData) -> pl.LazyFrame:
        v, lo, hi = pl.col("value"), pl.col("lo"), pl.col("hi")
        inside = (lo.is_null() | (lo <= v)) & (hi.is_null() | (v <= hi))
        return data.lazyframe.select(
            v.is_null() | ~pl.col("kind").is_in(list(QUANTITY_KINDS))
            | (pl.col("approx") == "about") | inside
        )

    class Config:
        strict = True


_DTYPES = {"value": pl.Float64, "lo": pl.Float64, "hi": pl.Float64, "precision": pl.Float64,
           "start": pl.Int64, "end": pl.Int64, "line": pl.Int64, "column": pl.Int64,
           "sentence": pl.Int64, "clause": pl.Int64}


def figures_frame(figures: Sequence[Figure]) -> pl.DataFrame:
    """The validated figures table; raises ExtractorBug when a figure breaks the contract."""
    frame = pl.DataFrame(
        dict(zip(FIELD_NAMES, map(list, zip(*(f.row() for f in figures))))) if figures
        else {name: [] for name in FIELD_NAMES},
        schema={name: _DTYPES.get(name, pl.String) for name in FIELD_NAMES},
        strict=False,  # an int where a float belongs (lo=3) is widened, as pandas did
    )
    return _validated(FigureTable, frame, "figures")


class CheckTable(pa.DataFrameModel):
    """Every relation the rules recomputed (the report's checks): the contract between the rules
    and the outputs, which list them."""

    path: str
    rule: str = pa.Field(str_matches=r"^[a-z_]+\.[a-z_-]+$")
    verdict: str = pa.Field(isin=VERDICTS)
    stated: str
    computed: str = pa.Field(nullable=True)
    figures: int = pa.Field(ge=1)
    line: int = pa.Field(ge=1)
    column: int = pa.Field(ge=1)

    class Config:
        strict = True


def checks_frame(checks: Sequence[Check]) -> pl.DataFrame:
    """The validated checks table (one row a check, located at its first figure); raises
    ExtractorBug when a rule produced a check that breaks it."""
    rows = [(c.locations[0].path if c.locations else "", c.rule, c.verdict, c.stated, c.computed,
             len(c.locations), c.locations[0].line if c.locations else 0,
             c.locations[0].column if c.locations else 0) for c in checks]
    names = ("path", "rule", "verdict", "stated", "computed", "figures", "line", "column")
    frame = pl.DataFrame(
        dict(zip(names, map(list, zip(*rows)))) if rows else {n: [] for n in names},
        schema={n: (pl.Int64 if n in ("figures", "line", "column") else pl.String) for n in names},
    )
    return _validated(CheckTable, frame, "checks")


def _validated(model, frame: pl.DataFrame, what: str) -> pl.DataFrame:
    """The frame, validated by its model; a failure is a bug in figcheck, never a finding."""
    try:
        return model.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases.select("column", "check", "failure_case", "index").head(5)
        raise ExtractorBug(
            f"figcheck produced {what} that break their own table schema; please report this:\n"
            + "\n".join(f"  {row}" for row in cases.iter_rows())
        ) from exc
