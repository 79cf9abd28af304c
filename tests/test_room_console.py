"""The facilitator console driven by mouse and keyboard against a real room on loopback (headless SDL)."""

from __future__ import annotations

import time
from typing import Any

import pygame
import pytest

from game.room import credentials
from game.room.client import BackgroundLoop
from game.room.console import Console
from game.room.loopback import loopback_room
from tests.conftest import FIXTURE_PACK


@pytest.fixture
def room(tmp_path):
    loop = BackgroundLoop()
    manager = loopback_room(FIXTURE_PACK, tmp_path, teams=3)
    lb = loop.run(manager.__aenter__())
    teams = [loop.run(lb.team(name)) for name in ("Red", "Blue")]
    facilitator = loop.run(lb.facilitator())
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode((1280, 720))
    console = Console(facilitator, loop, lb.address, (1280, 720))
    yield console, screen, lb, teams
    pygame.quit()
    for team in teams:
        loop.run(team.close())
    loop.run(facilitator.close())
    loop.run(manager.__aexit__(None, None, None))
    loop.stop()


def settle(console: Console, screen: pygame.Surface, condition: Any) -> None:
    for _ in range(500):
        console.drain()
        console.draw(screen)
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"the console never saw it happen (last message: {console.message})")


def click(console: Console, screen: pygame.Surface, key: str) -> None:
    console.draw(screen)
    button = next(b for b in console.buttons if b.key == key)
    assert button.enabled, f"{key} is disabled"
    console.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=button.rect.center))


def press(console: Console, key: int, text: str) -> None:
    """A key as SDL reports it: pressed, then the text it types."""
    console.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=text))
    console.handle(pygame.event.Event(pygame.TEXTINPUT, text=text))


def test_console_runs_the_room_by_mouse_and_keyboard(room):
    console, screen, lb, (red, blue) = room
    settle(console, screen, lambda: len([c for c in console.cards]) == 2)
    click(console, screen, "start")
    settle(console, screen, lambda: console.client.room.phase == "playing")

    blue_card = next(rect for index, rect in console.cards if index == 1)
    console.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=blue_card.center))
    assert console.selected == 1
    before = [t.version for t in lb.server.room.teams]
    console.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_i, mod=0, unicode="i"))
    assert console.overlay == "inject"
    click(console, screen, "event:pandemic")
    settle(console, screen, lambda: lb.server.room.teams[1].version == before[1] + 1)
    assert lb.server.room.teams[0].version == before[0], "only the selected team"

    press(console, pygame.K_m, "m")  # M opens the message box; its own letter is not typed into it
    assert console.overlay == "message"
    for ch in "Ten minutes left":
        press(console, ord(ch.lower()), ch)
    console.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    settle(console, screen, lambda: any(n.text == "Ten minutes left" for n in red.notices))

    click(console, screen, "timer_up")
    settle(console, screen, lambda: console.client.room.timer.seconds == 60)
    assert console.remaining() is not None

    click(console, screen, "token")
    settle(console, screen, lambda: console.overlay == "token")
    assert credentials.matches(console.token[1], lb.server.room.teams[1].token_hash)

    console.overlay = None
    click(console, screen, "debrief")
    settle(console, screen, lambda: console.debrief is not None)
    assert [t["name"] for t in console.debrief["teams"]] == ["Red", "Blue"]

    click(console, screen, "end")
    click(console, screen, "confirm_end")
    settle(console, screen, lambda: console.client.room.phase == "over")
    assert lb.server.exports is not None


def test_refusals_are_shown_not_raised(room):
    console, screen, _lb, _teams = room
    console.press("advance")  # the game has not started
    settle(console, screen, lambda: console.message is not None and "not started" in console.message[0])


def test_team_cards_name_every_problem_as_the_teams_see_it_and_the_end_is_said_plainly(room):
    console, screen, lb, (red, blue) = room
    drawn: list[str] = []
    text = console._text

    def recording(surface: pygame.Surface, words: str, *args: Any, **kwargs: Any) -> pygame.Rect:
        drawn.append(words)
        return text(surface, words, *args, **kwargs)

    console._text = recording  # type: ignore[method-assign]
    settle(console, screen, lambda: len(console.cards) == 2)
    names = [p.name for p in lb.server.room.game.pack.problems]
    assert all(drawn.count(name) == 2 for name in names), "every problem, on both cards, by its name"
    assert "Public health" not in drawn, "not the id made into words ('public_health' is 'Sexual health services')"
    click(console, screen, "end")
    click(console, screen, "confirm_end")
    settle(console, screen, lambda: console.client.room.phase == "over")
    drawn.clear()
    console.draw(screen)
    assert "2 teams: every game is over" in drawn and not any("teams ready" in d for d in drawn)
    enabled = {b.key for b in console.buttons if b.enabled}
    assert not enabled & {"timer_down", "timer_up", "timer_off", "auto", "advance", "pause", "end"}
    assert {"debrief", "export", "message"} <= enabled, "the debrief, the results and a word to the room remain"
