"""Trust that follows outcomes, and leadership capacity that trust and crises move."""

from __future__ import annotations

from itertools import repeat

from ..tx import Tx
from .delivery import partner_trust


def resolve_trust(tx: Tx) -> None:
    """Each stakeholder's trust drifts with the outcomes of the problems they care about."""
    s = tx.s
    game = s.game
    r = game.cfg.r
    pull, pivot, cap = r.trust_outcome_pull, r.trust_outcome_pivot, r.trust_turn_cap
    problems, trust = s.problems, s.trust
    causes, keys = game.caring_causes, game.trust_keys
    series = tx.series
    for sid, pids in game.caring.items():
        n = len(pids)
        pulls = []
        total = 0  # the pulls added up as they come, left to right as `add_up` would
        for pid in pids:  # a loop, not a comprehension: on Python 3.11 that is a call, nine a quarter
            v = pull * (problems[pid].outcome - pivot) / n
            pulls.append(v)
            total += v
        if total:
            scale = cap / abs(total)
            if scale < 1.0:
                pulls = [v * scale for v in pulls]
        trust[sid] = series(keys[sid], trust[sid], zip(pulls, causes[sid], FOLLOWS_OUTCOME), 0.0, 100.0)
    for c in s.contracts.values():
        if c.status == "active" and c.approach == "step_in" and s.turn - c.start >= r.step_in_grace:
            tx.trust("staff", r.step_in_staff_per_turn, game.contract_causes[c.id], "explain.step_in_fatigue")


FOLLOWS_OUTCOME = repeat("explain.trust_follows_outcome")
"""the explanation key of every pull of an outcome on trust (endless, to zip with the pulls)"""


def refresh_capacity(tx: Tx) -> None:
    """A new quarter's action points: the base, moved by staff trust, partnerships, chaos and events."""
    s = tx.s
    game = s.game
    r = game.cfg.r
    tx.capacity(game.base_capacity - s.capacity, "rule:new_quarter", "explain.capacity_base")
    staff = s.trust.get("staff", 50.0)
    if staff >= r.staff_capacity_high:
        tx.capacity(1, "rule:staff_trust", "explain.capacity_staff_high")
    elif staff < r.staff_capacity_low:
        tx.capacity(-1, "rule:staff_trust", "explain.capacity_staff_low")
    # counted in loops, not comprehensions: on Python 3.11 each of those is a call, every quarter
    alliances = 0
    for c in s.contracts.values():
        if c.status == "active" and c.approach == "alliance":
            alliances += 1
    if alliances >= 2 and partner_trust(s, "alliance") >= r.partnership_capacity_trust:
        tx.capacity(1, "rule:partnerships", "explain.capacity_partnerships")
    chaotic = 0
    for p in s.problems.values():
        if p.domain == "chaotic":
            chaotic += 1
    if chaotic:
        tx.capacity(int(max(r.chaos_capacity_max, r.chaos_capacity * chaotic)), "rule:chaos", "explain.capacity_chaos")
    if s.capacity_mods:
        s.capacity_mods = tuple(m for m in s.capacity_mods if m[1] >= s.turn)
    for delta, _, cause in s.capacity_mods:
        tx.capacity(delta, cause, "explain.capacity_event")
    if s.capacity < r.min_capacity:
        tx.capacity(int(r.min_capacity) - s.capacity, "rule:min_capacity", "explain.capacity_floor")
    s.capacity_max = s.capacity
