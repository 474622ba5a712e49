"""The stage tables: the figures (extraction -> rules) and the checks (rules -> outputs), each a
DataFrame whose pandera schema is the contract between its stages."""

from checker.table.schema import CheckTable, FigureTable, checks_frame, figures_frame

__all__ = ["CheckTable", "FigureTable", "checks_frame", "figures_frame"]
