"""Test-wide isolation: no test reads or writes the user's default ledger."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_default_ledger(tmp_path_factory, monkeypatch) -> None:
    # `figcheck check` compares drafts with the default ledger when one exists; a developer's
    # real ledger must not change what a test sees
    monkeypatch.setenv("FIGCHECK_LEDGER", str(tmp_path_factory.mktemp("ledger") / "ledger.duckdb"))
