"""The Cynefin map: dragging a token classifies; the keyboard does the same; evidence appears on tokens."""

from __future__ import annotations

import pygame

from game.engine import Classify, MakeSense
from tests.ui_driver import app, click_control, drag, focus, home, key, playing  # noqa: F401


def open_map(app):
    key(app, pygame.K_m, unicode="m")
    assert app.top.name == "cynefin"
    return app.top


def test_dragging_a_token_to_a_domain_submits_classify(playing):
    scene = open_map(playing)
    token = scene.token_rects["homelessness"].center
    target = scene.quads["complex"]
    drag(playing, token, (target.left + 30, target.top + 30))
    assert playing.session.submitted == [Classify("homelessness", "complex")]
    scene = playing.top
    assert playing.session.state.problems["homelessness"].perceived == "complex"
    assert scene.quads["complex"].contains(scene.token_rects["homelessness"]), "the token now sits in complex"


def test_dropping_back_where_it_was_submits_nothing(playing):
    scene = open_map(playing)
    start = scene.token_rects["waste"].center
    drag(playing, start, (start[0] + 12, start[1] + 10))
    assert playing.session.submitted == []


def test_number_keys_classify_the_selected_token(playing):
    open_map(playing)
    focus(playing, "token:waste")
    key(playing, pygame.K_1, unicode="1")
    assert playing.session.submitted == [Classify("waste", "clear")]


def test_carrying_a_token_with_the_keyboard(playing):
    open_map(playing)
    focus(playing, "token:parks")
    key(playing, pygame.K_RETURN)
    assert playing.top.carrying == "parks"
    key(playing, pygame.K_RIGHT)
    key(playing, pygame.K_DOWN)
    assert playing.top.carry_domain == "clear"
    key(playing, pygame.K_RETURN)
    assert playing.session.submitted == [Classify("parks", "clear")]


def test_make_sense_reveals_evidence_on_the_token(playing):
    scene = open_map(playing)
    pid = scene.selected
    click_control(playing, "make_sense")
    assert playing.session.submitted == [MakeSense(pid)]
    evidence = playing.session.state.problems[pid].evidence
    assert evidence and evidence[0].startswith("not:")
    from game.ui.scenes.cynefin import evidence_chips

    assert evidence_chips(evidence)[0][2] is True


def test_map_never_reads_the_true_domain(playing):
    scene = open_map(playing)
    state = playing.session.state
    true_complex = [pid for pid, p in state.problems.items() if p.domain == "complex"]
    assert all(not scene.quads["complex"].contains(scene.token_rects[pid]) for pid in true_complex)
