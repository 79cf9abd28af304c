"""The score card (DESIGN §3.8): no single number hides the trade-offs, but a grade sums them up."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .defaults import GRADE_POINTS, LETTERS
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
    return sum(c.value for c in state.contracts.values() if c.status == "active")


class Weights:
    """The pack's scoring weights, gathered once per Game (a look-ahead bot scores thousands of states)."""

    __slots__ = ("problems", "problem_total", "stakeholders", "stakeholder_total", "goal_weights", "goal_total",
                 "components", "component_totals", "opening", "start_spend")

    def __init__(self, game: "Game") -> None:
        info = game.pack.info
        self.problems = tuple((p.id, p.weight) for p in game.pack.problems)
        self.problem_total = sum(w for _, w in self.problems)
        self.stakeholders = tuple((s.id, s.weight) for s in game.pack.stakeholders)
        self.stakeholder_total = sum(w for _, w in self.stakeholders) or 1.0
        self.goal_weights = tuple(g.weight for g, _ in game.goals)
        self.goal_total = sum(self.goal_weights)
        w = info.scoring.weights
        self.components = {"outcomes": w.outcomes, "finance": w.finance, "trust": w.trust, "goals": w.goals,
                           "inspections": w.inspections}
        present = ["outcomes", "finance", "trust"] + (["goals"] if game.goals else [])
        self.component_totals = (
            sum([self.components[k] for k in present]) or 1.0,
            sum([self.components[k] for k in (*present, "inspections")]) or 1.0,
        )
        """the weights of the components a card has, summed in card order: without, with inspections"""
        self.opening = round(info.budget.reserves * 1000)
        self.start_spend = sum(round(c.value * 250) for c in game.pack.contracts)


def unclipped_finance(state: State) -> float:
    """The finance component before it is held to 0–100; the debrief scales money effects by how much of it counts."""
    game = state.game
    return 50.0 + game.cfg.r.finance_span * (state.reserves - game.score_weights.opening) / max(1, game.annual_income)


def _parts(state: State) -> tuple[dict[str, float], float, float, tuple[bool, ...], dict[str, str], str | None]:
    """Components (unrounded), weighted outcome, mean trust, which goals are met, inspection grades,
    failure. A look-ahead bot calls this for every move it weighs, so it builds no records."""
    game = state.game
    wt = game.score_weights
    problems = state.problems
    weighted = sum([_two_places(problems[k].outcome) * w for k, w in wt.problems]) / wt.problem_total
    trust = state.trust
    mean_trust = sum([trust[k] * w for k, w in wt.stakeholders]) / wt.stakeholder_total
    finance = unclipped_finance(state)
    failed = state.over if state.over in ("section_114", "loss_condition") else None
    if state.over == "section_114":
        finance = 0.0
    met = tuple([expr.truthy(state) for _, expr in game.goals])
    grades = {pid: p.grade for pid, p in problems.items() if p.grade}
    components: dict[str, float] = {
        "outcomes": weighted,
        "finance": min(100.0, max(0.0, finance)),
        "trust": mean_trust,
    }
    if met:
        components["goals"] = 100.0 * sum([w for w, ok in zip(wt.goal_weights, met) if ok]) / wt.goal_total
    if grades:
        components["inspections"] = sum([GRADE_POINTS[g] for g in grades.values()]) / len(grades)
    return components, weighted, mean_trust, met, grades, failed


def _total(state: State, components: dict[str, float]) -> float:
    wt = state.game.score_weights
    wmap = wt.components
    total_w = wt.component_totals["inspections" in components]
    return round(sum([components[k] * wmap[k] for k in components]) / total_w, 2)


@lru_cache(maxsize=1 << 14)
def _two_places(x: float) -> float:
    """round(x, 2), remembered: a look-ahead scores thousands of states whose outcomes mostly have not
    moved, and rounding to two places is the dearest step of a score. A pure function, so
    remembering it changes no result (it is a cache, not state)."""
    return round(x, 2)


def total_score(state: State) -> float:
    """`score(state).total` without building the card: what a look-ahead compares."""
    return _total(state, _parts(state)[0])


def score(state: State) -> ScoreCard:
    info = state.game.pack.info
    components, weighted, mean_trust, met, grades, failed = _parts(state)
    goals = tuple(GoalResult(g.id, g.label, ok) for (g, _), ok in zip(state.game.goals, met))
    total = _total(state, components)
    thresholds = info.scoring.grades
    grade = next((L for L in LETTERS[:4] if total >= getattr(thresholds, L)), "E")
    if failed:
        grade = "E"
    wt = state.game.score_weights
    savings = (wt.start_spend - _contract_spend(state)) * 4 / 1000.0
    return ScoreCard(
        outcomes={pid: round(p.outcome, 2) for pid, p in state.problems.items()},
        weighted_outcome=round(weighted, 2), reserves=state.reserves / 1000.0,
        reserves_change=(state.reserves - wt.opening) / 1000.0, savings=round(savings, 3),
        trust={k: round(v, 2) for k, v in state.trust.items()}, mean_trust=round(mean_trust, 2),
        inspections=grades, goals=goals, components={k: round(v, 2) for k, v in components.items()}, total=total,
        grade=grade, won=failed is None and LETTERS.index(grade) <= LETTERS.index(info.scoring.win_grade),
        failed=failed,
    )
