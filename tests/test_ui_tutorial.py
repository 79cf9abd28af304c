"""The guided tutorial, driven by real pygame events: it moves on only when the asked thing is done."""

from __future__ import annotations

import pygame
import pytest

from game.engine import Classify
from game.ui.tutorial import TUTORIAL_PACK, StepsFile, TutorialError, load_steps, start_tutorial
from tests.ui_driver import app, click, click_control, drag, home, key, pump  # noqa: F401


@pytest.fixture
def tutorial(app):
    """The app on the tutorial game, the guide at its first step."""
    start_tutorial(app)
    pump(app)
    assert app.tutorial is not None
    return app


def step_id(app) -> str:
    assert app.tutorial is not None, "the tutorial is no longer running"
    return app.tutorial.step.id


def ringed(app) -> str:
    """The control the step rings on the screen in front; it must exist there and lie inside the window."""
    control = app.tutorial.target(app)
    assert control is not None, f"step {step_id(app)!r} rings nothing on {app.top.name}"
    assert control in app.top.ring.controls
    assert pygame.Rect((0, 0), app.size).contains(control.rect), "the ring is outside the window"
    assert not app.tutorial.panel.colliderect(control.rect), "the panel hides the control it points at"
    return control.key


def follow_ring(app, until: str) -> None:
    """Click what the step rings until the control `until` is the one ringed (navigating there)."""
    for _ in range(6):
        if ringed(app) == until:
            return
        click_control(app, ringed(app))
    raise AssertionError(f"the ring never led to {until!r}; it stays on {ringed(app)!r}")


def test_the_steps_file_is_sound_and_every_screen_it_names_exists():
    from game.ui import scenes  # noqa: F401 - every scene module, so Scene subclasses are known
    import importlib
    import pkgutil

    from game.ui.scene import Scene

    for info in pkgutil.iter_modules(scenes.__path__):
        importlib.import_module(f"game.ui.scenes.{info.name}")

    def names(cls):
        for sub in cls.__subclasses__():
            yield sub.name
            yield from names(sub)

    known = set(names(Scene))
    steps = load_steps()
    assert [s.done.finish for s in steps][-1] and len({s.id for s in steps}) == len(steps)
    for s in steps:
        for spec in s.point:
            assert spec.partition(":")[0] in known, f"step {s.id} points at an unknown screen: {spec}"
    taught = {s.done.action for s in steps} | {s.done.closed for s in steps} | {s.done.opened for s in steps}
    assert {"choose", "make_sense", "classify", "commission", "end_contract", "end_turn", "report",
            "advisor"} <= taught, "the tutorial teaches every control the design names"


def test_a_broken_steps_file_is_one_clear_error(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "tutorial.toml").write_text(
        '[[step]]\nid = "a"\ntitle = "A"\ntext = "t"\npoint = ["dashboard:map"]\ndone = { action = "classify" }\n')
    with pytest.raises(TutorialError, match="finish"):
        load_steps(tmp_path)
    with pytest.raises(TutorialError, match="cannot be read"):
        load_steps(tmp_path / "nowhere")
    with pytest.raises(ValueError):
        StepsFile.model_validate({"step": [{"id": "a", "title": "A", "text": "t", "point": ["x:y"],
                                            "done": {"action": "classify", "finish": True}}]})


def test_the_title_screen_starts_the_tutorial(app):
    from game.ui.scenes.title import Title

    app.push(Title(app))
    pump(app)
    click_control(app, "tutorial")
    assert app.tutorial is not None and app.session is not None
    assert app.session.state.game.pack.info.id == "tutorial"
    assert app.top.name == "event" and step_id(app) == "answer_event"
    assert ringed(app).startswith("choice:")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (960, 540)])
def test_the_whole_tutorial_by_doing_each_thing(tutorial, size):
    app = tutorial
    session = app.session
    if size != app.size:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        pump(app)
    assert app.size == size
    # answer the event: Esc is refused and does not count
    key(app, pygame.K_ESCAPE)
    assert step_id(app) == "answer_event"
    click_control(app, ringed(app))
    assert step_id(app) == "make_sense" and app.top.name == "dashboard"
    # opening other screens is not making sense
    click_control(app, "budget")
    assert step_id(app) == "make_sense"
    key(app, pygame.K_ESCAPE)
    assert ringed(app) == "map"
    click_control(app, "map")
    assert app.top.name == "cynefin" and step_id(app) == "make_sense", "opening the map is not the action"
    click_control(app, "token:millbrook_flood")
    assert step_id(app) == "make_sense", "selecting a token is not making sense"
    follow_ring(app, "make_sense")
    click_control(app, "make_sense")
    assert step_id(app) == "classify"
    assert session.submitted[-1].kind == "make_sense"
    # classify by dragging the ringed token into chaotic
    token = app.top.ring.get(ringed(app)).rect.center
    chaotic = app.top.quads["chaotic"]
    drag(app, token, (chaotic.centerx, chaotic.centery + 20))
    assert session.submitted[-1] == Classify("millbrook_flood", "chaotic")
    assert step_id(app) == "commission"
    # commission: the ring leads from the map to the detail to the dialog
    follow_ring(app, "confirm")
    assert app.top.name == "commission"
    click_control(app, "cancel")
    assert step_id(app) == "commission", "cancelling is not commissioning"
    follow_ring(app, "confirm")
    click_control(app, "confirm")
    assert step_id(app) == "end_contract" and session.submitted[-1].kind == "commission"
    # end a contract: the ring leads back to the council and to the taxi contract
    follow_ring(app, "end")
    assert app.top.name == "contract"
    click_control(app, "end")
    assert step_id(app) == "end_turn" and session.submitted[-1].kind == "end_contract"
    follow_ring(app, "end_turn")
    click_control(app, "end_turn")
    assert step_id(app) == "read_report" and app.top.name == "report"
    assert ringed(app) == "continue"
    key(app, pygame.K_DOWN)  # scrolling the report is reading, not closing it
    assert step_id(app) == "read_report"
    key(app, pygame.K_RETURN)
    assert step_id(app) == "ask_advisor" and app.top.name == "dashboard"
    click_control(app, ringed(app))
    assert app.top.name == "advisor" and step_id(app) == "on_your_own"
    assert ringed(app) == "close"
    # the last step is finished from the panel
    click(app, app.tutorial.buttons["skip"].center)
    assert app.tutorial is None and app.session is session, "finishing leaves the game to play on"


def test_running_ahead_counts_and_is_not_asked_again(tutorial):
    from game.engine import Commission, MakeSense

    app = tutorial
    click_control(app, ringed(app))
    key(app, pygame.K_e)  # end the quarter before being asked
    assert app.top.name == "report" and step_id(app) == "make_sense", "ending the quarter is not making sense"
    key(app, pygame.K_RETURN)
    key(app, pygame.K_h)
    assert app.top.name == "advisor" and step_id(app) == "make_sense"
    key(app, pygame.K_ESCAPE)
    for action in (MakeSense("millbrook_flood"), Classify("millbrook_flood", "chaotic"),
                   Commission("millbrook_flood", "step_in", "council", None, None)):
        assert app.act(action)
        pump(app)
    assert step_id(app) == "end_contract"
    assert ringed(app).startswith("contract:"), "the taxi contract has expired: the ring shows another one"
    click_control(app, ringed(app))
    click_control(app, "end")
    assert step_id(app) == "on_your_own", "ending the quarter, the report and the advisor were done already"


def test_skip_leaves_the_game_and_the_panel_takes_its_own_clicks(tutorial):
    app = tutorial
    session = app.session
    panel = app.tutorial.panel
    click(app, (panel.left + 30, panel.top + 30))
    assert app.tutorial is not None and step_id(app) == "answer_event", "a click on the panel's text does nothing"
    click(app, app.tutorial.buttons["skip"].center)
    assert app.tutorial is None and app.session is session and app.top.name == "event"


def test_f8_skips_and_f7_restarts_from_any_screen(tutorial):
    app = tutorial
    click_control(app, ringed(app))
    click_control(app, "map")
    assert step_id(app) == "make_sense" and app.top.name == "cynefin"
    key(app, pygame.K_F7)
    assert step_id(app) == "answer_event" and app.session.submitted == [], "restart is a fresh tutorial game"
    assert [s.name for s in app.stack] == ["dashboard", "event"]
    key(app, pygame.K_F8)
    assert app.tutorial is None


def test_restart_button_and_leaving_the_game_ends_the_guide(tutorial):
    app = tutorial
    click_control(app, ringed(app))
    first = app.session
    click(app, app.tutorial.buttons["restart"].center)
    assert app.session is not first and step_id(app) == "answer_event"
    from game.ui.scenes.title import Title

    app.session = None
    app.replace_all(Title(app))
    pump(app)
    assert app.tutorial is None, "the guide belongs to its game"


def test_resizing_mid_tutorial_keeps_the_step_and_the_ring(tutorial):
    app = tutorial
    click_control(app, ringed(app))
    click_control(app, "map")
    click_control(app, "token:millbrook_flood")
    before = (step_id(app), ringed(app), len(app.session.submitted))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    pump(app)
    assert app.size == (1600, 900)
    assert (step_id(app), ringed(app), len(app.session.submitted)) == before
    assert app.top.selected == "millbrook_flood", "the map kept its selection"


def test_the_steps_live_in_the_tutorial_pack():
    assert (TUTORIAL_PACK / "text" / "tutorial.toml").is_file()


def test_a_new_scenario_copies_the_tutorial_pack_but_not_its_guide(tmp_path):
    from game.content.scaffold import scaffold

    written = scaffold(TUTORIAL_PACK, tmp_path / "new", "little_snoring", "Little Snoring")
    assert (tmp_path / "new" / "text" / "briefing.md") in written
    assert not (tmp_path / "new" / "text" / "tutorial.toml").exists()
