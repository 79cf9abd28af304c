"""The flat table of named numbers that pack expressions read.

Validation checks names against `value_names(pack)` and the engine fills the
same names from a state with `values(state)`; a test keeps the two equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from .defaults import GRADE_POINTS
from .floats import add_up

if TYPE_CHECKING:
    from typing import TypeAlias

    from ..content.models import Pack
    from .state import State

    Readable: TypeAlias = "State | Frozen"
    """a state, or the part of one a snapshot keeps: what the names are read from"""

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


def values(state: Readable) -> dict[str, float]:
    game = state.game
    year, quarter = game.quarter(state.turn)
    out: dict[str, float] = {
        "turn": state.turn,
        "turns_left": game.turns - state.turn,
        "year": year,
        "quarter": quarter,
        "reserves": state.reserves / 1000.0,
        "income": add_up(state.income.values()) / 1000.0,
        "capacity": state.capacity,
        "intervention": 1.0 if state.intervention_until >= state.turn else 0.0,
        "elections_won": state.elections_won,
        "elections_lost": state.elections_lost,
    }
    trust_keys = game.trust_keys
    for sid, value in state.trust.items():
        out[trust_keys[sid]] = value
    served, held = state.funded, state.held
    problem_keys, terms, need = game.problem_keys, game.terms, game.need
    for pid, p in state.problems.items():
        k_demand, k_change, k_outcome, k_funding, k_chaotic, k_grade, k_served = problem_keys[pid]
        start = terms[pid].demand
        demand = p.demand
        money = served.get(pid)
        out[k_demand] = demand
        out[k_change] = 100.0 * (demand - start) / start
        out[k_outcome] = p.outcome
        out[k_funding] = money / need(pid, demand) if money else 0.0
        out[k_chaotic] = 1.0 if p.domain == "chaotic" else 0.0
        out[k_grade] = GRADE_POINTS[p.grade] if p.grade else -1.0
        out[k_served] = 1.0 if money else 0.0
    for vid, v in state.providers.items():
        k_health, k_contracts, k_collapsed = game.provider_keys[vid]
        out[k_health] = v.health
        out[k_contracts] = held.get(vid, 0)
        out[k_collapsed] = 1.0 if v.collapsed else 0.0
    return out


class Frozen:
    """The parts of a state that `values` and `getter` read, copied as they stand: what a snapshot
    keeps. A whole state's copy would keep four more tables a quarter (accounts, contracts, placed
    pairs, fired events) that no name reads, and every quarter of every game keeps one."""

    __slots__ = ("game", "turn", "reserves", "income", "capacity", "intervention_until", "elections_won",
                 "elections_lost", "trust", "problems", "providers", "funded", "held")

    def __init__(self, s: "State") -> None:
        self.game, self.turn, self.reserves, self.capacity = s.game, s.turn, s.reserves, s.capacity
        self.intervention_until, self.elections_won = s.intervention_until, s.elections_won
        self.elections_lost = s.elections_lost
        self.income, self.trust, self.problems = s.income.copy(), s.trust.copy(), s.problems.copy()
        self.providers, self.funded, self.held = s.providers.copy(), s.funded.copy(), s.held.copy()


class Snapshot(Mapping[str, float]):
    """The `values` of a state at the end of a quarter, worked out when first read.

    Every quarter keeps one for the charts, but most games (a simulation's thousands, a look-ahead's
    trial steps) read only a few names of it, or none: building the whole table each quarter cost
    more than a twentieth of a turn. The snapshot holds a `Frozen` copy of what the names read (its
    records are shared, and a record is never changed once its state is committed), reads a single
    name straight from it and builds the table only when asked for all of it.
    """

    __slots__ = ("_state", "_table")

    def __init__(self, state: "State") -> None:
        self._state: Frozen | None = Frozen(state)
        self._table: dict[str, float] | None = None

    def table(self) -> dict[str, float]:
        if self._table is None:
            assert self._state is not None
            self._table = values(self._state)
            self._state = None
        return self._table

    def __getitem__(self, name: str) -> float:
        state = self._state
        if state is None or name not in state.game.names:
            return self.table()[name]
        return getter(name)(state)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())

    def __repr__(self) -> str:
        return f"Snapshot({self.table()!r})"


@lru_cache(maxsize=4096)
def getter(name: str) -> Callable[[Readable], float]:
    """One named value read straight from a state, so a condition reads only what it names (the
    engine compiles pack conditions with this as their reader: `compile_expr(..., reader=getter)`).
    Made once per name: a pure function of the name, so remembering it changes nothing."""
    parts = name.split(".")
    if len(parts) == 1:
        return _GLOBALS[name]
    if parts[0] == "trust":
        sid = parts[1]
        return lambda s: s.trust[sid]
    ident, field = parts[1], parts[2]
    if parts[0] == "problem":
        return _problem_getter(ident, field)
    if field == "contracts":
        return lambda s: s.held.get(ident, 0)
    return lambda s: float(getattr(s.providers[ident], field))


def _problem_getter(ident: str, field: str) -> Callable[[Readable], float]:
    """Each problem value as `values` computes it, reading only this problem and its contracts."""
    def money(s: Readable) -> float:
        return s.funded.get(ident, 0)

    if field in ("demand", "outcome"):
        return lambda s: getattr(s.problems[ident], field)
    if field == "chaotic":
        return lambda s: 1.0 if s.problems[ident].domain == "chaotic" else 0.0
    if field == "grade":
        return lambda s: GRADE_POINTS[g] if (g := s.problems[ident].grade) else -1.0
    if field == "demand_change":
        return lambda s: 100.0 * (s.problems[ident].demand - (d := s.game.terms[ident].demand)) / d
    if field == "served":
        return lambda s: 1.0 if money(s) else 0.0
    return lambda s: (m / s.game.need(ident, s.problems[ident].demand)) if (m := money(s)) else 0.0


_GLOBALS: dict[str, Callable[[Readable], float]] = {
    "turn": lambda s: s.turn,
    "turns_left": lambda s: s.game.turns - s.turn,
    "year": lambda s: s.game.quarter(s.turn)[0],
    "quarter": lambda s: s.game.quarter(s.turn)[1],
    "reserves": lambda s: s.reserves / 1000.0,
    "income": lambda s: add_up(s.income.values()) / 1000.0,
    "capacity": lambda s: s.capacity,
    "intervention": lambda s: 1.0 if s.intervention_until >= s.turn else 0.0,
    "elections_won": lambda s: s.elections_won,
    "elections_lost": lambda s: s.elections_lost,
}
"""each of GLOBAL_NAMES read straight from a state (a test keeps them equal to `values`)"""
