"""`explain`: which causes moved a number, and by how much, read from the causal trace."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from .play import with_logs
from .state import State

OPENING = "pack"
"""cause of the entries that set up the starting position; they are the start, not a change"""


@dataclass(frozen=True, slots=True)
class Contribution:
    cause: str
    key: str
    """explanation key of the largest part of this cause's effect"""
    amount: float


@dataclass(frozen=True, slots=True)
class Explanation:
    metric: str
    start: float
    end: float
    contributions: tuple[Contribution, ...]
    """largest effect first; they sum to end - start"""

    @property
    def change(self) -> float:
        return self.end - self.start


def current_value(state: State, metric: str) -> float:
    parts = metric.split(".")
    head = parts[0]
    if metric == "reserves":
        return float(state.reserves)
    if metric == "capacity":
        return float(state.capacity)
    if head == "trust":
        return state.trust[parts[1]]
    if head == "income":
        return float(state.income[parts[1]])
    if head == "problem":
        return float(getattr(state.problems[parts[1]], parts[2]))
    if head == "provider":
        return float(getattr(state.providers[parts[1]], parts[2]))
    raise KeyError(f"unknown metric {metric!r}")


def explain(state: State, metric: str, turns: Iterable[int] | None = None) -> Explanation:
    """Contributions by cause to `metric` over the whole game, or over the given turns.

    Money metrics are in £ thousands, as the ledger keeps them. The entries that set up the
    starting position are where a number starts, never a cause of its change, in a window
    that includes the first turn as much as over the whole game.
    """
    state = with_logs(state)
    wanted = set(turns) if turns is not None else None
    sums: dict[str, list[float]] = {}
    keys: dict[str, dict[str, float]] = {}
    for turn, m, delta, cause, key in state.trace:
        if m != metric or cause == OPENING or (wanted is not None and turn not in wanted):
            continue
        sums.setdefault(cause, []).append(delta)
        by_key = keys.setdefault(cause, {})
        by_key[key] = by_key.get(key, 0.0) + delta
    contributions = tuple(sorted(
        (Contribution(cause, max(keys[cause], key=lambda k: abs(keys[cause][k])), math.fsum(ds))
         for cause, ds in sums.items()),
        key=lambda c: (-abs(c.amount), c.cause),
    ))
    end = current_value(state, metric)
    later = 0.0
    if wanted is not None:
        last = max(wanted, default=0)
        later = math.fsum(d for t, m, d, _, _ in state.trace if m == metric and t > last)
    end_of_window = end - later
    total = math.fsum(c.amount for c in contributions)
    return Explanation(metric, end_of_window - total, end_of_window, contributions)


def changed_metrics(state: State, turn: int) -> list[str]:
    """Metrics the trace shows moving in `turn`, in first-seen order."""
    state = with_logs(state)
    seen: dict[str, None] = {}
    for t, m, _, _, _ in state.trace:
        if t == turn:
            seen.setdefault(m, None)
    return list(seen)
