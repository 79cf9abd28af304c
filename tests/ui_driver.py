"""Driving the real game window headless: real pygame events in, engine actions and screen state out."""

from __future__ import annotations

import os

import pygame
import pytest

from game.engine import new_game

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMON_GROUND_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def app(home):
    from game.ui.app import App
    from game.ui.settings import Settings

    application = App(Settings(resolution=(1280, 720), sound=False))
    yield application
    pygame.display.quit()


@pytest.fixture
def playing(app, game):
    """The app on the dashboard of a fresh fixture game."""
    from game.ui.session import Session
    from tests.conftest import FIXTURE_PACK

    app.start(Session(new_game(game), pack_path=FIXTURE_PACK))
    app.pump()
    return app


def pump(app, times: int = 2) -> None:
    """Handle queued events; twice, because pygame_gui answers a click with an event of its own."""
    for _ in range(times):
        app.pump()


def click(app, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    pump(app)


def click_control(app, key: str) -> None:
    control = app.top.ring.get(key)
    assert control is not None, f"no control {key!r} on {app.top.name}: {[c.key for c in app.top.ring.controls]}"
    click(app, control.rect.center)


def drag(app, start: tuple[int, int], end: tuple[int, int], steps: int = 6) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    for i in range(1, steps + 1):
        pos = (start[0] + (end[0] - start[0]) * i // steps, start[1] + (end[1] - start[1]) * i // steps)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    pump(app)


def key(app, k: int, mod: int = 0, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0))
    pump(app)


def focus(app, wanted: str, limit: int = 200) -> None:
    """Press Tab until the control `wanted` has the keyboard focus."""
    for _ in range(limit):
        if app.top.ring.focused_key == wanted:
            return
        key(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {wanted!r} on {app.top.name}")
