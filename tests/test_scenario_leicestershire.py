"""Leicestershire: Children's Innovation Partnership — the pack's own story holds (issue 6).

The residential market is failing, the financial strategy wants £4.3m, and the
real council answers with patient design, counsel's advice, market dialogue and
a values-based partnership with Barnardo's. Replaying that path must leave fewer
children in external homes, at lower spending per child, than drifting on. The
generic lesson checks live in tests/test_scenarios.py; these tests pin the
pack's own mechanisms and dates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from game.content.loader import load_pack
from game.engine import Classify, Commission, State, new_game, prepare, step
from game.engine.calendar import quarter_of
from tests.helpers import answer_pending, end_turns, play_bot, variant

PACK = Path(__file__).resolve().parents[1] / "scenarios" / "leicestershire"
SEEDS = range(20)
CARILLION_TURN = 4


@lru_cache(maxsize=None)
def leicestershire():
    return prepare(load_pack(PACK))


def play(bot_name: str, seed: int, game=None) -> State:
    return play_bot(game or leicestershire(), bot_name, seed)


@lru_cache(maxsize=None)
def history(seed: int) -> State:
    return play("history", seed)


@lru_cache(maxsize=None)
def drifting(seed: int) -> State:
    return play("do_nothing", seed)


def turns_fired(state: State, event: str) -> list[int]:
    return [turn for turn, kind, _, params in state.feed if kind == "event" and dict(params).get("event") == event]


def event_turn(event: str) -> int:
    return next(e.turn for e in leicestershire().pack.events if e.id == event)


def whole_budget() -> float:
    """The £m constant in history.toml's spend-per-child check: everything children's care could spend."""
    [metric] = [x.metric for x in leicestershire().pack.history.expect if x.metric and "reserves" in x.metric]
    return float(re.match(r"\((\d+\.\d+) - reserves\)", metric).group(1))


def calendar(turn: int) -> tuple[int, int]:
    start = leicestershire().pack.info.start
    return quarter_of(start.year, start.quarter, turn)


def test_the_real_organisations_are_in_the_pack():
    game = leicestershire()
    assert game.provider["barnardos"].name == "Barnardo's" and game.provider["barnardos"].type == "vcse"
    assert game.provider["lcc_cfs"].type == "in_house"
    assert "Leicestershire" in game.pack.info.place
    assert [p.id for p in game.provider.values() if p.strategic] == ["national_outsourcer"], \
        "one strategic firm, so the library Carillion event collapses only it"


def test_the_first_decisions_come_early():
    """The approved list of homes and the leaving-care service lapse after two quarters; edge of care starts bare."""
    state = new_game(leicestershire(), 1)
    ends = {c.problem: c.end for c in state.contracts.values()}
    assert ends["residential"] == 2 and ends["care_leavers"] == 2
    assert "edge_of_care" not in ends


def test_the_real_shocks_fall_on_their_real_quarters():
    pack = leicestershire().pack
    by_id = {e.id: e for e in pack.events}
    assert calendar(event_turn("mtfs_2017")) == (2017, 2)
    assert calendar(event_turn("design_brief_1")) == (2019, 1)
    assert calendar(event_turn("evaluation")) == (2019, 2)
    [shock] = [e for e in pack.events if e.use == "carillion"]
    assert shock.date == "2018Q1" and calendar(CARILLION_TURN) == (2018, 1)
    cuts = [by_id[f"grant_cut_fy{y}"] for y in (18, 19, 20)]
    assert [calendar(e.turn)[1] for e in cuts] == [2, 2, 2], "each slice of the saving lands in April"
    assert sum(e.effects[0].amount for e in cuts) == pytest.approx(-4.3, abs=0.06), "L-03: £4.3m from children's care"


def test_carillion_takes_the_national_group_and_only_it():
    state = new_game(leicestershire(), 5)
    state = step(state, Classify("care_leavers", "complex"))
    state = step(state, Commission("care_leavers", "specialist", "national_outsourcer"))
    state = end_turns(state, CARILLION_TURN - 2)
    assert state.turn == CARILLION_TURN - 1 and not state.providers["national_outsourcer"].collapsed
    state = answer_pending(end_turns(state, 1))
    assert turns_fired(state, "carillion") == [CARILLION_TURN]
    assert state.providers["national_outsourcer"].collapsed
    assert [p for p, v in state.providers.items() if v.collapsed] == ["national_outsourcer"]
    [lost] = [c for c in state.contracts.values() if c.provider == "national_outsourcer"]
    assert lost.status == "ended" and lost.reason == "collapsed"


@pytest.mark.parametrize("seed", SEEDS)
def test_history_forms_the_partnership_on_the_real_turns(seed):
    state = history(seed)
    live = {(c.provider, c.problem, c.approach): c for c in state.contracts.values() if c.origin != "pack"}
    alliance = live[("barnardos", "residential", "alliance")]
    assert calendar(alliance.start) == (2018, 4), "awarded November 2018, started 1 December (L-T5, L-T6)"
    work_package = live[("barnardos", "residential", "pilots")]
    assert work_package.awarded == event_turn("design_brief_1"), "the first design brief is the first work package"
    assert state.over == "completed" and state.reserves >= 0
    assert not turns_fired(state, "partner_overstretched"), "the real path never leans on one partner early"


@pytest.mark.parametrize("seed", SEEDS)
def test_history_never_buys_residential_places_spot_but_drifting_on_does(seed):
    assert not turns_fired(history(seed), "spot_placements_5")
    assert turns_fired(drifting(seed), "spot_placements_5")[:2] == [3, 4], "no arrangement from the third quarter"


@pytest.mark.parametrize("seed", SEEDS)
def test_history_ends_with_fewer_children_in_homes_at_lower_cost_per_child(seed):
    real, idle = history(seed), drifting(seed)
    assert idle.over == "completed", "drifting on must reach the end so the comparison is like for like"
    assert real.problems["residential"].demand < idle.problems["residential"].demand
    spent = {name: whole_budget() - s.reserves / 1000 for name, s in (("real", real), ("idle", idle))}
    children = {name: s.problems["residential"].demand + s.problems["fostering"].demand
                for name, s in (("real", real), ("idle", idle))}
    assert spent["real"] / children["real"] < spent["idle"] / children["idle"]


def test_the_spend_per_child_check_counts_the_whole_budget():
    """The constant in history.toml is the starting reserves plus four years of income less fixed costs."""
    pack = leicestershire().pack
    budget = pack.info.budget
    income = budget.grant + budget.council_tax + budget.other_income
    cuts = {e.turn: e.effects[0].amount for e in pack.events if e.id.startswith("grant_cut_")}
    total = budget.reserves
    for turn in range(1, pack.info.turns + 1):
        income += cuts.get(turn, 0.0)
        total += (income - budget.fixed_costs) / 4
    assert whole_budget() == pytest.approx(total, abs=0.05)


def residential_outcomes(approach: str) -> dict[int, float]:
    """Residential outcome after each turn when the player tenders or allies with Barnardo's in turn 3."""
    state = end_turns(new_game(leicestershire(), 11), 2)
    state = step(state, Classify("residential", "complex"))
    state = answer_pending(step(state, Commission("residential", approach, "barnardos")))
    state = end_turns(state, 20)
    return {t: snap["problem.residential.outcome"] for t, snap in enumerate(state.snapshots)}


def test_a_tender_for_children_s_homes_looks_fine_then_falls_behind_a_partnership():
    tender, alliance = residential_outcomes("tender"), residential_outcomes("alliance")
    assert tender[6] > alliance[6] + 5, "the specification's honeymoon and the alliance's slow start"
    assert alliance[14] > tender[14] + 15, "by 2020 the partnership has pulled well ahead"


def test_leaning_on_one_partner_for_three_services_can_end_all_three():
    pack = leicestershire().pack
    certain = variant(pack, events=[e.model_copy(update={"probability": 1.0}) if e.id == "partner_overstretched"
                                    else e for e in pack.events])
    game = prepare(certain)
    state = new_game(game, 3)
    for problem in ("edge_of_care", "care_leavers"):
        state = step(state, Classify(problem, "complex"))
        state = step(state, Commission(problem, "alliance", "barnardos"))
    state = end_turns(state, 1)
    assert not turns_fired(state, "partner_overstretched"), "two services with one partner is not yet the risk"
    state = step(state, Classify("residential", "complex"))
    state = step(state, Commission("residential", "pilots", "barnardos"))
    state = end_turns(state, 1)
    assert turns_fired(state, "partner_overstretched") == [3]
    assert all(c.status == "ended" and c.reason == "withdrawn"
               for c in state.contracts.values() if c.provider == "barnardos")
