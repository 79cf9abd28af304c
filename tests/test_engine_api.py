"""The public API: new_game, legal_actions, step, score, explain, digest; actions as JSON."""

from __future__ import annotations

import pytest

from game.engine import (
    Classify, Commission, EndTurn, IllegalAction, MakeSense, action_from_json, action_to_json, digest,
    explain, legal_actions, new_game, score, state_from_dict, state_to_dict, step, value_names, values,
)


def test_new_game_starts_at_turn_one_with_pack_numbers(pack, game):
    s = new_game(game, 3)
    assert s.turn == 1 and not s.is_over
    assert s.reserves == 20_000
    assert s.capacity == pack.info.capacity - 1, "the chaotic flood consumes a point of attention"
    assert all(p.perceived == "disorder" for p in s.problems.values())
    assert {c.provider for c in s.contracts.values()} == {"megaserve", "council"}


def test_step_returns_a_new_state_and_leaves_the_old_one_alone(game):
    s = new_game(game, 1)
    before = digest(s)
    t = step(s, MakeSense("adult_care"))
    assert t is not s
    assert digest(s) == before
    assert t.capacity == s.capacity - 1
    assert len(t.problems["adult_care"].candidates) == 3


def test_illegal_action_raises_one_readable_exception(game):
    s = new_game(game, 1)
    with pytest.raises(IllegalAction, match="no problem called 'nope'"):
        step(s, MakeSense("nope"))
    with pytest.raises(IllegalAction, match="does not allow"):
        step(s, Commission("waste", "alliance", "family_action"))
    with pytest.raises(IllegalAction, match="cannot deliver"):
        step(s, Commission("waste", "tender", "council"))


def test_every_legal_action_is_accepted(game):
    s = new_game(game, 5)
    for action in legal_actions(s):
        step(s, action)


def test_actions_round_trip_through_json(game):
    for action in [Classify("waste", "clear"), Commission("parks", "community", "neighbourhoods", 4.0, 8), EndTurn()]:
        assert action_from_json(action_to_json(action)) == action
    with pytest.raises(IllegalAction, match="not a valid action"):
        action_from_json('{"kind": "launch_missiles"}')
    with pytest.raises(IllegalAction):
        action_from_json("not json")


def test_value_names_match_the_values_the_engine_fills(pack, game):
    assert set(values(new_game(game, 1))) == set(value_names(pack))


def test_serialisation_round_trip_keeps_the_digest(game):
    s = new_game(game, 9)
    for a in [MakeSense("children"), Classify("children", "complex"), EndTurn(), EndTurn()]:
        s = step(s, a) if not s.pending else s
    back = state_from_dict(game, state_to_dict(s))
    assert digest(back) == digest(s)
    assert back.held == {v: n for v, n in s.held.items() if n}, "live contracts per provider, rebuilt on load"
    assert back.funded == {p: m for p, m in s.funded.items() if m}, "active value per problem, rebuilt on load"
    assert back.placed == {p: pairs for p, pairs in s.placed.items() if pairs}, "live pairs per problem, rebuilt on load"
    # the fixture's council company is not established yet, so it cannot take a contract
    assert back.closed == s.closed != frozenset(), "providers that can take no contract, rebuilt on load"
    assert digest(step(back, EndTurn())) == digest(step(s, EndTurn()))


def test_score_card_has_every_part(game):
    card = score(new_game(game, 1))
    assert set(card.outcomes) == set(game.problem)
    assert card.grade in "ABCDE"
    assert {"outcomes", "finance", "trust", "goals"} <= set(card.components)
    assert len(card.goals) == 2


def test_explain_names_the_causes(game):
    s = new_game(game, 2)
    s = step(s, EndTurn())
    e = explain(s, "reserves")
    causes = {c.cause for c in e.contributions}
    assert "income:grant" in causes and "rule:fixed_costs" in causes
    assert any(c.startswith("contract:") for c in causes)


def test_the_first_quarter_starts_from_the_opening_position_not_from_zero(game):
    """The starting reserves and running contracts are where the first quarter starts, not things it did."""
    s = step(new_game(game, 2), EndTurn())
    first = explain(s, "reserves", turns=[1])
    assert first.start == pytest.approx(20_000), "the opening reserves (£20m) are the start of the window"
    assert "pack" not in {c.cause for c in first.contributions}
    assert first.end - first.start == pytest.approx(sum(c.amount for c in first.contributions))
    assert explain(s, "reserves").start == pytest.approx(first.start)


def test_the_first_report_tells_neither_the_opening_reserves_nor_the_running_contracts_as_news(game):
    from game.ui.scenes.common import is_setup
    from game.ui.scenes.report import quarter_news, turn_changes

    s = step(new_game(game, 2), EndTurn())
    money = next(c for c in turn_changes(s, 1) if c.metric == "reserves")
    assert money.start == pytest.approx(20_000)
    assert all(who != "the starting position" for who, _why, _amount in money.causes)
    starting = [item for item in s.feed if item[0] == 1 and is_setup(s, item)]
    assert starting, "the fixture's running contracts are in the feed"
    news = quarter_news(s, 1)
    assert not set(news) & set(starting)



def test_effect_terms_have_a_field_for_every_field_of_every_effect_model():
    """The engine copies each pack effect into an `EffectTerms` record when it prepares a pack, so a field
    added to an effect model must be added there too (preparing a pack that used it would fail)."""
    import dataclasses
    from typing import get_args

    from game.content.models import Effect
    from game.engine.game import EffectTerms

    names = {f.name for f in dataclasses.fields(EffectTerms)}
    for model in get_args(get_args(Effect)[0]):
        assert set(model.model_fields) <= names, model.__name__


def test_events_and_choices_carry_their_pack_effects(game):
    def same(terms, effects) -> bool:
        return len(terms) == len(effects) and all(
            getattr(t, name) == getattr(e, name) for t, e in zip(terms, effects) for name in type(e).model_fields
        )

    assert any(e.choices for e in game.pack.events) and any(e.effects for e in game.pack.events)
    for event in game.pack.events:
        terms = game.event_terms[event.id]
        assert terms.asks == bool(event.choices)
        assert same(terms.effects, event.effects), event.id
        for choice in event.choices:
            assert same(game.choices[event.id, choice.id], choice.effects), (event.id, choice.id)


def test_every_clone_copies_every_field(game):
    """State and its hot records clone slot by slot, so a field added to one and not to its clone must fail
    here: every field is present and equal in the copy, and the state's tables are copies, not shared."""
    import dataclasses

    from tests.helpers import end_turns

    s = end_turns(new_game(game, 3), 2)
    records = [s, next(iter(s.problems.values())), next(iter(s.providers.values())), next(iter(s.contracts.values()))]
    for record in records:
        copy = record.clone()
        assert type(copy) is type(record) and copy is not record
        for f in dataclasses.fields(record):
            assert getattr(copy, f.name) == getattr(record, f.name), f"{type(record).__name__}.{f.name}"
            if isinstance(getattr(record, f.name), dict):
                assert getattr(copy, f.name) is not getattr(record, f.name), f"{f.name} is copied, not shared"
