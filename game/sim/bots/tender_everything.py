"""One size fits all: specify and tender (or otherwise outsource) every problem at full funding."""

from __future__ import annotations

from typing import Any

from game.engine import Action, State

from .base import ProblemByProblem, commission

OUTSOURCING = ("tender", "outcomes", "specialist")


class TenderEverything(ProblemByProblem):
    name = "tender_everything"

    def move_for(self, state: State, problem: Any) -> Action | None:
        allowed = [a for a in OUTSOURCING if a in problem.approaches] or list(problem.approaches)
        return commission(state, problem.id, allowed)
