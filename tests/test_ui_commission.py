"""Problem detail and the commission dialog: legal choices only, consequences shown, the action submitted."""

from __future__ import annotations

import pygame

from game.engine import Classify, Commission, EndContract
from tests.ui_driver import app, click_control, home, key, playing  # noqa: F401


def open_detail(app, pid):
    from game.ui.scenes.problem import ProblemDetail

    app.push(ProblemDetail(app, pid))
    app.pump()
    return app.top


def test_fit_is_read_against_the_perceived_domain(playing):
    from game.ui.scenes.problem import perceived_fit

    state = playing.session.state
    assert perceived_fit(state, "homelessness", "alliance") is None, "no fit shown while in disorder"
    playing.act(Classify("homelessness", "clear"))
    state = playing.session.state
    assert perceived_fit(state, "homelessness", "tender") == state.game.cfg.fit["tender"]["clear"]
    open_detail(playing, "homelessness")
    assert "1.00" in playing.top.ring.get("approach:tender").tooltip


def test_commission_dialog_submits_the_chosen_terms(playing):
    open_detail(playing, "homelessness")
    click_control(playing, "commission:alliance")
    dialog = playing.top
    assert dialog.name == "commission"
    assert dialog.approach == "alliance"
    offered = {c.key.split(":")[1] for c in dialog.ring.controls if c.key.startswith("provider:")}
    types = playing.session.state.game.cfg.approach["alliance"].types
    assert offered == {v for v, p in playing.session.state.game.provider.items() if p.type in types}
    click_control(playing, "provider:shelter_partners")
    click_control(playing, "length:more")
    click_control(playing, "confirm")
    action = playing.session.submitted[-1]
    assert isinstance(action, Commission)
    assert (action.problem, action.approach, action.provider) == ("homelessness", "alliance", "shelter_partners")
    assert action.length == playing.session.state.game.cfg.approach["alliance"].length + 1
    assert playing.top.name == "problem"


def test_commission_shows_cost_and_procurement_before_confirming(playing):
    open_detail(playing, "homelessness")
    click_control(playing, "commission:tender")
    dialog = playing.top
    contract = dialog._new_contract()
    lead = playing.session.state.game.cfg.approach["tender"].lead
    assert contract is not None and contract.start == playing.session.state.turn + lead
    assert playing.session.state.capacity - dialog.preview.capacity == playing.session.state.game.cfg.approach["tender"].cost
    assert playing.session.submitted == []


def test_unaffordable_choices_are_disabled_with_the_engine_reason(playing):
    state = playing.session.state
    while playing.session.state.capacity > 0:
        pid = next(p for p, ps in playing.session.state.problems.items() if len(ps.candidates) > 1)
        from game.engine import MakeSense

        playing.act(MakeSense(pid))
    open_detail(playing, "homelessness")
    click_control(playing, "commission:tender")
    dialog = playing.top
    confirm = dialog.ring.get("confirm")
    assert not confirm.enabled
    assert "capacity" in confirm.tooltip.lower()
    click_control(playing, "confirm")
    assert not any(isinstance(a, Commission) for a in playing.session.submitted)
    assert state is not playing.session.state


def test_value_stepper_changes_the_offer(playing):
    open_detail(playing, "homelessness")
    click_control(playing, "commission:tender")
    before = playing.top._new_contract().value
    click_control(playing, "value:more")
    after = playing.top._new_contract().value
    assert after > before
    key(playing, pygame.K_ESCAPE)
    assert playing.top.name == "problem"


def test_end_contract_shows_the_engine_penalty(playing):
    from game.engine.rules.contracts import penalty

    state = playing.session.state
    cid = next(c.id for c in state.contracts.values() if c.problem == "waste")
    open_detail(playing, "waste")
    click_control(playing, f"contract:{cid}")
    dialog = playing.top
    r = state.game.cfg.r
    expected = penalty(state.turn, state.contracts[cid], r.penalty_before_break, r.penalty_after_break)
    assert state.reserves - dialog.end_state.reserves == expected
    click_control(playing, "end")
    assert playing.session.submitted == [EndContract(cid)]
