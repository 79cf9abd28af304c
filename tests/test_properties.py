"""Invariants over random legal play (hypothesis): books, ranges, purity, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from game.engine import action_from_dict, digest, explain, new_game, step
from tests.conftest import ROOT
from tests.helpers import random_play

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_invariants(state) -> None:
    assert sum(state.accounts.values()) == 0, "double entry: accounts sum to zero"
    assert state.accounts["reserves"] == state.reserves
    assert all(0.0 <= v <= 100.0 for v in state.trust.values())
    for p in state.problems.values():
        assert 0.0 <= p.outcome <= 100.0 and p.demand >= 0.0
        assert p.domain in p.candidates
    for v in state.providers.values():
        assert 0.0 <= v.health <= 100.0
    assert 0 <= state.capacity
    live: dict[str, int] = {}
    funded: dict[str, int] = {}
    placed: dict[str, list[tuple[str, str]]] = {}
    for c in state.contracts.values():
        if c.status != "ended":
            live[c.provider] = live.get(c.provider, 0) + 1
            placed.setdefault(c.problem, []).append((c.approach, c.provider))
        if c.status == "active":
            funded[c.problem] = funded.get(c.problem, 0) + c.value
    assert {v: n for v, n in state.held.items() if n} == live, "held: each provider's live contracts"
    assert {p: m for p, m in state.funded.items() if m} == {p: m for p, m in funded.items() if m}, \
        "funded: each problem's active contract value"
    assert {p: sorted(pairs) for p, pairs in state.placed.items() if pairs} == \
        {p: sorted(pairs) for p, pairs in placed.items()}, "placed: each problem's live (approach, provider) pairs"
    assert state.closed == {
        vid for vid, v in state.providers.items()
        if not v.available or v.collapsed or live.get(vid, 0) >= state.game.provider_terms[vid].capacity
    }, "closed: the providers that can take no contract"
    assert 1 <= state.turn <= state.game.turns


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), play=st.integers(0, 2**31 - 1))
def test_random_play_keeps_every_invariant_and_never_mutates_input(game, seed, play):
    def on_step(before, action, after):
        snap = digest(before)
        check_invariants(after)
        assert digest(before) == snap

    final = random_play(new_game(game, seed), np.random.default_rng(play), on_step=on_step)
    for _turn, _kind, key, params in final.feed:
        names = [name for name, _ in params]
        assert names == sorted(names), f"{key}: feed parameters are named in alphabetical order"


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), play=st.integers(0, 2**31 - 1))
def test_same_pack_seed_and_actions_give_the_same_digest(game, seed, play):
    first = random_play(new_game(game, seed), np.random.default_rng(play))
    again = new_game(game, seed)
    for _, action in first.actions:
        again = step(again, action_from_dict(action))
    assert digest(again) == digest(first)


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), play=st.integers(0, 2**31 - 1))
def test_explain_accounts_for_the_whole_change(game, pack, seed, play):
    s = random_play(new_game(game, seed), np.random.default_rng(play))
    assert explain(s, "reserves").change == s.reserves - round(pack.info.budget.reserves * 1000)
    for stake in pack.stakeholders:
        e = explain(s, f"trust.{stake.id}")
        assert abs(e.change - (s.trust[stake.id] - stake.trust)) < 1e-6
        assert abs(sum(c.amount for c in e.contributions) - e.change) < 1e-6
    for prob in pack.problems:
        e = explain(s, f"problem.{prob.id}.outcome")
        assert abs(e.change - (s.problems[prob.id].outcome - prob.outcome)) < 1e-6
        e = explain(s, f"problem.{prob.id}.demand")
        assert abs(e.change - (s.problems[prob.id].demand - prob.demand)) < 1e-6 * max(1, prob.demand)
    last = s.turn - 1 if s.turn > 1 else 1
    window = explain(s, "reserves", turns=[last])
    assert window.change == sum(d for t, m, d, _, _ in s.trace if m == "reserves" and t == last)


CHILD = """
import json, sys
import numpy as np
import pytest
sys.path.insert(0, {root!r})
from game.content.loader import load_pack
from game.engine import new_game, digest
from tests.helpers import random_play
game = new_game(load_pack({pack!r}), 123)
print(digest(random_play(game, np.random.default_rng(9))))
"""


def test_determinism_across_processes_and_hash_seeds(game):
    from tests.conftest import FIXTURE_PACK

    here = digest(random_play(new_game(game, 123), np.random.default_rng(9)))
    code = CHILD.format(root=str(ROOT), pack=str(FIXTURE_PACK))
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                             check=True)
        assert out.stdout.strip() == here
    json.dumps(here)


def _all_candidates(state):
    """Every action a player could try, built the slow way, for checking `legal_actions`."""
    from game.engine import (Choose, Classify, Commission, EndContract, EndTurn, Establish, MakeSense,
                             PlanContingency, SetCouncilTax)

    game = state.game
    out = [EndTurn()]
    for pid in state.problems:
        out.append(MakeSense(pid))
        out.extend(Classify(pid, d) for d in ("disorder", "clear", "complicated", "complex", "chaotic"))
        for a in game.cfg.approach:
            out.extend(Commission(pid, a, vid) for vid in state.providers)
    out.extend(EndContract(cid) for cid in state.contracts)
    for vid in state.providers:
        out += [PlanContingency(vid), Establish(vid)]
    out += [SetCouncilTax(0.0), SetCouncilTax(game.pack.info.budget.council_tax_cap)]
    for p in state.pending:
        out.extend(Choose(p.event, c.id) for c in game.event[p.event].choices)
    return out


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), play=st.integers(0, 2**31 - 1))
def test_legal_actions_are_exactly_the_actions_check_allows(game, seed, play):
    from game.engine import is_legal, legal_actions

    def on_step(before, action, after):
        if after.is_over:
            return
        offered = set(legal_actions(after))
        allowed = {a for a in _all_candidates(after) if is_legal(after, a)}
        if after.pending:  # while a decision waits, only its answers are offered
            allowed = {a for a in allowed if a.kind == "choose"}
        assert offered == allowed

    random_play(new_game(game, seed), np.random.default_rng(play), max_actions=60, on_step=on_step)


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), play=st.integers(0, 2**31 - 1))
def test_conditions_read_the_same_value_as_the_full_table(game, seed, play):
    """Triggers and goals read one name at a time (observe.getter); each must equal the values() table."""
    from game.engine.observe import getter, value_names, values

    lookup = {name: getter(name) for name in value_names(game.pack)}

    def on_step(before, action, after):
        table = values(after)
        assert {name: lookup[name](after) for name in table} == pytest.approx(table)

    random_play(new_game(game, seed), np.random.default_rng(play), max_actions=60, on_step=on_step)
