"""Figures as CSV, one row a figure, for spreadsheets and data teams."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from checker.extract.figure import FIELD_NAMES, Figure
from checker.report.json_format import figure_record


def write_figures(figures: Iterable[Figure], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=FIELD_NAMES, lineterminator="\n")
    writer.writeheader()
    for f in figures:
        writer.writerow(figure_record(f))
