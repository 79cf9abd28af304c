"""A uniformly random legal move: the floor any real strategy should beat."""

from __future__ import annotations

from game.engine import Action, EndTurn, State, legal_actions

from .base import MOVES_PER_TURN, Bot, moves_this_turn


class RandomBot(Bot):
    name = "random"

    def act(self, state: State) -> Action:
        actions = legal_actions(state)
        if state.pending:
            return actions[int(self.rng.integers(len(actions)))]
        if state.capacity <= 0 or moves_this_turn(state) >= MOVES_PER_TURN:
            return EndTurn()
        return actions[int(self.rng.integers(len(actions)))]
