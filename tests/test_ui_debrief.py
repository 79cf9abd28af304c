"""The in-game debrief, driven by real pygame events: reached from the score card, every page by keyboard."""

from __future__ import annotations

import pygame
import pytest

from game.debrief import build_debrief
from game.ui.demo import late_game
from tests.ui_driver import app, click_control, focus, home, key, pump  # noqa: F401


def finish(app, pack, hints_used=()) -> None:
    """The app on the score card of a finished game of `pack`."""
    from game.ui.scenes.game_over import GameOver
    from game.ui.session import Session

    state = late_game(pack, turns=pack.info.turns + 1)
    assert state.is_over
    app.session = Session(state, autosave_enabled=False, hints_used=tuple(hints_used))
    from game.ui.scenes.dashboard import Dashboard

    app.replace_all(Dashboard(app))
    app.push(GameOver(app))
    pump(app)


@pytest.fixture
def over(app, pack):
    finish(app, pack)
    return app


def test_the_debrief_opens_from_the_score_card_and_shows_the_decisive_decisions(over):
    app = over
    click_control(app, "debrief")
    screen = app.top
    assert screen.name == "debrief"
    expected = build_debrief(app.session.state, app.session.hints_used)
    assert screen.debrief == expected, "the screen shows game/debrief's model, not its own sums"
    key(app, pygame.K_3)
    assert screen.tab == "decisions"
    shown = [decision for decision, _ in screen.decision_cards]
    assert shown == list(expected.decisions) and len(shown) == 3
    for i, decision in enumerate(expected.decisions, start=1):
        tip = screen.ring.get(f"decision:{i}").tooltip
        assert decision.consequence in tip and decision.title[1:] in tip
    assert all(f.title[1:] in screen.html["decisions.more"] for f in expected.forces)


def test_every_page_is_reachable_by_keyboard(over):
    app = over
    focus(app, "debrief")
    key(app, pygame.K_RETURN)
    screen = app.top
    assert screen.name == "debrief"
    for tab, _ in screen.tabs:
        focus(app, f"tab:{tab}")
        key(app, pygame.K_RETURN)
        assert screen.tab == tab and app.top is screen
        assert app.top.ring.focused_key == f"tab:{tab}", "the focus stays on the tab that opened the page"
    assert {t for t, _ in screen.tabs} == {"score", "charts", "decisions", "cynefin", "events"}, \
        "no 'what really happened' page for a pack without a history"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "game_over"


def test_the_pages_show_the_map_the_events_and_the_hints_asked_for(app, pack):
    from game.ui.scenes.dashboard import Dashboard
    from game.ui.session import Session

    app.start(Session(late_game(pack, turns=3), autosave_enabled=False))
    pump(app)
    key(app, pygame.K_h)  # ask the advisor, as a player would
    assert app.top.name == "advisor"
    used = app.session.hints_used
    assert used, "asking the advisor is recorded"
    finish(app, pack, used)
    assert isinstance(app.stack[0], Dashboard)
    click_control(app, "debrief")
    screen = app.top
    key(app, pygame.K_4)
    placed = {c.key for c in screen.ring.controls if c.key.startswith("placed:")}
    assert placed == {f"placed:{e.problem}" for e in screen.debrief.cynefin}, "every problem is on the map"
    assert all(screen.map_rect.contains(c.rect) for c in screen.ring.controls if c.key.startswith("placed:"))
    for entry in screen.debrief.cynefin:
        assert entry.name in screen.html["cynefin.fit"]
    key(app, pygame.K_5)
    assert screen.tab == "events"
    assert all(e.title in screen.html["events.list"] for e in screen.debrief.events)
    hints_html = screen.html["events.hints"]
    assert f"Hints used: {len(used)}" in hints_html and used[0].text[:40] in hints_html


def test_what_really_happened_for_a_pack_with_a_history(app):
    from game.content.loader import load_pack
    from game.ui.catalogue import scenario_folders

    packs = (load_pack(folder) for folder in scenario_folders())
    pack = next((p for p in packs if p.history is not None and p.history.outcome), None)
    if pack is None:
        pytest.skip("no built-in pack with a history")
    finish(app, pack)
    click_control(app, "debrief")
    screen = app.top
    focus(app, "tab:history")
    key(app, pygame.K_RETURN)
    assert screen.tab == "history"
    real = screen.html["history.real"]
    assert all(source.split()[0] in real for _, _, source in screen.debrief.history.outcomes), "every source shown"
    assert "What you did" in screen.html["history.yours"]


def test_export_writes_one_html_file(over, home):
    app = over
    click_control(app, "debrief")
    click_control(app, "export")
    written = list((home / "debriefs").glob("*.html"))
    assert len(written) == 1
    text = written[0].read_text("utf-8")
    assert "The three decisions that mattered most" in text
    assert app.top.name == "debrief", "exporting keeps the debrief open"


def test_resizing_keeps_the_page(over):
    app = over
    click_control(app, "debrief")
    screen = app.top
    key(app, pygame.K_2)
    assert screen.tab == "charts"
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    pump(app)
    assert app.top is screen and screen.tab == "charts" and app.size == (1600, 900)
    window = pygame.Rect((0, 0), app.size)
    assert all(window.contains(cell) for cell in screen.chart_cells)
    assert screen.ring.get("tab:charts") is not None
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=960, h=540, size=(960, 540)))
    pump(app)
    assert screen.tab == "charts"
    assert all(screen.card.contains(c.rect) for c in screen.ring.controls if c.key.startswith("tab:")), \
        "every tab fits the smallest window"


def test_the_pause_menu_offers_the_debrief_once_the_game_is_over(over):
    app = over
    click_control(app, "council")
    assert app.top.name == "dashboard"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    click_control(app, "debrief")
    assert app.top.name == "debrief"


def test_the_pause_menu_has_no_debrief_during_a_game(app, game):
    from game.engine import new_game
    from game.ui.session import Session

    app.start(Session(new_game(game), autosave_enabled=False))
    pump(app)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause" and app.top.ring.get("debrief") is None


def test_a_tab_names_its_page_as_written(over):
    """'Show cynefin map.' lowercased a proper name: the tooltip quotes the tab's own words."""
    click_control(over, "debrief")
    screen = over.top
    for tab, label in screen.tabs:
        assert f"'{label}'" in screen.ring.get(f"tab:{tab}").tooltip
