"""Test helpers: play games by rule, and craft small packs from the fixture."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from game.content.models import Pack
from game.engine import EndTurn, State, legal_actions, new_game, step


def end_turns(state: State, n: int) -> State:
    for _ in range(n):
        if state.is_over:
            break
        state = answer_pending(state)
        state = step(state, EndTurn())
    return state


def answer_pending(state: State) -> State:
    while state.pending and not state.is_over:
        state = step(state, legal_actions(state)[0])
    return state


def random_play(state: State, rng: np.random.Generator, max_actions: int = 400,
                on_step: Callable[[State, Any, State], None] | None = None) -> State:
    """Random legal play: each turn a few random actions, then end the turn."""
    taken = 0
    while not state.is_over and taken < max_actions:
        actions = legal_actions(state)
        if state.pending or rng.random() < 0.6:
            action = actions[int(rng.integers(len(actions)))]
        else:
            action = EndTurn()
        new = step(state, action)
        if on_step is not None:
            on_step(state, action, new)
        state = new
        taken += 1
    return state


def play_bot(game: Any, bot_name: str, seed: int) -> State:
    """A whole game played by one of the simulator's bots, seeded the way `simulate` seeds it."""
    from game.sim.bots import BOTS

    bot = BOTS[bot_name](game, np.random.default_rng(seed))
    state = new_game(game, seed)
    while not state.is_over:
        state = step(state, bot.act(state))
    return state


def variant(pack: Pack, **changes: Any) -> Pack:
    """A copy of `pack` with top-level parts replaced (problems=…, events=…, info=…)."""
    return pack.model_copy(update=changes)


def info_with(pack: Pack, **changes: Any):
    return pack.info.model_copy(update=changes)
