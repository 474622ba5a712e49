"""Rule kinds: one module each, registered by name. A kind derives candidate tuples of figures;
the rules built on it (rules/*.yaml) declare which candidates are findings."""

from __future__ import annotations

from types import ModuleType

from checker.rules.kinds import (
    cross, date, granularity, listed, range_, ratio, repeat, share_sum, subset, sum_, within,
)

KINDS: dict[str, ModuleType] = {
    m.NAME: m for m in (range_, date, subset, sum_, share_sum, ratio, granularity, repeat, cross, within, listed)
}
