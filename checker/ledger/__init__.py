"""The ledger of published figures (DuckDB, embedded), and checks across articles."""

from checker.ledger.store import Ledger, default_path

__all__ = ["Ledger", "default_path"]
