"""Sense, classify right, and commission the approach that fits the problem's domain.

An oracle by design: it classifies by the TRUE domain (state.problems[id].domain,
hidden from players), so it shows what a perfectly matched strategy can reach.
"""

from __future__ import annotations

from game.content.models import Problem
from game.engine import Action, Classify, MakeSense, State, is_legal

from .base import ProblemByProblem, commission


class CynefinMatched(ProblemByProblem):
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

    def move_for(self, state: State, problem: Problem) -> Action | None:
        return self.sense_and_classify(state, problem.id) or commission(state, problem.id, self.ranked(state, problem))
