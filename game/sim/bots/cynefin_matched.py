"""Sense, classify right, and commission the approach that fits the problem's domain.

An oracle by design: it classifies by the TRUE domain (state.problems[id].domain,
hidden from players), so it shows what a perfectly matched strategy can reach.
"""

from __future__ import annotations

from game.content.models import Problem
from game.engine import Action, Classify, EndTurn, MakeSense, State, is_legal

from .base import Bot, commission, covered, end_turn_if_spent


class CynefinMatched(Bot):
    name = "cynefin_matched"

    def ranked(self, state: State, problem: Problem) -> list[str]:
        """Allowed approaches, best fit to the true domain first."""
        fit = self.game.cfg.fit
        domain = state.problems[problem.id].domain
        return sorted(problem.approaches, key=lambda a: -fit[a].get(domain, 0.0))

    def sense_and_classify(self, state: State, problem: str) -> Action | None:
        ps = state.problems[problem]
        if ps.perceived == ps.domain:
            return None
        if not ps.evidence and is_legal(state, MakeSense(problem)):
            return MakeSense(problem)
        classify = Classify(problem, ps.domain)
        return classify if is_legal(state, classify) else None

    def act(self, state: State) -> Action:
        forced = end_turn_if_spent(state)
        if forced:
            return forced
        for problem in self.game.pack.problems:
            if covered(state, problem.id):
                continue
            action = self.sense_and_classify(state, problem.id) or commission(
                state, problem.id, self.ranked(state, problem)
            )
            if action:
                return action
        return EndTurn()
