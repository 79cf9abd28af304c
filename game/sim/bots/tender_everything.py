"""One size fits all: specify and tender (or otherwise outsource) every problem at full funding."""

from __future__ import annotations

from game.engine import Action, EndTurn, State

from .base import Bot, commission, covered, end_turn_if_spent

OUTSOURCING = ("tender", "outcomes", "specialist")


class TenderEverything(Bot):
    name = "tender_everything"

    def act(self, state: State) -> Action:
        forced = end_turn_if_spent(state)
        if forced:
            return forced
        for problem in self.game.pack.problems:
            if covered(state, problem.id):
                continue
            allowed = [a for a in OUTSOURCING if a in problem.approaches] or list(problem.approaches)
            action = commission(state, problem.id, allowed)
            if action:
                return action
        return EndTurn()
