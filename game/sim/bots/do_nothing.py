"""Ends every turn untouched (answering events with their first option): the path history is measured
against, e.g. "fewer children in high-cost placements than if the council had changed nothing"."""

from __future__ import annotations

from game.engine import Action, EndTurn, State

from .base import Bot, first_choice


class DoNothing(Bot):
    name = "do_nothing"

    def act(self, state: State) -> Action:
        return first_choice(state) or EndTurn()
