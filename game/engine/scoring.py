"""The score card (DESIGN §3.8): no single number hides the trade-offs, but a grade sums them up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .defaults import GRADE_POINTS, LETTERS
from .floats import add_up
from .state import State

if TYPE_CHECKING:
    from .game import Game


@dataclass(frozen=True, slots=True)
class GoalResult:
    id: str
    label: str
    met: bool


@dataclass(frozen=True, slots=True)
class ScoreCard:
    outcomes: dict[str, float]
    weighted_outcome: float
    reserves: float
    """£m now"""
    reserves_change: float
    """£m since the start"""
    savings: float
    """£m a year less spent on contracts than at the start (negative: more)"""
    trust: dict[str, float]
    mean_trust: float
    inspections: dict[str, str]
    goals: tuple[GoalResult, ...]
    components: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    grade: str = "E"
    won: bool = False
    failed: str | None = None


def _contract_spend(state: State) -> int:
    """£k a turn currently committed to active contracts."""
    return add_up(state.funded.values())


class Weights:
    """The pack's scoring weights, gathered once per Game (a look-ahead bot scores thousands of states)."""

    __slots__ = ("problems", "problem_total", "stakeholders", "stakeholder_total", "goal_weights", "goal_total",
                 "components", "component_totals", "opening", "start_spend")

    def __init__(self, game: "Game") -> None:
        info = game.pack.info
        self.problems = tuple((p.id, p.weight) for p in game.pack.problems)
        self.problem_total = add_up(w for _, w in self.problems)
        self.stakeholders = tuple((s.id, s.weight) for s in game.pack.stakeholders)
        self.stakeholder_total = add_up(w for _, w in self.stakeholders) or 1.0
        self.goal_weights = tuple(g.weight for g, _ in game.goals)
        self.goal_total = add_up(self.goal_weights)
        w = info.scoring.weights
        self.components = {"outcomes": w.outcomes, "finance": w.finance, "trust": w.trust, "goals": w.goals,
                           "inspections": w.inspections}
        present = ["outcomes", "finance", "trust"] + (["goals"] if game.goals else [])
        self.component_totals = (
            add_up([self.components[k] for k in present]) or 1.0,
            add_up([self.components[k] for k in (*present, "inspections")]) or 1.0,
        )
        """the weights of the components a card has, summed in card order: without, with inspections"""
        self.opening = round(info.budget.reserves * 1000)
        self.start_spend = add_up(round(c.value * 250) for c in game.pack.contracts)


def unclipped_finance(state: State) -> float:
    """The finance component before it is held to 0–100; the debrief scales money effects by how much of it counts."""
    game = state.game
    return 50.0 + game.cfg.r.finance_span * (state.reserves - game.score_weights.opening) / max(1, game.annual_income)


class Parts(NamedTuple):
    """The score's components before rounding (goals and inspections None when the card has none),
    and what the card shows beside them."""

    outcomes: float
    finance: float
    trust: float
    goals: float | None
    inspections: float | None
    met: tuple[bool, ...]
    failed: str | None


def _parts(state: State) -> Parts:
    """A look-ahead bot calls this for every move it weighs, so it builds no records."""
    game = state.game
    wt = game.score_weights
    problems = state.problems
    weighted = add_up([_two_places(problems[k].outcome) * w for k, w in wt.problems]) / wt.problem_total
    trust = state.trust
    mean_trust = add_up([trust[k] * w for k, w in wt.stakeholders]) / wt.stakeholder_total
    over = state.over
    finance = 0.0 if over == "section_114" else min(100.0, max(0.0, unclipped_finance(state)))
    met = tuple([expr.truthy(state) for _, expr in game.goals])
    goals = 100.0 * add_up([w for w, ok in zip(wt.goal_weights, met) if ok]) / wt.goal_total if met else None
    points = [GRADE_POINTS[p.grade] for p in problems.values() if p.grade]
    inspections = add_up(points) / len(points) if points else None
    failed = over if over in ("section_114", "loss_condition") else None
    return Parts(weighted, finance, mean_trust, goals, inspections, met, failed)


def _total(state: State, parts: Parts) -> float:
    """The weighted mean of the components the card has, in card order (outcomes, finance, trust,
    goals, inspections)."""
    wt = state.game.score_weights
    w = wt.components
    terms = [parts.outcomes * w["outcomes"], parts.finance * w["finance"], parts.trust * w["trust"]]
    if parts.goals is not None:
        terms.append(parts.goals * w["goals"])
    if parts.inspections is not None:
        terms.append(parts.inspections * w["inspections"])
    return round(add_up(terms) / wt.component_totals[parts.inspections is not None], 2)


@lru_cache(maxsize=1 << 14)
def _two_places(x: float) -> float:
    """round(x, 2), remembered: a look-ahead scores thousands of states whose outcomes mostly have not
    moved, and rounding to two places is the dearest step of a score. A pure function, so
    remembering it changes no result (it is a cache, not state)."""
    return round(x, 2)


def weighted_outcome(game: "Game", values: Mapping[str, float]) -> float:
    """The problems' outcomes weighted as the score card weighs them, read from named values (a
    quarter's snapshot): the line the simulator's results, the room's results and the debrief all plot."""
    wt = game.score_weights
    return add_up([values[f"problem.{k}.outcome"] * w for k, w in wt.problems]) / wt.problem_total


def total_score(state: State) -> float:
    """`score(state).total` without building the card: what a look-ahead compares."""
    return _total(state, _parts(state))


def score(state: State) -> ScoreCard:
    info = state.game.pack.info
    parts = _parts(state)
    goals = tuple(GoalResult(g.id, g.label, ok) for (g, _), ok in zip(state.game.goals, parts.met))
    total = _total(state, parts)
    thresholds = info.scoring.grades
    failed = parts.failed
    grade = "E" if failed else next((L for L in LETTERS[:4] if total >= getattr(thresholds, L)), "E")
    wt = state.game.score_weights
    savings = (wt.start_spend - _contract_spend(state)) * 4 / 1000.0
    components = {"outcomes": parts.outcomes, "finance": parts.finance, "trust": parts.trust}
    if parts.goals is not None:
        components["goals"] = parts.goals
    if parts.inspections is not None:
        components["inspections"] = parts.inspections
    return ScoreCard(
        outcomes={pid: round(p.outcome, 2) for pid, p in state.problems.items()},
        weighted_outcome=round(parts.outcomes, 2), reserves=state.reserves / 1000.0,
        reserves_change=(state.reserves - wt.opening) / 1000.0, savings=round(savings, 3),
        trust={k: round(v, 2) for k, v in state.trust.items()}, mean_trust=round(parts.trust, 2),
        inspections={pid: p.grade for pid, p in state.problems.items() if p.grade}, goals=goals,
        components={k: round(v, 2) for k, v in components.items()}, total=total,
        grade=grade, won=failed is None and LETTERS.index(grade) <= LETTERS.index(info.scoring.win_grade),
        failed=failed,
    )
