"""Interleaved timing and medians.

The machines are shared and noisy, so an absolute time says little on its own. Running the
subject and its baseline in turn, round after round, spreads a slow spell (another job, a clock
change) over both, and the per-round ratio stays steady even when the times do not. Medians,
not means: one stalled round must not move the result.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Timings:
    """Seconds of every run, by name; round i of each name ran in the same round."""

    seconds: dict[str, list[float]]

    @property
    def repeats(self) -> int:
        return min(len(times) for times in self.seconds.values())

    def median(self, name: str) -> float:
        return statistics.median(self.seconds[name])

    def ratio(self, numerator: str, denominator: str) -> float:
        """Median of the per-round ratios: rounds pair runs made under the same load."""
        return statistics.median(
            a / b for a, b in zip(self.seconds[numerator], self.seconds[denominator])
        )


def interleaved(
    runs: Mapping[str, Callable[[], object]],
    repeats: int,
    setups: Mapping[str, Callable[[], None]] | None = None,
) -> Timings:
    """Time each run once per round, the order rotating so that none is always first or last.

    ``setups[name]``, if given, runs untimed just before ``runs[name]`` (clearing a cache, say).
    """
    names = list(runs)
    setups = setups or {}
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for i in range(repeats):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            if name in setups:
                setups[name]()
            start = time.perf_counter()
            runs[name]()
            seconds[name].append(time.perf_counter() - start)
    return Timings(seconds)
