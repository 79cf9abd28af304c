"""A game played without its logs (`new_game(..., record=False)`, as the simulator plays) reaches
exactly the numbers of the same game played with them, and gets its logs back by replay."""

from __future__ import annotations

from dataclasses import astuple

import numpy as np
import pytest

from game.content.loader import load_pack
from game.engine import EndTurn, digest, explain, legal_actions, new_game, prepare, score, step, with_logs
from game.sim.bots import BOTS
from tests.conftest import ROOT


def _numbers(state) -> tuple:
    """Everything a state holds but its logs."""
    return (
        state.turn, state.reserves, state.capacity, state.over, dict(state.income), dict(state.trust),
        dict(state.accounts), dict(state.fired), state.pending, state.capacity_mods,
        {k: astuple(v) for k, v in state.problems.items()}, {k: astuple(v) for k, v in state.providers.items()},
        {k: astuple(v) for k, v in state.contracts.items()}, [dict(s) for s in state.snapshots],
        list(state.actions), score(state),
    )


def _play_both(game, bot_name: str, seed: int):
    """The same bot game twice, with and without logs; the bot sees identical states both times."""
    states = []
    for record in (True, False):
        bot = BOTS[bot_name](game, np.random.default_rng(seed))
        state = new_game(game, seed, record=record)
        while not state.is_over:
            state = step(state, bot.act(state))
        states.append(state)
    return states


@pytest.mark.parametrize("pack_name", ["wigan", "rotherham", "hounslow", "leicestershire", "tutorial"])
def test_every_bot_reaches_the_same_numbers_without_the_logs(pack_name):
    game = prepare(load_pack(ROOT / "scenarios" / pack_name))
    for name, bot in BOTS.items():
        if bot.unavailable(game.pack):
            continue
        for seed in (3, 41):
            logged, bare = _play_both(game, name, seed)
            assert _numbers(bare) == _numbers(logged), f"{name}, seed {seed}"
            assert len(logged.trace) > 0 and len(logged.feed) > 0 and len(logged.ledger) > 0
            assert len(bare.trace) == len(bare.feed) == len(bare.ledger) == 0, "no logs kept"
            assert digest(bare) == digest(logged), "digest replays the logs it lacks"


def test_random_play_without_logs_matches_and_explains_like_with_them(game):
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    logged, bare = new_game(game, 8), new_game(game, 8, record=False)
    while not logged.is_over:
        actions = legal_actions(logged)
        assert actions == legal_actions(bare)
        pick = rng_a.random() < 0.6 or logged.pending
        assert pick == (rng_b.random() < 0.6 or bare.pending)
        index = int(rng_a.integers(len(actions))) if pick else None
        assert index == (int(rng_b.integers(len(actions))) if pick else None)
        action = actions[index] if index is not None else EndTurn()
        logged, bare = step(logged, action), step(bare, action)
        assert _numbers(bare) == _numbers(logged)
    for metric in ("reserves", "trust.residents", f"problem.{next(iter(game.problem))}.outcome"):
        assert explain(bare, metric) == explain(logged, metric)
    assert with_logs(logged) is logged
    replayed = with_logs(bare)
    assert list(replayed.trace) == list(logged.trace) and list(replayed.feed) == list(logged.feed)
