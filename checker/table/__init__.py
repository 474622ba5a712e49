"""Stage 4: the figures table, a DataFrame whose schema is the stage contract."""

from checker.table.schema import FigureTable, figures_frame

__all__ = ["FigureTable", "figures_frame"]
