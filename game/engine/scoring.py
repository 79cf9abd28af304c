"""The score card (DESIGN §3.8): no single number hides the trade-offs, but a grade sums them up."""

from __future__ import annotations

from dataclasses import dataclass, field

from .defaults import GRADE_POINTS, LETTERS
from .observe import StateView
from .state import State


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


def score(state: State) -> ScoreCard:
    game = state.game
    info = game.pack.info
    weights = {p.id: p.weight for p in game.pack.problems}
    outcomes = {pid: round(p.outcome, 2) for pid, p in state.problems.items()}
    weighted = sum(outcomes[k] * w for k, w in weights.items()) / sum(weights.values())
    sweights = {s.id: s.weight for s in game.pack.stakeholders}
    total_sw = sum(sweights.values()) or 1.0
    mean_trust = sum(state.trust[k] * w for k, w in sweights.items()) / total_sw
    opening = round(info.budget.reserves * 1000)
    change = state.reserves - opening
    finance = 50.0 + game.cfg.r.finance_span * change / max(1, game.annual_income)
    failed = state.over if state.over in ("section_114", "loss_condition") else None
    if state.over == "section_114":
        finance = 0.0
    view = StateView(state, game.getters)
    goals = tuple(GoalResult(g.id, g.label, bool(expr.truthy(view))) for g, expr in game.goals)
    grades = {pid: p.grade for pid, p in state.problems.items() if p.grade}
    components: dict[str, float] = {
        "outcomes": weighted,
        "finance": min(100.0, max(0.0, finance)),
        "trust": mean_trust,
    }
    if goals:
        gw = {g.id: g.weight for g, _ in game.goals}
        components["goals"] = 100.0 * sum(gw[r.id] for r in goals if r.met) / sum(gw.values())
    if grades:
        components["inspections"] = sum(GRADE_POINTS[g] for g in grades.values()) / len(grades)
    w = info.scoring.weights
    wmap = {"outcomes": w.outcomes, "finance": w.finance, "trust": w.trust, "goals": w.goals,
            "inspections": w.inspections}
    total_w = sum(wmap[k] for k in components) or 1.0
    total = sum(components[k] * wmap[k] for k in components) / total_w
    thresholds = info.scoring.grades
    grade = next((L for L in LETTERS[:4] if total >= getattr(thresholds, L)), "E")
    if failed:
        grade = "E"
    start_spend = sum(round(c.value * 250) for c in game.pack.contracts)
    savings = (start_spend - _contract_spend(state)) * 4 / 1000.0
    return ScoreCard(
        outcomes=outcomes, weighted_outcome=round(weighted, 2), reserves=state.reserves / 1000.0,
        reserves_change=change / 1000.0, savings=round(savings, 3), trust={k: round(v, 2) for k, v in state.trust.items()},
        mean_trust=round(mean_trust, 2), inspections=grades, goals=goals,
        components={k: round(v, 2) for k, v in components.items()}, total=round(total, 2), grade=grade,
        won=failed is None and LETTERS.index(grade) <= LETTERS.index(info.scoring.win_grade), failed=failed,
    )
