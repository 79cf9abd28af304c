"""Hounslow: after the collapse — the pack's own story holds (issue 6).

Carillion runs the parks, shows its weakness, and collapses in 2018Q1 through
the shared library event; replaying the real council's decisions (step in, set
up Greenspace 360, bring friends groups and Members in) restores the service
and finds the £1.1m saving. The generic lesson checks live in tests/test_scenarios.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from game.content.loader import load_pack
from game.engine import Classify, Commission, EndTurn, PlanContingency, State, new_game, prepare, step
from game.engine.calendar import quarter_of
from tests.helpers import answer_pending, play_bot, variant

PACK = Path(__file__).resolve().parents[1] / "scenarios" / "hounslow"
SEEDS = range(24)
COLLAPSE_TURN = 8
PARKS = ("grounds", "park_assets")


@lru_cache(maxsize=None)
def hounslow():
    return prepare(load_pack(PACK))


def play(bot_name: str, seed: int, game=None) -> State:
    return play_bot(game or hounslow(), bot_name, seed)


@lru_cache(maxsize=None)
def history(seed: int) -> State:
    return play("history", seed)


def after(state: State, turn: int, name: str) -> float:
    """A named value once `turn` has resolved (snapshot 0 is the start)."""
    return state.snapshots[turn][name]


def parks_spend(state: State, provider: str) -> float:
    """£m a year on the parks problems in live contracts with `provider`."""
    live = [c for c in state.contracts.values()
            if c.provider == provider and c.problem in PARKS and c.status == "active"]
    return sum(c.value for c in live) * 4 / 1000


def test_the_real_organisations_are_in_the_pack():
    game = hounslow()
    assert game.provider["carillion"].name.startswith("Carillion") and game.provider["carillion"].strategic
    assert game.provider["gs360"].name == "Greenspace 360" and "Lampton 360" in game.provider["gs360"].description
    assert not game.provider["gs360"].available, "the company has to be set up before it can hold contracts"
    assert "friends_of_parks" in game.stakeholder
    start = new_game(game, 1)
    held = {c.problem for c in start.contracts.values() if c.provider == "carillion"}
    assert held == set(PARKS), "Carillion runs the parks and nothing else at the start"


def test_the_collapse_is_the_shared_library_event_in_january_2018():
    pack = hounslow().pack
    [shock] = [e for e in pack.events if e.use == "carillion"]
    info = pack.info
    assert quarter_of(info.start.year, info.start.quarter, COLLAPSE_TURN) == (2018, 1)
    assert shock.date == "2018Q1"


@pytest.mark.parametrize("seed", [1, 7, 19])
def test_carillion_survives_until_the_collapse_quarter_and_then_takes_the_parks_with_it(seed):
    state = new_game(hounslow(), seed)
    signals = []
    while state.turn < COLLAPSE_TURN:
        assert not state.providers["carillion"].collapsed, f"Carillion failed early, on turn {state.turn}"
        signals.append(state.providers["carillion"].signal)
        state = answer_pending(step(state, EndTurn()))
    assert "warning" in signals or "watch" in signals, "the warning signs must be visible before the collapse"
    assert state.providers["carillion"].collapsed
    assert not state.providers["other_outsourcer"].collapsed, "only Carillion fails; the other national firm survives"
    ended = {c.problem: c.reason for c in state.contracts.values() if c.provider == "carillion"}
    assert ended == {"grounds": "collapsed", "park_assets": "collapsed"}
    assert state.problems["grounds"].domain == "chaotic"
    for _ in range(2):
        state = answer_pending(step(state, EndTurn()))
    assert state.problems["grounds"].domain == "clear", "the chaos lasts two quarters"


def test_a_contingency_plan_softens_the_collapse():
    def to_collapse(plan: bool) -> State:
        state = new_game(hounslow(), 3)
        while state.turn < COLLAPSE_TURN:
            if plan and state.turn == COLLAPSE_TURN - 1:
                state = step(state, PlanContingency("carillion"))
            state = answer_pending(step(state, EndTurn()))
        return answer_pending(step(state, EndTurn()))

    planned, unplanned = to_collapse(True), to_collapse(False)
    turn = COLLAPSE_TURN
    assert after(planned, turn, "problem.grounds.outcome") > after(unplanned, turn, "problem.grounds.outcome") + 5
    assert after(planned, turn, "reserves") > after(unplanned, turn, "reserves")


@pytest.mark.parametrize("seed", SEEDS)
def test_history_dips_at_the_collapse_then_restores_the_parks(seed):
    state = history(seed)
    hit = sum(d for turn, metric, d, cause, _ in state.trace
              if turn == COLLAPSE_TURN and metric == "problem.grounds.outcome" and cause == "event:carillion")
    assert -15 < hit < -5, "the collapse is felt, softened by the contingency plan"
    before = after(state, COLLAPSE_TURN - 1, "problem.park_assets.outcome")
    assert after(state, COLLAPSE_TURN + 1, "problem.park_assets.outcome") < before - 5, \
        "park buildings and play areas wait for the company"
    assert after(state, 12, "problem.grounds.outcome") >= after(state, COLLAPSE_TURN - 1, "problem.grounds.outcome"), \
        "grounds restored within a year of the transfer"
    assert state.problems["grounds"].outcome >= 55
    assert state.over == "completed" and state.reserves >= 20_000


@pytest.mark.parametrize("seed", SEEDS)
def test_history_ends_with_the_company_running_the_parks_for_about_1_1m_less(seed):
    state = history(seed)
    holders = {c.provider for c in state.contracts.values() if c.problem in PARKS and c.status == "active"}
    assert holders == {"gs360"}, "no strategic contractor holds a parks contract at the end (C-15)"
    saving = 7.3 - parks_spend(state, "gs360")  # Carillion's £7.3m a year against the company's
    assert saving == pytest.approx(1.1, abs=0.05)


@pytest.mark.parametrize("seed", SEEDS)
def test_history_brings_friends_groups_and_members_inside(seed):
    state = history(seed)
    assert state.trust["friends_of_parks"] >= 55
    assert state.trust["members"] >= 55
    assert state.trust["friends_of_parks"] > hounslow().stakeholder["friends_of_parks"].trust + 10


def fired_on(state: State, event: str) -> int | None:
    """The turn `event` fired in, or None."""
    return next((turn for turn, kind, _, params in state.feed
                 if kind == "event" and dict(params).get("event") == event), None)


def test_the_pull_toward_income_only_comes_once_the_company_exists():
    assert not any(fired_on(play("tender_everything", seed), "commercial_pull") for seed in range(8)), \
        "without Greenspace 360 there is no company board pushing for income"
    turns = [fired_on(history(seed), "commercial_pull") for seed in SEEDS]
    assert any(turns) and all(t is None or t >= 10 for t in turns)


def test_handing_the_parks_to_another_national_firm_is_questioned():
    """Re-tendering to the other national firm rebuilds the dependence the real council stepped away from."""
    pack = hounslow().pack
    certain = variant(pack, events=[e.model_copy(update={"probability": 1.0}) if e.id == "retender_regret" else e
                                    for e in pack.events])
    state = new_game(prepare(certain), 2)
    while state.turn <= COLLAPSE_TURN:
        state = answer_pending(step(state, EndTurn()))
    for problem, domain in (("grounds", "clear"), ("park_assets", "complicated")):
        state = step(state, Classify(problem, domain))
        state = step(state, Commission(problem, "tender", "other_outsourcer"))
    while not state.is_over:
        state = answer_pending(step(state, EndTurn()))
    assert fired_on(state, "retender_regret") is not None
    assert ("trust.members", -4.0, "event:retender_regret") in {(m, d, c) for _, m, d, c, _ in state.trace}
