"""The dashboard, driven with real pygame events: clicks, keys, Tab and Enter, resizing mid-turn."""

from __future__ import annotations

import pygame

from game.engine import EndTurn, digest
from tests.ui_driver import app, click_control, focus, home, key, playing, pump  # noqa: F401


def test_end_quarter_button_submits_end_turn_and_shows_the_report(playing):
    session = playing.session
    click_control(playing, "end_turn")
    assert session.submitted == [EndTurn()]
    assert session.state.turn == 2
    assert playing.top.name == "report"
    assert playing.top.turn == 1
    assert any(c.metric == "reserves" and c.causes for c in playing.top.changes)


def test_end_quarter_by_shortcut_and_autosave_written(playing, home):
    key(playing, pygame.K_e, unicode="e")
    assert playing.session.submitted == [EndTurn()]
    assert list((home / "saves").glob("autosave-*.json")), "ending a quarter autosaves"


def test_report_closes_with_enter_and_an_event_then_blocks(playing, game):
    from game.engine import InjectEvent, step

    session = playing.session
    session.state = step(session.state, InjectEvent("grant_cut"))
    playing.state_changed()
    playing.next_step()
    pump(playing)
    assert playing.top.name == "event"
    key(playing, pygame.K_ESCAPE)
    assert playing.top.name == "event", "an event must be answered, Esc does not dismiss it"
    key(playing, pygame.K_e, unicode="e")
    assert playing.top.name == "event" and not session.submitted
    key(playing, pygame.K_2, unicode="2")
    assert session.submitted[-1].kind == "choose" and session.submitted[-1].choice == "cuts"
    assert playing.top.name == "dashboard"


def test_tab_and_enter_reach_every_header_action(playing):
    focus(playing, "map")
    key(playing, pygame.K_RETURN)
    assert playing.top.name == "cynefin"
    key(playing, pygame.K_ESCAPE)
    assert playing.top.name == "dashboard"
    focus(playing, "problem:adult_care")
    key(playing, pygame.K_RETURN)
    assert playing.top.name == "problem" and playing.top.pid == "adult_care"


def test_arrow_keys_move_between_problem_rows(playing):
    focus(playing, "problem:waste")
    key(playing, pygame.K_DOWN)
    assert playing.top.ring.focused_key == "problem:facilities"


def test_every_number_explains_itself(playing):
    controls = {c.key: c for c in playing.top.ring.controls}
    for pid in playing.session.state.problems:
        for part in ("outcome", "demand", "funding"):
            assert controls[f"problem:{pid}:{part}"].tooltip
    assert "section 114" in controls["status.reserves"].tooltip
    assert "capacity" in controls["status.capacity"].tooltip.lower()
    assert "trust" in controls["trust:residents"].tooltip.lower()
    assert "Shortcut: E" in controls["end_turn"].tooltip_text()


def test_providers_show_signals_never_health(playing):
    """Hidden health may change; as long as the public signal is the same, nothing on screen does."""
    session = playing.session

    def shown():
        return [(c.key, c.tooltip) for c in playing.top.ring.controls]

    before = shown()
    state = session.state.clone()
    for vid, v in state.providers.items():
        changed = v.clone()
        changed.health = max(30.0, min(100.0, v.health + 17.3))
        state.providers[vid] = changed
    session.state = state
    playing.state_changed()
    assert shown() == before


def test_resize_mid_turn_keeps_state_and_relays_out(playing):
    from game.engine import MakeSense

    playing.act(MakeSense("adult_care"))
    before = digest(playing.session.state)
    focus(playing, "budget")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    pump(playing)
    assert playing.size == (1920, 1080)
    assert digest(playing.session.state) == before
    assert playing.top.ring.focused_key == "budget", "focus survives the relayout"
    window = pygame.Rect((0, 0), playing.size)
    for control in playing.top.ring.controls:
        assert window.contains(control.rect), control.key
    end = playing.top.ring.get("end_turn").rect
    assert end.right > 1280, "the layout uses the new width"


def test_game_over_shows_the_score_card(playing, game):
    from tests.helpers import end_turns

    session = playing.session
    session.state = end_turns(session.state, game.turns - 1)
    click_control(playing, "end_turn")
    assert session.state.is_over
    key(playing, pygame.K_RETURN)
    assert playing.top.name == "game_over"
    assert playing.top.card.grade in "ABCDE"
