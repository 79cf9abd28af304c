"""The flat table of named numbers that pack expressions read.

Validation checks names against `value_names(pack)` and the engine fills the
same names from a state with `values(state)`; a test keeps the two equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .calendar import quarter_of
from .defaults import GRADE_POINTS

if TYPE_CHECKING:
    from ..content.models import Pack
    from .state import State

GLOBAL_NAMES = (
    "turn", "turns_left", "year", "quarter", "reserves", "income", "capacity",
    "intervention", "elections_won", "elections_lost",
)
PROBLEM_FIELDS = ("demand", "demand_change", "outcome", "funding", "chaotic", "grade", "served")
PROVIDER_FIELDS = ("health", "contracts", "collapsed")


def value_names(pack: "Pack") -> frozenset[str]:
    names = set(GLOBAL_NAMES)
    names.update(f"trust.{s.id}" for s in pack.stakeholders)
    names.update(f"problem.{p.id}.{f}" for p in pack.problems for f in PROBLEM_FIELDS)
    names.update(f"provider.{v.id}.{f}" for v in pack.providers for f in PROVIDER_FIELDS)
    return frozenset(names)


def values(state: "State") -> dict[str, float]:
    game = state.game
    info = game.pack.info
    year, quarter = quarter_of(info.start.year, info.start.quarter, state.turn)
    out: dict[str, float] = {
        "turn": state.turn,
        "turns_left": game.turns - state.turn,
        "year": year,
        "quarter": quarter,
        "reserves": state.reserves / 1000.0,
        "income": sum(state.income.values()) / 1000.0,
        "capacity": state.capacity,
        "intervention": 1.0 if state.intervention_until >= state.turn else 0.0,
        "elections_won": state.elections_won,
        "elections_lost": state.elections_lost,
    }
    for sid, value in state.trust.items():
        out[f"trust.{sid}"] = value
    served: dict[str, float] = {}
    held: dict[str, int] = {}
    for c in state.contracts.values():
        if c.status == "active":
            served[c.problem] = served.get(c.problem, 0.0) + c.value
        if c.live:
            held[c.provider] = held.get(c.provider, 0) + 1
    for pid, p in state.problems.items():
        start = game.problem[pid].demand
        key = f"problem.{pid}."
        out[key + "demand"] = p.demand
        out[key + "demand_change"] = 100.0 * (p.demand - start) / start
        out[key + "outcome"] = p.outcome
        out[key + "funding"] = served.get(pid, 0.0) / game.need(pid, p.demand)
        out[key + "chaotic"] = 1.0 if p.domain == "chaotic" else 0.0
        out[key + "grade"] = GRADE_POINTS[p.grade] if p.grade else -1.0
        out[key + "served"] = 1.0 if pid in served else 0.0
    for vid, v in state.providers.items():
        key = f"provider.{vid}."
        out[key + "health"] = v.health
        out[key + "contracts"] = held.get(vid, 0)
        out[key + "collapsed"] = 1.0 if v.collapsed else 0.0
    return out
