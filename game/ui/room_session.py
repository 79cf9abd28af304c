"""A team's game in a facilitated room, behind the same interface as a solo game's `Session`.

The screens read `session.state` and submit actions exactly as in a solo
game; here `submit` sends the action to the room's server and waits for its
answer (a few milliseconds on a school network), and `state` is the copy the
room keeps current (`TeamClient`). The room is the authority: nothing is saved
or autosaved on this laptop, and a refusal (the room is paused, the team has
already ended the quarter, the screen was behind) comes back as the message the
player sees. Ending the quarter only tells the room the team is ready; the
quarter resolves when the room moves every team on, and that arrives through
`poll`, which the main loop calls every frame and which also reports the
room's clock, the facilitator's messages and a dropped connection being
restored.

The client runs on one asyncio loop thread shared by the whole process
(`background()`), so the pygame loop never blocks on the network for long: an
action waits at most `QUICK_SECONDS` for the room's answer (a school network
answers within that); a slower answer is taken by `poll` when it comes, while
the window goes on drawing and says that the action is being sent.
"""

from __future__ import annotations

import json
import math
import queue
import threading
import time
from concurrent.futures import Future, TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Coroutine

from ..engine import Action, State
from ..room import protocol as p
from ..room.client import BackgroundLoop, RoomRefused, RoomUnavailable, TeamClient, data_dir
from ..saves.atomic import atomic_write
from .session import News, Outcome, Session

QUICK_SECONDS = 0.15
"""how long an action waits for the room's answer before handing the window back (it used to wait up to
8 s with the window frozen); the answer is then taken by `poll`"""
ANSWER_SECONDS = 8.0
"""after this long without an answer the team is told the room has not answered yet"""
BROADCASTS_KEPT = 5

_loop: BackgroundLoop | None = None
_loop_lock = threading.Lock()


def background() -> BackgroundLoop:
    """The process's one asyncio loop for room connections (started on first use, a daemon thread)."""
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = BackgroundLoop()
        return _loop


@dataclass
class JoinDetails:
    """What a team typed to join, remembered so that a restarted laptop rejoins with no typing."""

    address: str = ""
    code: str = ""
    team: str = ""

    @staticmethod
    def path() -> Path:
        return data_dir() / "room-join.json"

    @classmethod
    def load(cls) -> "JoinDetails":
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
            return cls(**{k: str(data.get(k, "")) for k in ("address", "code", "team")})
        except (OSError, ValueError, AttributeError):
            return cls()

    def save(self) -> None:
        try:
            atomic_write(self.path(), json.dumps(self.__dict__, indent=1).encode("utf-8"))
        except OSError:
            pass  # remembering is a convenience: the team can type them again


@dataclass
class _InFlight:
    """A request sent to the room whose answer has not been taken yet."""

    future: Future[Any]
    on_success: Callable[[], None]
    """what a yes from the room does here (the state itself comes from the client)"""
    started: float
    told: int = 0
    """0: nothing said yet; 1: 'sending…' shown; 2: 'not answered yet' shown"""


class RoomSession(Session):
    """A joined team's game: actions go to the room, the state is the room's."""

    local = False

    def __init__(self, client: TeamClient, address: str) -> None:
        super().__init__(client.state, autosave_enabled=False)
        self.client = client
        self.address = address
        self.room: p.RoomStatus | None = client.room
        self._room_seen_at = time.monotonic()
        self.broadcasts: list[str] = []
        """the facilitator's latest messages (the room repeats its last few to a team that joins)"""
        self.connection = "connected"
        """'connected', 'reconnecting' (the client is trying with the team's token) or 'gone' (it gave up)"""
        self._clock_shown = self.clock_text()
        self._in_flight: _InFlight | None = None

    # ------------------------------------------------------------ what the screens show

    @property
    def team_name(self) -> str:
        return self.client.name

    @property
    def token(self) -> str | None:
        return self.client.token

    @property
    def phase(self) -> str:
        return self.room.phase if self.room else "lobby"

    @property
    def paused(self) -> bool:
        return bool(self.room and self.room.paused)

    @property
    def waiting(self) -> bool:
        return bool(self.room and self.client.team in self.room.ready) and not self.state.is_over

    @property
    def finished(self) -> bool:
        return self.state.is_over or self.phase == "over"

    def others_not_ready(self) -> list[str]:
        """The teams in the room that have not yet ended this quarter."""
        if self.room is None:
            return []
        return [name for i, name in enumerate(self.room.names)
                if name is not None and i != self.client.team and i not in self.room.ready]

    def teams_joined(self) -> list[str]:
        return [name for name in self.room.names if name] if self.room else []

    def seconds_left(self) -> float | None:
        """The quarter's clock as the room last said, run down locally since (None: no timer)."""
        timer = self.room.timer if self.room else None
        if timer is None or timer.remaining is None:
            return None
        if not timer.running:
            return timer.remaining
        return max(0.0, timer.remaining - (time.monotonic() - self._room_seen_at))

    @property
    def sending(self) -> bool:
        """An action is on its way to the room and its answer has not come back yet."""
        return self._in_flight is not None

    def clock_text(self) -> str:
        left = self.seconds_left()
        if left is None:
            return ""
        whole = math.ceil(left)
        return f"{whole // 60}:{whole % 60:02d}"

    # ------------------------------------------------------------ what the player does

    def submit(self, action: Action) -> Outcome:
        if self.connection != "connected":
            return Outcome(False, "Not sent: the connection to the room is being restored. Try again in a moment.")

        def done() -> None:
            self.submitted.append(action)
            self._take(self.client.state, self.client.room)

        return self._send(self.client.submit(action), done)

    def take_back(self) -> Outcome:
        """Undo 'we have ended the quarter' while the other teams are still playing it."""
        return self._send(self.client.unready(), lambda: self._take(self.state, self.client.room))

    def _send(self, request: Coroutine[Any, Any, Any], on_success: Callable[[], None]) -> Outcome:
        """Send a request; answer at once if the room does within `QUICK_SECONDS`, else later through `poll`.

        A slow answer leaves the window running: the outcome says yes for now, `poll` says "sending…",
        then takes the room's answer (a refusal comes back as a message then)."""
        if self._in_flight is not None:
            request.close()
            return Outcome(False, "Still sending your last move to the room: wait a moment.")
        flight = _InFlight(background().spawn(request), on_success, time.monotonic())
        try:
            flight.future.result(QUICK_SECONDS)
        except FutureTimeout:
            self._in_flight = flight
            return Outcome(True)
        except Exception:  # noqa: BLE001 - _answer reads the failure from the future and words it
            pass
        return _answer(flight)

    def leave(self) -> None:
        """Close the connection; the room keeps the game and the token stays on this laptop for rejoining."""
        try:
            background().run(self.client.close(), timeout=5)
        except (TimeoutError, RoomUnavailable, OSError):
            pass

    # ------------------------------------------------------------ what the room did

    def has_news(self) -> bool:
        flight = self._in_flight
        due = flight is not None and (flight.future.done() or flight.told < _told_by(time.monotonic() - flight.started))
        return due or not self.client.updates.empty() or self.clock_text() != self._clock_shown

    def poll(self) -> News:
        news = News()
        before, room_before = self.state, self.room  # before a slow answer is taken: it may bring a new quarter
        self._follow_in_flight(news)
        while True:
            try:
                kind, message = self.client.updates.get_nowait()
            except queue.Empty:
                break
            self._hear(kind, message, news)
        self._take(self.client.state, self.client.room)
        if self.state is not before:
            news.changed = True
            if self.state.turn > before.turn:
                news.resolved = self.state.turn - 1
            elif self.state.is_over and not before.is_over:
                news.resolved = before.turn
        if _standing(self.room) != _standing(room_before):
            news.changed = True
        clock = self.clock_text()
        if clock != self._clock_shown or self.room is not room_before:
            self._clock_shown = clock
            news.ticked = True
        return news

    def _follow_in_flight(self, news: News) -> None:
        """Take a slow answer once it has come; until then say that the move is on its way."""
        flight = self._in_flight
        if flight is None:
            return
        if flight.future.done():
            self._in_flight = None
            outcome = _answer(flight)
            if not outcome.ok:
                news.messages.append((outcome.message, "bad"))
                news.changed = True  # the screens drew the move as made: lay out the room's state again
            return
        told = _told_by(time.monotonic() - flight.started)
        if told > flight.told:
            flight.told = told
            news.messages.append(("Sending to the room…", "info") if told == 1 else (
                "The room has not answered yet; if the move went through it will show in a moment.", "warn"))

    def _take(self, state: State, room: p.RoomStatus | None) -> None:
        self.state = state
        if room is not self.room:
            self.room, self._room_seen_at = room, time.monotonic()

    def _hear(self, kind: str, message: Any, news: News) -> None:
        if kind == "notice":
            if message.kind == "broadcast":
                self.broadcasts = [*self.broadcasts, message.text][-BROADCASTS_KEPT:]
                news.messages.append((f"From the facilitator: {message.text}", "info"))
            else:
                news.messages.append((message.text, "warn" if message.kind == "warning" else "info"))
        elif kind == "error":
            news.messages.append((_sentence(message.message), "bad"))
        elif kind == "connection":
            self.connection = {"lost": "reconnecting", "back": "connected", "gone": "gone"}[message]
            news.changed = True
            news.messages.append({
                "lost": ("Lost the connection to the room: reconnecting with your team's token…", "warn"),
                "back": ("Back in the room: carrying on where the room is.", "good"),
                "gone": ("Could not reach the room again. Rejoin from the title screen (Join a room): "
                         "your team's token is remembered on this laptop.", "bad"),
            }[message])


def _told_by(elapsed: float) -> int:
    """What a team should have been told about a move sent `elapsed` seconds ago (see `_InFlight.told`)."""
    return 2 if elapsed >= ANSWER_SECONDS else 1


def _answer(flight: _InFlight) -> Outcome:
    """The room's answer to a request that has finished, in the team's words."""
    try:
        flight.future.result(0)
    except RoomRefused as exc:
        return Outcome(False, _sentence(str(exc)))
    except RoomUnavailable as exc:
        return Outcome(False, f"Not sent: {exc}. Reconnecting…")
    except Exception as exc:  # noqa: BLE001 - whatever broke, the team gets a sentence, not a crash
        return Outcome(False, f"Not sent: {exc or exc.__class__.__name__}.")
    flight.on_success()
    return Outcome(True)


def _standing(room: p.RoomStatus | None) -> tuple[Any, ...]:
    """The parts of the room's status the screens lay out from (the clock is only drawn)."""
    if room is None:
        return ()
    return room.phase, room.paused, room.turn, tuple(room.ready), tuple(room.names)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!", "…")) else ".")


def join_error(exc: BaseException, address: str) -> str:
    """One line for the join screen, whatever went wrong."""
    if isinstance(exc, RoomUnavailable):
        return (f"Cannot reach a room at {address}: check the address, that the facilitator's room is running, "
                "and that this laptop is on the same network.")
    if isinstance(exc, RoomRefused):
        if exc.code == "wrong_code":
            return "That is not this room's join code: check it on the facilitator's screen."
        if exc.code == "room_full":
            return _sentence(str(exc)) + " Ask the facilitator for a place."
        return _sentence(str(exc))
    if isinstance(exc, ValueError):
        return _sentence(str(exc))
    if isinstance(exc, TimeoutError):
        return f"The room at {address} did not answer in time: try again."
    return f"Could not join: {exc}"


async def open_room(address: str, code: str, team: str, token: str | None) -> RoomSession:
    """Join (or rejoin: a token stored on this laptop for this room and team is used by itself)."""
    client = await TeamClient.join(address, code, team, token=token or None)
    return RoomSession(client, address)


__all__ = ["JoinDetails", "RoomSession", "background", "join_error", "open_room"]
