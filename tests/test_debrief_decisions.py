"""The decisions that mattered most are the ones with the largest traced contributions to the score card."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.engine import (
    Classify, Commission, EndContract, InjectEvent, MakeSense, explain, new_game, score, step,
)
from game.debrief import attribute, build_debrief
from game.debrief.attribution import is_decision, money_counted
from game.engine.scoring import unclipped_finance
from tests.helpers import end_turns, random_play
from tests.saves_support import played

def scored_metrics(state) -> list[str]:
    return (["reserves"] + [f"trust.{s}" for s in state.trust]
            + [f"problem.{p}.outcome" for p in state.problems] + [f"income.{k}" for k in state.income])


@pytest.fixture(scope="module")
def crafted(game):
    """A game where one decision obviously dominates: ending the in-house adult care contract early."""
    s = new_game(game, 7)
    s = step(s, MakeSense("adult_care"))                                       # action:0
    s = step(s, Classify("adult_care", "complex"))                            # action:1
    s = step(s, Commission("homelessness", "community", "neighbourhoods"))    # action:2
    s = end_turns(s, 1)                                                        # action:3
    s = step(s, EndContract("c5"))                                             # action:4
    return end_turns(s, 16)


def test_the_dominant_decision_comes_first_with_what_it_did(crafted):
    d = build_debrief(crafted)
    first = d.decisions[0]
    assert first.cause == "action:4" and first.turn == 2
    assert "ended the in-house / council company contract with Fixtureham Council" in first.title
    money = next(m for m in first.moves if m.metric == "reserves")
    # the penalty, 39 quarters left (turns 2–40) × £18m a quarter × half, before the break point, less the
    # £18m a quarter it no longer paid in the quarters played (2 to 4, when the section 114 ended the game)
    assert crafted.turn == 4 and crafted.over == "section_114"
    assert money.amount == pytest.approx(-351_000 + 3 * 18_000) and "reserves −£297.0m" in first.summary
    assert {m.metric for m in first.moves} >= {"reserves", "trust.providers", "trust.staff"}
    assert first.points < 0 and abs(first.points) > 10 * max(abs(x.points) for x in d.decisions[1:])


def test_decisions_are_ranked_by_the_size_of_their_traced_contribution(crafted):
    d = build_debrief(crafted)
    ranked = d.decisions + d.other_decisions
    assert len(d.decisions) == 3
    assert [abs(x.points) for x in ranked] == sorted((abs(x.points) for x in ranked), reverse=True)
    assert all(is_decision(x.cause) for x in ranked)
    assert "action:1" not in {x.cause for x in ranked}, "a classification moves no number by itself"


def test_direct_effects_are_the_traced_contributions_weighed_by_the_score_card(crafted):
    card = score(crafted)
    a = attribute(crafted, card)
    weights = crafted.game.pack.info.scoring.weights
    total_w = sum(getattr(weights, k) for k in card.components)
    avoided = {("action:4", "reserves"): 3 * 18_000}
    """the one credit not in the trace: the payments the ended contract no longer made (turns 2 to 4)"""
    for cause in ("action:0", "action:4"):
        expected_points = 0.0
        for metric in scored_metrics(crafted):
            traced = sum(c.amount for c in explain(crafted, metric).contributions if c.cause == cause)
            traced += avoided.get((cause, metric), 0)
            assert a.amounts[cause].get(metric, 0.0) == pytest.approx(traced, abs=1e-9), (cause, metric)
            if metric == "reserves":
                expected_points += traced * crafted.game.cfg.r.finance_span / crafted.game.annual_income \
                    * weights.finance / total_w * money_counted(crafted, card)
            elif metric.startswith("trust."):
                sw = {s.id: s.weight for s in crafted.game.pack.stakeholders}
                expected_points += traced * sw[metric[6:]] / sum(sw.values()) * weights.trust / total_w
        assert a.points(cause) == pytest.approx(expected_points)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_change_is_credited_exactly_once(game, seed):
    s = random_play(new_game(game, seed), np.random.default_rng(seed), max_actions=250)
    a = attribute(s, score(s))
    for metric in scored_metrics(s):
        credited = math.fsum(row.get(metric, 0.0) for row in a.amounts.values())
        assert credited == pytest.approx(explain(s, metric).change, abs=1e-6), metric


def idle(game, seed):
    return end_turns(new_game(game, seed), game.turns)


@pytest.mark.parametrize("play", [
    lambda game: random_play(new_game(game, 1), np.random.default_rng(1), max_actions=250),   # section 114
    lambda game: random_play(new_game(game, 2), np.random.default_rng(2), max_actions=250),   # inside the limits
    lambda game: idle(game, 1),                                                                # far above the ceiling
], ids=["section_114", "inside", "ceiling"])
def test_money_effects_add_up_to_the_finance_points_the_card_counts(game, play):
    s = play(game)
    card = score(s)
    a = attribute(s, card)
    weights = s.game.pack.info.scoring.weights
    total_w = sum(getattr(weights, k) for k in card.components)
    money_points = math.fsum(a.metric_points(root).get("reserves", 0.0) for root in a.amounts)
    assert money_points == pytest.approx((card.components["finance"] - 50.0) * weights.finance / total_w, abs=0.01)
    clipped = not 0.0 <= unclipped_finance(s) <= 100.0 or card.failed == "section_114"
    assert (money_counted(s, card) < 1.0) == clipped


def test_a_variation_is_credited_with_its_share_of_the_contract(game):
    s = played(game, turns=10)   # c5 (inherited, £72m a year) was cut to £60m in turn 3
    vary = next(f"action:{i}" for i, (_t, a) in enumerate(s.actions) if a["kind"] == "vary_contract")
    paid = math.fsum(amount for turn, _d, credit, amount, cause, _k in s.ledger
                     if cause == "contract:c5" and credit == "reserves" and turn >= 3)
    a = attribute(s, score(s))
    assert a.amounts[vary]["reserves"] == pytest.approx(paid * (72 - 60) / 60)
    assert a.amounts[vary]["problem.adult_care.outcome"] < 0, "spending less bought less"
    assert a.amounts["contract:c5"]["reserves"] < 0, "the inherited contract keeps the rest"


def test_the_real_domain_at_the_time_judges_each_award(game):
    s = new_game(game, 4)
    s = step(s, InjectEvent("pandemic"))   # adult care is chaotic for three turns
    s = step(s, Commission("adult_care", "step_in", "council"))
    s = end_turns(s, 6)
    entry = next(e for e in build_debrief(s).cynefin if e.problem == "adult_care")
    award = next(a for a in entry.awards if not a.inherited)
    assert (award.domain, award.verdict, award.perceived) == ("chaotic", "good", "disorder")
    assert entry.true_domain == "complex" and entry.start_domain == "complex"
    inherited = next(a for a in entry.awards if a.inherited)
    assert (inherited.domain, inherited.verdict) == ("complex", "workable")


def test_a_placing_that_was_right_until_learning_moved_the_problem(game):
    s = new_game(game, 7)
    s = step(s, Classify("homelessness", "complex"))
    s = step(s, Commission("homelessness", "alliance", "shelter_partners"))
    s = end_turns(s, 16)
    entry = next(e for e in build_debrief(s).cynefin if e.problem == "homelessness")
    assert entry.true_domain == "complicated", "the alliance's learning made it better understood"
    assert entry.domain_when_placed == "complex" and entry.placed_right_then and not entry.placed_right


@pytest.mark.parametrize("value", [6.0, 12.0, 24.0])
def test_a_commission_is_charged_only_what_it_paid_beyond_the_standard_cost(game, value):
    """Homelessness has no other contract, so every payment on it is this award's: the standard cost of its
    starting demand (£12m a year) goes to `cost:homelessness`, and the award keeps the difference."""
    s = step(new_game(game, 7), Commission("homelessness", "community", "neighbourhoods", value=value))
    s = end_turns(s, 12)
    card = score(s)
    a = attribute(s, card)
    paid = [(turn, -amount) for turn, metric, amount, cause, key in s.trace
            if key == "explain.contract_payment" and cause.startswith("contract:")
            and s.contracts[cause[9:]].problem == "homelessness"]
    assert paid, "the contract never paid"
    standard = game.need("homelessness", game.problem["homelessness"].demand)
    assert standard == pytest.approx(3000.0)
    assert a.amounts["action:0"]["reserves"] == pytest.approx(sum(standard - p for _, p in paid))
    assert a.amounts["cost:homelessness"]["reserves"] == pytest.approx(-standard * len(paid))
    assert "action:0" in a.priced
    told = build_debrief(s).decisions[0]
    if value == 12.0:
        assert not any(m.metric == "reserves" for m in told.moves), "paying the standard cost is not a money effect"
    else:
        where = "above" if value > 12.0 else "below"
        assert any(m.text.startswith("spent ") and f"{where} the services' standard cost" in m.text
                   for m in told.moves)


def test_ending_a_contract_is_credited_with_the_payments_it_stopped(game):
    """Ending MegaServe's highways contract after its break point costs £2.6m and stops £3.25m a quarter: the
    debrief must tell a saving, not a loss (Wigan's ended management contract read 'reserves −£275m')."""
    s = new_game(game, 7)
    s = step(s, EndContract("c4"))                                             # action:0, turn 1
    s = end_turns(s, 6)
    played = min(s.contracts["c4"].end, len(s.snapshots) - 1)                  # it would have paid to turn 6
    penalty = -sum(c.amount for c in explain(s, "reserves").contributions if c.cause == "action:0")
    a = attribute(s, score(s))
    assert a.amounts["action:0"]["reserves"] == pytest.approx(-penalty + 3250 * played)
    assert a.amounts["action:0"]["reserves"] > 0
    assert a.amounts["contract:c4"]["reserves"] == pytest.approx(-3250 * played), "the contract still owns its term"
