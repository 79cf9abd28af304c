"""Inspections on the Ofsted scale, intervention, and elections."""

from __future__ import annotations

from ..defaults import INSPECTION_GRADES
from ..tx import Tx

INTERVENTION = "rule:intervention"


def grade_for(score: float, good: float, outstanding: float, requires_improvement: float) -> str:
    if score >= outstanding:
        return INSPECTION_GRADES[3]
    if score >= good:
        return INSPECTION_GRADES[2]
    if score >= requires_improvement:
        return INSPECTION_GRADES[1]
    return INSPECTION_GRADES[0]


def inspect(tx: Tx, problem: str, cause: str) -> str:
    s = tx.s
    r = s.game.cfg.r
    p = tx.problem(problem)
    w = r.inspect_outcome_weight
    score = w * p.outcome + (1 - w) * s.trust.get("regulator", 50.0)
    grade = grade_for(score, r.grade_good, r.grade_outstanding, r.grade_requires_improvement)
    p.grade = grade
    tx.feed("inspection", f"feed.inspection_{grade}", ("grade", grade), ("problem", problem))
    if grade == "inadequate":
        s.intervention_until = max(s.intervention_until, s.turn + int(r.intervention_turns))
        s.capacity_mods = s.capacity_mods + ((int(r.intervention_capacity), s.intervention_until, INTERVENTION),)
        tx.trust("regulator", r.inadequate_regulator, cause, "explain.inspection_inadequate")
        tx.trust("members", r.inadequate_members, cause, "explain.inspection_inadequate")
    elif grade in ("good", "outstanding"):
        tx.trust("regulator", r.good_regulator, cause, "explain.inspection_good")
    if grade != "inadequate" and s.intervention_until >= s.turn:
        s.intervention_until = s.turn - 1
        s.capacity_mods = tuple(m for m in s.capacity_mods if m[2] != INTERVENTION)
        tx.feed("inspection", "feed.intervention_lifted", ("problem", problem))
    return grade


def election(tx: Tx, cause: str) -> bool:
    """Members and residents judge the administration; losing costs capacity while a new one beds in."""
    s = tx.s
    r = s.game.cfg.r
    support = (s.trust.get("members", 50.0) + s.trust.get("residents", 50.0)) / 2
    won = support >= r.election_threshold
    if won:
        s.elections_won += 1
        tx.trust("members", r.election_won_members, cause, "explain.election_won")
    else:
        s.elections_lost += 1
        s.capacity_mods = s.capacity_mods + (
            (int(r.election_lost_capacity), s.turn + int(r.election_lost_turns), cause),)
    tx.feed("election", "feed.election_won" if won else "feed.election_lost", ("support", round(support, 1)))
    return won
