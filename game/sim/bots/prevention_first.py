"""Invest upstream first: community or alliance work on every preventable problem, then match domains.

Prevention runs beside the service already meeting the need, so it is funded
at a share of today's need rather than in full (full double funding only
measures how fast reserves run out).
"""

from __future__ import annotations

from game.engine import Action, Commission, State, is_legal

from .base import commission, covered, end_turn_if_spent
from .cynefin_matched import CynefinMatched

PREVENTION = ("community", "alliance")
PREVENTION_SHARE = 0.15
"""Share of a problem's current need (a year's worth) put into prevention beside the main service."""


class PreventionFirst(CynefinMatched):
    name = "prevention_first"

    def act(self, state: State) -> Action:
        forced = end_turn_if_spent(state)
        if forced:
            return forced
        fit = self.game.cfg.fit
        for problem in self.game.pack.problems:
            allowed = [a for a in PREVENTION if a in problem.approaches]
            if not problem.preventable or not allowed or covered(state, problem.id, allowed):
                continue
            domain = state.problems[problem.id].domain
            full = commission(state, problem.id, sorted(allowed, key=lambda a: -fit[a].get(domain, 0.0)))
            if full:
                need = self.game.need(problem.id, state.problems[problem.id].demand)
                share = Commission(full.problem, full.approach, full.provider, round(need * 4 / 1000 * PREVENTION_SHARE, 3))
                return share if is_legal(state, share) else full
        return super().act(state)
