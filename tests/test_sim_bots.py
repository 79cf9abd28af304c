"""Every strategy plays whole games using only legal moves; the history bot follows the pack's path."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.models import HistoryFile, HistoryStep
from game.engine import is_legal, new_game, prepare, step
from game.sim.bots import BOTS


def with_history(pack, steps):
    return pack.model_copy(update={"history": HistoryFile(step=[HistoryStep(**s) for s in steps])})


HISTORY = [
    {"turn": 1, "action": {"kind": "make_sense", "problem": "homelessness"}},
    {"turn": 2, "action": {"kind": "commission", "problem": "homelessness", "approach": "alliance",
                           "provider": "shelter_partners"}},
    {"turn": 3, "action": {"kind": "end_contract", "contract": "no_such_contract"}},
]


@pytest.mark.parametrize("name", sorted(BOTS))
def test_bot_finishes_games_with_only_legal_moves(pack, name):
    game = prepare(with_history(pack, HISTORY))
    for seed in (1, 2):
        bot = BOTS[name](game, np.random.default_rng(seed))
        state = new_game(game, seed)
        moves = 0
        while not state.is_over:
            action = bot.act(state)
            assert is_legal(state, action), (name, state.turn, action)
            state = step(state, action)
            moves += 1
            assert moves < 2000, f"{name} does not end its turns"
        assert state.turn >= 1


def test_history_bot_plays_the_documented_steps_and_skips_illegal_ones(pack):
    game = prepare(with_history(pack, HISTORY))
    bot = BOTS["history"](game, np.random.default_rng(0))
    state = new_game(game, 3)
    while state.turn <= 3 and not state.is_over:
        state = step(state, bot.act(state))
    kinds = [(turn, action["kind"]) for turn, action in state.actions if action["kind"] not in ("end_turn", "choose")]
    assert kinds == [(1, "make_sense"), (2, "commission")]


def test_history_bot_is_unavailable_without_history(pack):
    assert BOTS["history"].unavailable(pack)
    assert BOTS["history"].unavailable(with_history(pack, HISTORY)) is None


def test_cynefin_matched_commissions_the_best_fitting_allowed_approach(pack, game):
    bot = BOTS["cynefin_matched"](game, np.random.default_rng(0))
    state = new_game(game, 5)
    while state.turn <= 2:
        state = step(state, bot.act(state))
    fit = game.cfg.fit
    awarded = [c for c in state.contracts.values() if c.origin != "pack"]
    assert awarded
    best_fits = []
    for contract in awarded:
        problem = next(p for p in pack.problems if p.id == contract.problem)
        domain = state.problems[problem.id].domain
        best_fits.append(fit[contract.approach][domain] == max(fit[a][domain] for a in problem.approaches))
        assert state.problems[problem.id].perceived == domain  # classified by the oracle first
    assert any(best_fits)


def test_history_bot_answers_an_event_as_the_real_council_did(pack):
    steps = [*HISTORY, {"turn": 4, "action": {"kind": "choose", "event": "grant_cut", "choice": "cuts"}}]
    game = prepare(with_history(pack, steps))
    bot = BOTS["history"](game, np.random.default_rng(0))
    state = new_game(game, 3)
    while state.turn <= 4 and not state.is_over:
        state = step(state, bot.act(state))
    answers = [a for _, a in state.actions if a["kind"] == "choose" and a["event"] == "grant_cut"]
    assert answers == [{"kind": "choose", "event": "grant_cut", "choice": "cuts"}]  # not the first option
