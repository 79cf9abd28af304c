"""A team's game in the window, against a real room on loopback: joining, playing, the facilitator, reconnecting.

The room runs in this process on its own event loop thread (as `room host --headless` would, minus the
process); the game window is driven with real pygame events and its room client runs on the game's own
room thread, so every action and update crosses a real socket.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from typing import Any, Iterator

import pygame
import pytest

from game.engine import digest
from game.room.client import BackgroundLoop, FacilitatorClient
from game.room.loopback import LoopbackRoom, room_in_thread
from game.ui.room_screenshots import until
from tests.conftest import FIXTURE_PACK
from tests.ui_driver import app, click, click_control, focus, home, key, pump  # noqa: F401


@dataclass
class Hosted:
    loop: BackgroundLoop
    lb: LoopbackRoom
    fac: FacilitatorClient

    def do(self, coro: Any) -> Any:
        """Run a facilitator command (or anything on the room's loop) and wait for it."""
        return self.loop.run(coro, timeout=20)

    def team_state(self, index: int = 0) -> Any:
        return self.lb.server.room.teams[index].state

    def drop_team_connections(self) -> None:
        """Cut every team's socket without a goodbye, as a Wi-Fi blink or a pulled cable does."""
        async def cut() -> None:
            for client in list(self.lb.server.clients):
                if client.role == "team":
                    client.ws.transport.abort()
        self.do(cut())


@pytest.fixture
def room(home, tmp_path) -> Iterator[Hosted]:
    with room_in_thread(FIXTURE_PACK, tmp_path, teams=2) as (loop, lb, fac):
        yield Hosted(loop, lb, fac)


def type_into(app, field: str, text: str) -> None:  # noqa: ANN001
    """Click a field on the join screen, clear it with Backspace and type `text`, as a person would."""
    entry = app.top.entries[field]
    click(app, entry.rect.center)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_END, mod=0, unicode="", scancode=0))
    pump(app)
    for _ in range(len(entry.get_text())):
        key(app, pygame.K_BACKSPACE)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    pump(app)
    assert entry.get_text() == text


def open_join(app) -> None:  # noqa: ANN001
    from game.ui.scenes.title import Title

    app.push(Title(app))
    pump(app)
    key(app, pygame.K_j, unicode="j")
    assert app.top.name == "join"


def join(app, room: Hosted, team: str = "Red", start: bool = True) -> None:  # noqa: ANN001
    """Join through the join screen (typed fields, the Join button); start the game from the facilitator."""
    open_join(app)
    type_into(app, "address", room.lb.address)
    type_into(app, "code", room.lb.code)
    type_into(app, "team", team)
    click_control(app, "join")
    until(app, lambda: app.top.name != "join")
    if start:
        room.do(room.fac.start())
        until(app, lambda: app.top.name == "dashboard")


def last_action(state: Any) -> str:
    """The kind of the last action in a game's log."""
    return list(state.actions)[-1][1]["kind"]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------- joining


def test_wrong_code_says_so_keeps_the_fields_then_the_lobby_then_the_game(app, room, home):
    from game.ui.room_session import JoinDetails

    open_join(app)
    type_into(app, "address", room.lb.address)
    type_into(app, "code", "ZZZZZZ")
    type_into(app, "team", "Red")
    key(app, pygame.K_RETURN)  # Enter in a field joins
    until(app, lambda: app.top.joining is None and app.top.error != "")
    screen = app.top
    assert screen.name == "join" and "join code" in screen.error
    assert {k: e.get_text() for k, e in screen.entries.items()} == {
        "address": room.lb.address, "code": "ZZZZZZ", "team": "Red", "token": ""}, "what was typed is kept"
    type_into(app, "code", room.lb.code.lower())  # codes are not case-sensitive
    click_control(app, "join")
    until(app, lambda: app.top.name == "lobby")
    assert app.session.team_name == "Red" and app.session.token
    assert JoinDetails.load() == JoinDetails(room.lb.address, room.lb.code.lower(), "Red"), "remembered for next time"
    room.do(room.fac.start())
    until(app, lambda: app.top.name == "dashboard")
    assert app.top.room is not None, "the dashboard shows the room's bar"
    assert digest(app.session.state) == digest(room.team_state(0))


@pytest.mark.parametrize("case", ["unreachable", "name_taken", "bad_name", "full"])
def test_join_problems_are_one_line_and_never_a_traceback(app, room, case):
    if case in ("name_taken", "full"):
        async def others() -> None:
            await room.lb.team("Red")
            if case == "full":
                await room.lb.team("Blue")
        room.do(others())
    open_join(app)
    screen = app.top
    address = f"127.0.0.1:{closed_port()}" if case == "unreachable" else room.lb.address
    screen.entries["address"].set_text(address)
    screen.entries["code"].set_text(room.lb.code)
    screen.entries["team"].set_text({"bad_name": "Red!", "full": "Green"}.get(case, "Red"))
    click_control(app, "join")
    until(app, lambda: app.top.joining is None and app.top.error != "")
    expected = {"unreachable": "Cannot reach a room at", "name_taken": "already joined", "bad_name": "letters, digits",
                "full": "full"}[case]
    assert expected in app.top.error and "\n" not in app.top.error and "Traceback" not in app.top.error
    assert app.session is None and app.top.name == "join"


# ---------------------------------------------------------------------- playing


def test_an_action_on_the_dashboard_reaches_the_room_and_the_quarter_resolves_there(app, room, home):
    join(app, room)
    before = digest(room.team_state(0))
    focus(app, "problem:waste")
    key(app, pygame.K_RETURN)
    click_control(app, "make_sense")
    server = room.team_state(0)
    assert digest(server) != before and last_action(server) == "make_sense"
    assert digest(app.session.state) == digest(server), "the screen shows exactly the room's game"
    # two teams: ending the quarter waits for the other one, and can be taken back
    async def blue() -> Any:
        return await room.lb.team("Blue")
    other = room.do(blue())
    until(app, lambda: "Blue" in app.session.teams_joined())
    key(app, pygame.K_ESCAPE)  # back from the problem's detail to the dashboard
    key(app, pygame.K_e, unicode="e")
    until(app, lambda: app.session.waiting)
    assert app.top.ring.get("end_turn").element.text == "Take back"
    assert "waiting for Blue" in app.top.room.status()[0]
    key(app, pygame.K_u, unicode="u")
    assert not app.session.waiting and room.lb.server.room.teams[0].ready is False
    key(app, pygame.K_e, unicode="e")
    room.do(other.end_turn())
    until(app, lambda: app.top.name == "report")
    assert app.session.state.turn == 2 and app.top.turn == 1
    assert digest(app.session.state) == digest(room.team_state(0))
    assert not list((home / "saves").glob("*.json")), "a room's game is never saved on the laptop"
    room.do(other.close())


def test_facilitator_pause_broadcast_and_inject_show_on_the_team_screen(app, room):
    join(app, room)
    room.do(room.fac.pause())
    until(app, lambda: app.session.paused)
    assert app.top.room.status() == ("PAUSED by the facilitator", "warn")
    click_control(app, "end_turn")
    assert "paused" in app._toast[0] and not room.lb.server.room.teams[0].ready, "the room refuses; the screen says why"
    room.do(room.fac.broadcast("Ten minutes to the inspection"))
    until(app, lambda: app.session.broadcasts[-1:] == ["Ten minutes to the inspection"])
    assert "Ten minutes to the inspection" in app._toast[0]
    room.do(room.fac.resume())
    until(app, lambda: not app.session.paused)
    room.do(room.fac.inject("grant_cut", team=0))
    until(app, lambda: app.top.name == "event")
    assert app.top.event.id == "grant_cut"
    key(app, pygame.K_2, unicode="2")  # answer it: the choice goes to the room
    until(app, lambda: not room.team_state(0).pending)
    assert last_action(room.team_state(0)) == "choose"
    assert digest(app.session.state) == digest(room.team_state(0))


def test_a_room_game_offers_leave_not_save_and_leaving_closes_the_connection(app, room, home):
    join(app, room)
    key(app, pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.top.name == "dashboard", "no save dialog in a room"
    key(app, pygame.K_ESCAPE)
    keys = [c.key for c in app.top.ring.controls]
    assert app.top.name == "pause" and "save" not in keys and "load" not in keys
    assert app.top.ring.get("title").element.text == "Leave the room"
    click_control(app, "title")
    assert app.top.name == "title" and app.session is None
    time.sleep(0.2)
    assert not any(c.role == "team" for c in room.lb.server.clients), "the connection was closed"


# ---------------------------------------------------------------------- connections


def test_a_dropped_connection_reconnects_by_itself_and_nothing_is_lost(app, room):
    join(app, room)
    focus(app, "problem:waste")
    key(app, pygame.K_RETURN)
    click_control(app, "make_sense")
    kept = digest(room.team_state(0))
    key(app, pygame.K_ESCAPE)
    room.drop_team_connections()
    until(app, lambda: app.session.connection == "reconnecting")
    assert app.top.room.status()[0].startswith("Reconnecting")
    until(app, lambda: app.session.connection == "connected")
    assert room.lb.server.room.teams[0].name == "Red" and len([t for t in room.lb.server.room.teams if t.name]) == 1
    assert digest(app.session.state) == kept == digest(room.team_state(0))
    focus(app, "problem:parks")
    key(app, pygame.K_RETURN)
    click_control(app, "make_sense")
    assert last_action(room.team_state(0)) == "make_sense" and digest(app.session.state) == digest(room.team_state(0))


def test_a_restarted_laptop_rejoins_as_its_team_from_the_remembered_fields(app, room):
    join(app, room)
    focus(app, "problem:waste")
    key(app, pygame.K_RETURN)
    click_control(app, "make_sense")
    kept, token = digest(room.team_state(0)), app.session.token
    app.session = None  # the game closed (a crash loses no more: the token and fields are on disk)
    open_join(app)
    assert [e.get_text() for e in app.top.entries.values()][:3] == [room.lb.address, room.lb.code, "Red"]
    click_control(app, "join")
    until(app, lambda: app.top.name == "dashboard")
    assert app.session.token == token and app.session.client.team == 0
    assert digest(app.session.state) == kept


def test_play_join_on_the_command_line_rejects_a_bad_address_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, SDL_VIDEODRIVER="dummy", COMMON_GROUND_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "main.py", "play", "--join", "nowhere", "--code", "X", "--team", "Red"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "HOST:PORT" in done.stderr and "Traceback" not in done.stderr
