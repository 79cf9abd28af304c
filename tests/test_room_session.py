"""A team's game window and a slow room: an action never holds the window while the room answers.

The room runs on loopback in this process; the team's client runs on the game's own room thread
(`background()`), as in the game. A slow network is a client whose requests take a second to answer.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Iterator

import pytest

from game.engine import MakeSense
from game.room.client import BackgroundLoop, FacilitatorClient, TeamClient
from game.room.loopback import LoopbackRoom, room_in_thread
from game.ui.room_session import QUICK_SECONDS, RoomSession, background
from game.ui.session import News
from tests.conftest import FIXTURE_PACK

SLOW = 1.0
"""seconds the slow network adds to every request"""


class Room:
    def __init__(self, loop: BackgroundLoop, lb: LoopbackRoom, fac: FacilitatorClient) -> None:
        self.loop, self.lb, self.fac = loop, lb, fac

    def do(self, coro: Any) -> Any:
        return self.loop.run(coro, timeout=20)


@pytest.fixture
def room(tmp_path) -> Iterator[Room]:
    with room_in_thread(FIXTURE_PACK, tmp_path, teams=1) as (loop, lb, fac):
        yield Room(loop, lb, fac)


def slow_session(room: Room) -> RoomSession:
    """A started room and a team whose every request takes `SLOW` seconds more to be answered."""
    client: TeamClient = background().run(room.lb.team("Red"), timeout=20)
    room.do(room.fac.start())
    deadline = time.monotonic() + 10
    while client.room is None or client.room.phase != "playing":
        assert time.monotonic() < deadline, "the game never started for the team"
        time.sleep(0.01)
    plain = client.request

    async def slow(message: Any, timeout: float = 30.0) -> Any:
        await asyncio.sleep(SLOW)
        return await plain(message, timeout)

    client.request = slow  # type: ignore[method-assign]
    session = RoomSession(client, room.lb.address)
    session.poll()  # what the room said before (the game has started)
    return session


def poll_until(session: RoomSession, condition: Callable[[News], bool], timeout: float = 10.0) -> list[News]:
    """Poll as the game's frame loop does, until a frame's news meets `condition`; every frame's news."""
    seen: list[News] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        news = session.poll()
        seen.append(news)
        if condition(news):
            return seen
        time.sleep(0.01)
    raise AssertionError(f"never happened; the news was {[n for n in seen if n]}")


def test_a_slow_answer_leaves_the_window_running_says_sending_then_takes_the_move(room):
    session = slow_session(room)
    started = time.monotonic()
    outcome = session.submit(MakeSense("adult_care"))
    assert time.monotonic() - started < QUICK_SECONDS + 0.3, "the window waited for the room (it used to, up to 8 s)"
    assert outcome.ok and session.sending
    assert session.has_news(), "the frame loop wakes to say the move is on its way"
    assert session.poll().messages == [("Sending to the room…", "info")]
    again = session.submit(MakeSense("homelessness"))
    assert not again.ok and again.message == "Still sending your last move to the room: wait a moment."
    # the room's new state can reach the client a moment before the answer to the move does: a frame
    # may show the move while "sending" still holds, and the next one ends it
    frames = poll_until(session, lambda news: not session.sending)
    assert any(news.changed for news in frames)
    assert list(session.state.actions)[-1][1] == {"kind": "make_sense", "problem": "adult_care"}
    assert session.submitted == [MakeSense("adult_care")]
    assert not any(kind == "bad" for news in frames for _text, kind in news.messages)
    assert list(room.lb.server.room.teams[0].state.actions) == list(session.state.actions)


def test_a_slow_refusal_comes_back_as_a_message(room):
    session = slow_session(room)
    room.do(room.fac.pause())
    outcome = session.submit(MakeSense("adult_care"))
    assert outcome.ok and session.sending, "not known yet: the room has not answered"
    frames = poll_until(session, lambda news: any(kind == "bad" for _text, kind in news.messages))
    [refusal] = [text for text, kind in frames[-1].messages if kind == "bad"]
    assert "paused" in refusal and frames[-1].changed, "the screens lay out the room's state again"
    assert not session.sending and not session.submitted


def test_a_quick_answer_is_still_given_at_once(room):
    session = slow_session(room)
    session.client.request = type(session.client).request.__get__(session.client)  # a fast network again
    outcome = session.submit(MakeSense("adult_care"))
    assert outcome.ok and not session.sending
    assert list(session.state.actions)[-1][1]["kind"] == "make_sense", "the state is the room's answer already"
