"""What a ledger holds, for tests comparing ledgers written by different engines or layouts."""

from __future__ import annotations

from pathlib import Path

from checker.ledger import Ledger


def contents(path: Path) -> dict:
    """What a ledger holds, in an order that does not depend on how it was written."""
    with Ledger(path, read_only=True) as ledger:
        con = ledger.con
        return {
            "documents": con.execute(
                "SELECT doc_id, path, published, province, city, title, chars, figures "
                "FROM documents ORDER BY doc_id").fetchall(),
            "figures": con.execute("SELECT * FROM figures ORDER BY doc_id, idx").fetchall(),
            "candidates": con.execute("SELECT * FROM candidates ORDER BY ALL").fetchall(),
        }
