"""Replays what the real council did (the pack's history.toml), turn by turn.

Steps that are illegal in this game (a different seed moved things on) are
skipped, so the bot follows the documented path as closely as the game allows.
"""

from __future__ import annotations

import numpy as np

from game.content.models import Pack
from game.debrief.history import answer_as_recorded
from game.engine import Action, EndTurn, Game, State, action_from_dict, is_legal

from .base import Bot, first_choice


class HistoryBot(Bot):
    name = "history"

    def __init__(self, game: Game, rng: np.random.Generator) -> None:
        super().__init__(game, rng)
        history = game.pack.history
        steps = sorted(history.step if history else [], key=lambda s: s.turn)
        self.plan = [(s.turn, action_from_dict(dict(s.action))) for s in steps]
        self.next = 0

    @classmethod
    def unavailable(cls, pack: Pack) -> str | None:
        return None if pack.history and pack.history.step else "the pack has no history.toml steps"

    def act(self, state: State) -> Action:
        if state.pending:
            return answer_as_recorded(state, (a for _, a in self.plan)) or first_choice(state) or EndTurn()
        while self.next < len(self.plan) and self.plan[self.next][0] <= state.turn:
            turn, action = self.plan[self.next]
            self.next += 1
            if turn == state.turn and is_legal(state, action):
                return action
        return EndTurn()
