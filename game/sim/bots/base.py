"""What every bot shares: the Bot shape and the small moves several strategies make.

Bots see the whole State, but only the strategies documented as oracles read
hidden fields (true domains). Every move a bot returns is checked with
`is_legal` first, so a bot never makes an illegal move and never loops: each
legal move it makes spends capacity or changes what it would do next.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar, Iterable

import numpy as np

from game.content.models import Pack
from game.engine import Action, Choose, Commission, EndTurn, Game, State, is_legal, legal_actions


class Bot:
    """One strategy playing one game; `act` is called until the game is over."""

    name: ClassVar[str] = ""

    def __init__(self, game: Game, rng: np.random.Generator) -> None:
        self.game = game
        self.rng = rng

    @classmethod
    def unavailable(cls, pack: Pack) -> str | None:
        """Why this strategy cannot play `pack`, or None when it can."""
        return None

    def act(self, state: State) -> Action:
        raise NotImplementedError


class ProblemByProblem(Bot):
    """A strategy that walks the problems in pack order and makes the first useful move on one not yet served."""

    def act(self, state: State) -> Action:
        forced = end_turn_if_spent(state)
        if forced:
            return forced
        served = {c.problem for c in state.contracts.values() if c.status != "ended"}
        for problem in self.game.pack.problems:
            if problem.id in served:
                continue
            action = self.move_for(state, problem)
            if action:
                return action
        return EndTurn()

    def move_for(self, state: State, problem: Any) -> Action | None:
        raise NotImplementedError


def first_choice(state: State) -> Action | None:
    """The first choice of the first event awaiting an answer (bots that do not weigh events)."""
    if not state.pending:
        return None
    event = state.pending[0].event
    for choice in state.game.event[event].choices:
        action = Choose(event, choice.id)
        if is_legal(state, action):
            return action
    return legal_actions(state)[0]  # pending answers come first


def covered(state: State, problem: str, approaches: Iterable[str]) -> bool:
    """Whether a pending or active contract serves `problem` by one of `approaches`."""
    wanted = set(approaches)
    return any(
        c.problem == problem and c.status != "ended" and c.approach in wanted for c in state.contracts.values()
    )


def commission(state: State, problem: str, approaches: Iterable[str]) -> Commission | None:
    """The first legal full-funding award for `problem`, trying `approaches` in order and, for each,
    eligible providers best quality first."""
    for approach in approaches:
        for provider in best_first(state.game, approach):
            action = Commission(problem, approach, provider)
            if is_legal(state, action):
                return action
    return None


@lru_cache(maxsize=32)
def best_first(game: Game, approach: str) -> tuple[str, ...]:
    """The providers whose type can deliver `approach`, best quality first (ties by id): fixed for a
    prepared pack, so worked out once rather than sorted again at every move a bot considers."""
    types = game.cfg.approach[approach].types
    return tuple(p.id for p in sorted(
        (p for p in game.provider.values() if p.type in types), key=lambda p: (-p.quality, p.id)
    ))


MOVES_PER_TURN = 12
"""Some moves (classifying) cost no capacity; bots that explore stop after this many in a quarter."""


def moves_this_turn(state: State) -> int:
    """Actions logged this quarter: the log runs in turn order, so reading back stops at the last quarter."""
    moves = 0
    for turn, _ in state.actions.newest_first():
        if turn != state.turn:
            break
        moves += 1
    return moves


def end_turn_if_spent(state: State) -> Action | None:
    """EndTurn when there is no capacity left (answers to events still come first)."""
    return first_choice(state) or (EndTurn() if state.capacity <= 0 else None)
