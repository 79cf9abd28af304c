"""Every key and cause the engine records has wording, so no screen ever shows a raw key."""

from __future__ import annotations

import numpy as np

from game.content.wording import EXPLAIN, FEED, cause_label, feed_text, metric_label
from game.engine import InjectEvent, new_game, step
from tests.helpers import random_play


def test_every_emitted_key_and_cause_has_words(game):
    seen_explain, seen_feed = set(), set()
    for seed in range(12):
        s = new_game(game, seed)
        for event in ("contractor_collapse", "pandemic", "partner_withdraws", "new_company", "good_news"):
            s = step(s, InjectEvent(event))
        s = random_play(s, np.random.default_rng(seed))
        seen_explain |= {key for *_, key in s.trace}
        seen_feed |= {key for _, _, key, _ in s.feed}
        for item in s.feed:
            text = feed_text(s, item)
            assert "{" not in text and "feed." not in text
        for _, metric, _, cause, _ in s.trace:
            assert cause_label(s, cause)
            assert metric_label(s, metric)
    assert seen_explain - set(EXPLAIN) == set()
    assert seen_feed - set(FEED) == set()


def test_cause_labels_read_as_words(game):
    s = new_game(game, 1)
    c = next(c for c in s.contracts.values() if c.provider == "megaserve")
    assert "MegaServe plc" in cause_label(s, f"contract:{c.id}")
    assert cause_label(s, "event:grant_cut") == "the event 'Grant cut'"
    assert cause_label(s, "rule:demand_trend") == "underlying growth in need"


def test_the_news_names_an_answer_by_the_words_on_its_button(game):
    from game.engine import Choose
    from tests.helpers import end_turns

    s = end_turns(new_game(game, 1), 3)
    assert [q.event for q in s.pending] == ["grant_cut"], "the grant cut asks its question in turn 4"
    s = step(s, Choose("grant_cut", "cuts"))
    told = feed_text(s, next(item for item in s.feed if item[2] == "feed.choice"))
    assert told == "Grant cut: you chose 'Cut every department by the same share'."
    assert cause_label(s, "choice:grant_cut.cuts") == "your answer to 'Grant cut': Cut every department by the same share"


def test_money_owed_reads_minus_pounds():
    from game.content.wording import money

    assert money(-137_700) == "−£137.7m"
    assert money(-400) == "−£400k"
    assert money(-0.2) == "£0k"


def test_the_news_names_contracts_and_quarters_in_words(game):
    """No raw contract id, no 'turn -9', no "providers's": the news reads as a sentence."""
    from game.engine import VaryContract

    s = new_game(game, 1)
    c = next(c for c in s.contracts.values() if c.provider == "megaserve")
    s = step(s, VaryContract(c.id, c.value * 4 / 1000 * 0.9))
    texts = [feed_text(s, item) for item in s.feed]
    awarded = next(t for t in texts if "awarded to MegaServe plc" in t)
    assert awarded.endswith("delivering since before the game began.")
    varied = texts[-1]
    assert c.id not in varied.split() and "MegaServe plc" in varied and varied.startswith("The specify and tender")
    assert FEED["feed.contract_expired"].format(provider="Independent care providers", problem="X") == \
        "The contract with Independent care providers for X has expired."
    assert "'s" not in FEED["feed.signal_watch"]


def test_an_answer_to_a_question_has_no_colon_after_the_question_mark():
    """Rotherham's 'Inadequate homes: close them or turn them round?: you chose …' read badly."""
    from game.content.loader import load_pack
    from tests.conftest import ROOT

    s = new_game(load_pack(ROOT / "scenarios" / "rotherham"), 1)
    event = next(e for e in s.game.pack.events if e.choices and e.title.endswith("?"))
    item = (1, "event", "feed.choice", (("event", event.id), ("choice", event.choices[0].id)))
    assert feed_text(s, item) == f"{event.title} You chose '{event.choices[0].label}'."


def test_a_contract_cause_names_its_quarter_as_the_screens_do(game):
    from game.engine import Commission, legal_actions

    s = new_game(game, 1)
    s = step(s, next(a for a in legal_actions(s) if isinstance(a, Commission)))
    new = max(s.contracts.values(), key=lambda c: int(c.id[1:]))
    assert cause_label(s, f"contract:{new.id}").endswith("(awarded in quarter 1)")


def test_an_unserved_problem_reads_right_whichever_way_it_drifts():
    """Hounslow's grounds rose +3.5 for 'a problem with no service in place', as if no service helped."""
    from game.content.wording import explain_text

    assert explain_text("explain.unserved") == "no service in place: drifting to where it settles unaided"
