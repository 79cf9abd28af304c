"""The advisor's hints come and go with the state, read only what the player can know, and are recorded once."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from game.advice import hints, note_used
from game.engine import Classify, Commission, MakeSense, PlanContingency, State, new_game, step
from tests.helpers import end_turns, random_play


def ids(state: State) -> set[str]:
    return {h.id for h in hints(state)}


def with_problem(state: State, pid: str, **changes) -> State:
    s = state.clone()
    s.problems[pid] = dataclasses.replace(s.problems[pid], **changes)
    return s


def with_provider(state: State, vid: str, **changes) -> State:
    s = state.clone()
    s.providers[vid] = dataclasses.replace(s.providers[vid], **changes)
    return s


def with_trust(state: State, **levels: float) -> State:
    s = state.clone()
    s.trust.update(levels)
    return s


@pytest.fixture
def start(game) -> State:
    return new_game(game, 7)


def test_unplaced_problems_get_one_hint_until_all_are_placed(start, game):
    first = next(h for h in hints(start) if h.id == "classify")
    assert first.subject == "cynefin" and "Adult social care, Children's social care" in first.text
    assert "and 6 more" in first.text
    s = start
    for pid, spec in game.problem.items():
        s = step(s, Classify(pid, spec.domain))
    assert "classify" not in ids(s)


def test_evidence_that_settles_a_domain_says_so(start):
    s = with_problem(start, "adult_care", evidence=("not:clear", "not:chaotic", "not:complicated", "is:complex"))
    hint = next(h for h in hints(s) if h.id == "classify:adult_care")
    assert "points one way: complex" in hint.text
    assert "classify:adult_care" not in ids(step(s, Classify("adult_care", "complex")))


def test_a_placing_the_evidence_rules_out_is_questioned(start):
    s = step(start, Classify("waste", "complex"))
    assert "reclassify:waste" not in ids(s)
    s = with_problem(s, "waste", evidence=("not:complex",))
    hint = next(h for h in hints(s) if h.id == "reclassify:waste")
    assert "rules that out" in hint.text and "clear, complicated or chaotic" in hint.text


def test_an_approach_that_does_not_fit_what_the_player_knows(start):
    s = step(start, Classify("waste", "complex"))       # the inherited tender no longer fits their own view
    hint = next(h for h in hints(s) if h.id == "fit:waste:tender")
    assert hint.severity == "advice" and "You have placed Waste collection in complex" in hint.text
    assert "fit:waste:tender" not in ids(step(s, Classify("waste", "clear")))
    s = with_problem(start, "waste", evidence=("not:clear", "not:complicated"))
    hint = next(h for h in hints(s) if h.id == "fit:waste:tender")
    assert hint.severity == "warning" and "The evidence suggests Waste collection is complex or chaotic" in hint.text
    s = with_problem(start, "waste", evidence=("not:clear",))
    assert "fit:waste:tender" not in ids(s), "a tender may still fit a complicated problem"


def test_good_approaches_are_suggested(start):
    s = step(start, Classify("children", "complex"))
    s = step(s, Commission("children", "tender", "cleanco"))
    hint = next(h for h in hints(s) if h.id == "fit:children:tender")
    assert "Consider alliance / partnership or community investment" in hint.text


def test_warning_signs_at_a_strategic_contractor(start):
    assert not any(i.startswith("signal:") for i in ids(start))
    watch = next(h for h in hints(with_provider(start, "megaserve", signal="watch")) if h.id == "signal:megaserve")
    assert watch.severity == "advice" and "holds 4 of your contracts" in watch.text
    s = with_provider(start, "megaserve", signal="warning")
    warning = next(h for h in hints(s) if h.id == "signal:megaserve")
    assert warning.severity == "warning" and "serious warning signs" in warning.text
    assert "signal:megaserve" not in ids(step(s, PlanContingency("megaserve"))), "planned for: nothing to add"
    assert "signal:megaserve" not in ids(with_provider(start, "megaserve", signal="warning", collapsed=True))
    assert "signal:carewell" not in ids(with_provider(start, "carewell", signal="warning")), "holds nothing of ours"


def test_trust_not_there_yet_for_a_suitable_alliance(start):
    s = step(start, Classify("homelessness", "complex"))
    assert "trust_gate:homelessness" not in ids(s)
    low = with_trust(s, vcse=20.0, nhs=20.0, staff=20.0, residents=20.0)
    hint = next(h for h in hints(low) if h.id == "trust_gate:homelessness")
    assert "trust is not there yet" in hint.text and "Voluntary and community sector" in hint.text
    assert not re.search(r"\d", hint.text), "never the numbers"
    assert "trust_gate:homelessness" not in ids(with_trust(low, vcse=60.0, nhs=60.0, staff=60.0))
    served = step(with_trust(s, vcse=60.0, nhs=60.0, staff=60.0), Commission("homelessness", "alliance",
                                                                               "shelter_partners"))
    assert "trust_gate:homelessness" not in ids(with_trust(served, vcse=20.0, nhs=20.0, staff=20.0, residents=20.0))


def test_reserves_heading_below_zero(start):
    assert not any(i.startswith("reserves") for i in ids(start))
    s = step(start, Commission("adult_care", "step_in", "council"))
    hint = next(h for h in hints(s) if h.id == "reserves:section_114")
    assert hint.severity == "warning" and "section 114" in hint.text and "2017/18" in hint.text
    assert hints(s)[0].id == "reserves:section_114", "the most urgent first"


def test_no_hints_once_the_game_is_over(game):
    s = end_turns(new_game(game, 7), 16)
    assert s.is_over and hints(s) == []


HIDDEN_DOMAINS = ("clear", "complicated", "complex", "chaotic")


@pytest.mark.parametrize("seed", range(6))
def test_hints_never_depend_on_hidden_numbers(game, seed):
    """Change only what the player cannot see — true domains, provider health — and the advice is the same."""
    rng = np.random.default_rng(seed)
    seen: list[State] = []
    random_play(new_game(game, seed), rng, max_actions=120, on_step=lambda _a, _b, new: seen.append(new))
    for s in seen[:: max(1, len(seen) // 12)]:
        if s.is_over:
            continue
        before = hints(s)
        hidden = s.clone()
        for pid, p in hidden.problems.items():
            other = HIDDEN_DOMAINS[(HIDDEN_DOMAINS.index(p.domain) + 1 + seed) % 4]
            hidden.problems[pid] = dataclasses.replace(p, domain=other, base_domain=other)
        for vid, v in hidden.providers.items():
            hidden.providers[vid] = dataclasses.replace(v, health=v.health * 0.97 + 1.0, trend=-v.trend)
        assert hints(hidden) == before


def test_hints_used_are_noted_once_per_turn(start):
    shown = hints(start)
    used = note_used((), start, shown)
    assert [u.id for u in used] == [h.id for h in shown] and all(u.turn == 1 for u in used)
    assert note_used(used, start, shown) == used
    later = end_turns(step(start, MakeSense("waste")), 1)
    again = note_used(used, later, hints(later))
    assert len(again) == len(used) + len(hints(later)) and again[-1].turn == 2
