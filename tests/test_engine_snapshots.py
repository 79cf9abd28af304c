"""Quarter snapshots are worked out when read: reading late must give what reading at once gave."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from game.engine import EndTurn, legal_actions, new_game, step, values
from game.engine.observe import Snapshot

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _play(game, seed: int, play: int, on_step=None):
    """Random legal play; the same (seed, play) always makes the same moves."""
    rng = np.random.default_rng(play)
    state = new_game(game, seed)
    while not state.is_over:
        actions = legal_actions(state)
        action = actions[int(rng.integers(len(actions)))] if state.pending or rng.random() < 0.6 else EndTurn()
        state = step(state, action)
        if on_step is not None:
            on_step(state)
    return state


def _starting_values(game) -> dict[str, float]:
    pack = game.pack
    start = {"reserves": 0.0}
    start.update({f"problem.{p.id}.outcome": p.outcome for p in pack.problems})
    start.update({f"problem.{p.id}.demand": p.demand for p in pack.problems})
    start.update({f"trust.{s.id}": s.trust for s in pack.stakeholders})
    start.update({f"provider.{v.id}.health": v.health for v in pack.providers})
    return start


@SETTINGS
@given(seed=st.integers(0, 2**31 - 1), play=st.integers(0, 2**31 - 1))
def test_each_snapshot_holds_what_the_trace_says_at_the_end_of_its_quarter(game, seed, play):
    """A snapshot shares records with the state that goes on to open the next quarter; the next
    quarter's events must not leak into it. Checked against the trace: the snapshot of quarter t is
    the starting value plus every change traced in quarters 1..t."""
    state = _play(game, seed, play)
    start = _starting_values(game)
    for t, snap in enumerate(state.snapshots[1:], start=1):
        totals = dict(start)
        for turn, metric, delta, _cause, _key in state.trace:
            if turn <= t and metric in totals:
                totals[metric] += delta / 1000.0 if metric == "reserves" else delta
        table = dict(snap)
        for metric, expected in totals.items():
            assert abs(table[metric] - expected) < 1e-6, f"quarter {t}: {metric}"


def test_the_first_snapshot_is_the_opening_state_and_each_quarter_adds_one(game):
    state = new_game(game, 3)
    assert len(state.snapshots) == 1 and dict(state.snapshots[0]) == values(state)
    after = step(state, EndTurn())
    assert len(after.snapshots) == 2
    assert after.snapshots[1]["turn"] == 1, "taken when quarter 1 resolved, before the next opened"
    assert after.snapshots[0] is state.snapshots[0], "earlier snapshots are shared, not rebuilt"


def test_one_name_read_alone_equals_the_whole_table(game):
    state = _play(game, 5, 9)
    names = sorted(values(state))
    for snap in state.snapshots:
        assert isinstance(snap, Snapshot)
        single = {name: snap[name] for name in names}  # nothing read yet: each name from the frozen state
        assert single == dict(snap)  # the whole table, built now
    assert state.snapshots[-1].get("no.such.name", -7.0) == -7.0
