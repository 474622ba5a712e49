"""The figures table and its pandera model.

The model is the contract between extraction and the rules: a figure that breaks it is a bug in
the extractor, raised as ExtractorBug (never shown to an editor as a finding).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from checker.errors import ExtractorBug
from checker.extract.figure import APPROX, FIELD_NAMES, KINDS, QUANTITY_KINDS, ROLES, Figure


class FigureTable(pa.DataFrameModel):
    path: Series[str]
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=1)
    line: Series[int] = pa.Field(ge=1)
    column: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    kind: Series[str] = pa.Field(isin=KINDS)
    value: Series[float] = pa.Field(nullable=True)
    lo: Series[float] = pa.Field(nullable=True)
    hi: Series[float] = pa.Field(nullable=True)
    approx: Series[str] = pa.Field(isin=APPROX)
    precision: Series[float] = pa.Field(nullable=True, gt=0)
    unit: Series[str] = pa.Field(nullable=True)
    metric: Series[str] = pa.Field(nullable=True)
    scope: Series[str] = pa.Field(nullable=True)
    period: Series[str] = pa.Field(nullable=True)
    role: Series[str] = pa.Field(nullable=True, isin=ROLES)
    sentence: Series[int] = pa.Field(ge=0)
    clause: Series[int] = pa.Field(ge=0)

    @pa.dataframe_check(error="a figure's span must be non-empty")
    def span_forward(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end"] > df["start"]

    @pa.dataframe_check(error="lo must not exceed hi")
    def interval_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["lo"].isna() | df["hi"].isna() | (df["lo"] <= df["hi"])

    @pa.dataframe_check(error="an exact quantity's value lies in its interval")
    def value_inside(cls, df: pd.DataFrame) -> Series[bool]:
        v = df["value"]
        inside = (df["lo"].isna() | (df["lo"] <= v)) & (df["hi"].isna() | (v <= df["hi"]))
        return v.isna() | ~df["kind"].isin(QUANTITY_KINDS) | (df["approx"] == "about") | inside

    class Config:
        strict = True
        coerce = True


def figures_frame(figures: Sequence[Figure]) -> pd.DataFrame:
    """The validated figures table; raises ExtractorBug when a figure breaks the contract."""
    columns = {name: [getattr(f, name) for f in figures] for name in FIELD_NAMES}
    frame = pd.DataFrame(columns)
    for name in ("value", "lo", "hi", "precision"):
        frame[name] = frame[name].astype("float64")
    for name in ("unit", "metric", "scope", "period", "role"):
        frame[name] = frame[name].astype(object)
    try:
        return FigureTable.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases[["column", "check", "failure_case", "index"]].head(5)
        raise ExtractorBug(
            "figcheck produced figures that break its own table schema; please report this:\n"
            + cases.to_string(index=False)
        ) from exc
