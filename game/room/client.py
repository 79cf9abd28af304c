"""Clients for the room: a team's (`TeamClient`) and the facilitator's (`FacilitatorClient`).

Team client, for screens and scripts::

    client = await TeamClient.join("192.168.1.20:8765", code="K7QP2M", team="Red")
    client.state          # the team's game (game.engine.State), always current
    client.version        # its version: len(client.state.actions)
    client.room           # RoomStatus: phase, turn, paused, timer, who is ready
    client.token          # the team's rejoin token: show it, so the team can write it down
    await client.submit(Commission("adult_care", "alliance", "shelter"))   # -> the new State
    await client.end_turn()       # 'we are ready'; the room moves on when every team is
    await client.unready()        # take that back
    client.updates        # queue.Queue of (kind, message) for screens to drain each frame:
                          #   'state' (whole state replaced), 'applied', 'room', 'notice', 'error',
                          #   'connection' ('lost' / 'back' / 'gone')
    await client.close()

`submit` raises `RoomRefused` (with `.code` and a message written for the
player) when the room refuses: an illegal action, the room paused, or a stale
action — in which case the client has already been sent the current state.

How the state is kept: the server sends the whole state on joining (the
engine's `state_to_dict`), rebuilt here with `state_from_dict` on the same
pack prepared locally; after that each change arrives as the action itself,
which the client applies with the engine's `step` and checks against the
server's fingerprint of the result, asking for the whole state again if they
ever differ (see game.room.protocol). The pack comes from `pack=` (a Pack,
Game or folder), else a built-in scenario with the same id and content hash,
else it is fetched from the room into a cache folder.

If the connection drops (the host restarted, the Wi-Fi blinked) the client
keeps trying to rejoin with its token for `reconnect_for` seconds, and the
state is replaced by the room's on return. From pygame, run the client on its
own event loop thread with `BackgroundLoop` and read `client.state` /
drain `client.updates` from the main loop.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import queue
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Awaitable, Coroutine, TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from ..content.loader import PackError, load_pack
from ..content.models import Pack
from ..saves.atomic import atomic_write
from ..engine import (
    Action, EndTurn, Game, IllegalAction, State, action_from_dict, action_to_dict, prepare, state_from_dict, step,
)
from . import credentials, protocol as p
from .packs import PackMismatch, check_pack, find_pack, load_fetched

BUILT_IN = Path(__file__).resolve().parents[2] / "scenarios"
T = TypeVar("T")


class RoomRefused(Exception):
    """The room said no; `code` is the protocol's error code, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class RoomUnavailable(Exception):
    """The room cannot be reached (or was lost); the message says what to check."""


def data_dir() -> Path:
    """The per-user folder the game keeps its saves in (or $COMMON_GROUND_HOME): tokens, fetched packs and
    room journals live beside them."""
    from ..saves.store import saves_dir

    return saves_dir().parent


def parse_address(address: str) -> str:
    """'host:port' (or a ws:// URL) as a websocket URL.

    An address copied as a web link (`http://192.168.1.20:8765/`) means the same room: without
    this it became `ws://http://…` and failed as an unknown host name."""
    text = address.strip().rstrip("/")
    if text.startswith(("ws://", "wss://")):
        return text
    text = text.removeprefix("http://").removeprefix("https://")
    host, sep, port = text.rpartition(":")
    if (not sep or not host or any(c in host for c in "/ \t") or not port.isdigit()
            or not 0 < int(port) < 65536):
        raise ValueError(f"'{address}' is not HOST:PORT (for example 192.168.1.20:8765)")
    return f"ws://{host}:{port}"


class TokenStore:
    """Rejoin tokens kept on this laptop, by room and team, so a crashed game rejoins by itself."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "room-tokens.json"

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    @staticmethod
    def key(url: str, code: str, team: str) -> str:
        return f"{url}|{code.upper()}|{team.casefold()}"

    def get(self, url: str, code: str, team: str) -> str | None:
        return self._load().get(self.key(url, code, team))

    def put(self, url: str, code: str, team: str, token: str) -> None:
        data = self._load()
        data[self.key(url, code, team)] = token
        try:
            atomic_write(self.path, json.dumps(data, indent=1).encode("utf-8"))
        except OSError:
            pass  # the token is also shown to the team; losing the file costs convenience only


class RoomClient:
    """A connection to the room: sends requests, matches replies, keeps reading in the background."""

    role = ""

    def __init__(self, url: str, *, reconnect_for: float = 300.0) -> None:
        self.url = url
        self.reconnect_for = reconnect_for
        self.updates: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.room: p.RoomStatus | None = None
        self.notices: list[p.Notice] = []
        self.pack_ref: p.PackRef | None = None
        self._ws: ClientConnection | None = None
        self._refs = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[Any]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._closing = False
        self._reconnecting = False

    # ------------------------------------------------------------------ connection

    async def _open(self) -> None:
        try:
            self._ws = await connect(self.url, max_size=p.CLIENT_MAX_SIZE, open_timeout=10, ping_interval=10,
                                     ping_timeout=20)
        except (OSError, InvalidHandshake, InvalidURI, asyncio.TimeoutError) as exc:
            raise RoomUnavailable(f"cannot reach the room at {self.url} ({exc}); check the address, that the "
                                  "host is running, and that both laptops are on the same network") from None
        self._reader = asyncio.create_task(self._read(self._ws))

    async def _hello(self) -> p.Welcome:
        raise NotImplementedError

    async def _start(self) -> None:
        """Connect and introduce ourselves; on any failure leave nothing open."""
        await self._open()
        try:
            await self._hello()
        except BaseException:
            await self.close()
            raise

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for text in ws:
                try:
                    message = p.parse_server(text)
                except ValueError:
                    self.updates.put(("error", p.ErrorReply(code="bad_message", message="unreadable message "
                                                            "from the room (is it a newer version?)")))
                    continue
                self._receive(message)
        except ConnectionClosed:
            pass
        self._fail_waiting(RoomUnavailable("the connection to the room was lost"))
        if not self._closing and not self._reconnecting:
            self._reconnecting = True
            asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        """Rejoin after a lost connection, backing off, for up to `reconnect_for` seconds.

        A refusal (the token was replaced, the room is another room now) ends the attempts for good.
        """
        self.updates.put(("connection", "lost"))
        delay, waited = 0.25, 0.0
        try:
            while waited < self.reconnect_for and not self._closing:
                await asyncio.sleep(delay)
                waited += delay
                delay = min(delay * 2, 5.0)
                try:
                    await self._open()
                    await self._hello()
                except RoomRefused as exc:
                    self._closing = True
                    self.updates.put(("error", p.ErrorReply(code=exc.code, message=str(exc))))  # type: ignore[arg-type]
                    break
                except (RoomUnavailable, OSError, asyncio.TimeoutError):
                    if self._ws is not None:
                        await self._ws.close()
                    continue
                self.updates.put(("connection", "back"))
                return
            self.updates.put(("connection", "gone"))
        finally:
            self._reconnecting = False
        if self._ws is not None:
            await self._ws.close()

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    def _fail_waiting(self, exc: Exception) -> None:
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(exc)
        self._waiting.clear()

    # ------------------------------------------------------------------ requests and replies

    async def request(self, message: p.Request, timeout: float = 30.0) -> Any:
        """Send a request and wait for its reply; an error reply raises RoomRefused."""
        if self._ws is None:
            raise RoomUnavailable("not connected to the room")
        ref = next(self._refs)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting[ref] = future
        try:
            await self._ws.send(p.encode(message.model_copy(update={"ref": ref})))
            return await asyncio.wait_for(future, timeout)
        except ConnectionClosed:
            raise RoomUnavailable("the connection to the room was lost") from None
        finally:
            self._waiting.pop(ref, None)

    def _receive(self, message: Any) -> None:
        self._handle(message)
        future = self._waiting.get(message.reply_to) if message.reply_to is not None else None
        if future is not None and not future.done():
            if isinstance(message, p.ErrorReply):
                future.set_exception(RoomRefused(message.code, message.message))
            else:
                future.set_result(message)
        elif isinstance(message, p.ErrorReply):
            self.updates.put(("error", message))

    def _handle(self, message: Any) -> None:
        if isinstance(message, p.RoomStatus):
            self.room = message
            self.updates.put(("room", message))
        elif isinstance(message, p.Notice):
            self.notices = [*self.notices, message][-50:]
            self.updates.put(("notice", message))


class TeamClient(RoomClient):
    role = "team"

    def __init__(self, url: str, code: str, team: str, *, token: str | None = None,
                 pack: Pack | Game | str | Path | None = None, pack_dirs: tuple[Path, ...] = (),
                 tokens: TokenStore | None = None, cache: Path | None = None, reconnect_for: float = 300.0) -> None:
        super().__init__(url, reconnect_for=reconnect_for)
        self.code = credentials.normalise(code) or code  # shown on the team's screen as the room writes it
        self.name = team
        self.tokens = tokens or TokenStore()
        self.token = token.strip().upper() if token else self.tokens.get(url, code, team)  # shown back as issued
        self.team: int | None = None
        self._pack_arg = pack
        self._pack_dirs = pack_dirs
        self._cache = cache or data_dir() / "room-packs"
        self.game: Game | None = None
        self._state: State | None = None
        self._raw: p.StateMessage | None = None
        self._have_state = asyncio.Event()

    @classmethod
    async def join(cls, address: str, code: str, team: str, **options: Any) -> "TeamClient":
        """Connect, join (or rejoin with a known token) and wait for the team's state."""
        client = cls(parse_address(address), code, team, **options)
        await client._start()
        return client

    async def _hello(self) -> p.Welcome:
        self._have_state.clear()
        welcome: p.Welcome = await self.request(p.Join(code=self.code, team=self.name, token=self.token))
        if self.game is None or self.game.pack.content_hash != welcome.pack.hash:
            self.game = prepare(await self._find_pack(welcome.pack))
            if self._raw is not None:
                self._take_state(self._raw)
        await asyncio.wait_for(self._have_state.wait(), 30)
        return welcome

    async def _find_pack(self, ref: p.PackRef) -> Pack:
        given = self._pack_arg
        try:
            if isinstance(given, Game):
                return check_pack(given.pack, ref.id, ref.hash, "the pack given")
            if isinstance(given, Pack):
                return check_pack(given, ref.id, ref.hash, "the pack given")
            if given is not None:
                return check_pack(load_pack(given), ref.id, ref.hash, str(given))
            found = find_pack(ref.id, ref.hash, [*self._pack_dirs, BUILT_IN, self._cache / ref.hash])
            if found is not None:
                return found
            files: p.PackFiles = await self.request(p.GetPack())
            return load_fetched(files.files, ref.id, ref.hash, self._cache)
        except PackError as exc:
            raise RoomRefused("protocol", f"the pack {given} does not load: {exc.problems[0]}") from None
        except PackMismatch as exc:
            raise RoomRefused("protocol", str(exc)) from None
        except OSError as exc:
            raise RoomRefused("protocol", f"cannot store the room's pack on this laptop: {exc}") from None

    # ------------------------------------------------------------------ what screens read

    @property
    def state(self) -> State:
        if self._state is None:
            raise RoomUnavailable("no state yet: join the room first")
        return self._state

    @property
    def version(self) -> int:
        return p.version_of(self.state)

    @property
    def ready(self) -> bool:
        return self.room is not None and self.team in self.room.ready

    # ------------------------------------------------------------------ what players do

    async def submit(self, action: Action) -> State:
        """Send an action made against the current state; returns the state after it (or raises RoomRefused)."""
        state = self.state
        await self.request(p.Act(turn=state.turn, at=p.version_of(state), action=action_to_dict(action)))
        return self.state

    async def end_turn(self) -> None:
        await self.submit(EndTurn())

    async def unready(self) -> None:
        await self.request(p.Unready())

    async def sync(self) -> State:
        await self.request(p.Sync())
        return self.state

    # ------------------------------------------------------------------ keeping the state current

    def _handle(self, message: Any) -> None:
        super()._handle(message)
        if isinstance(message, p.Welcome):  # here, not in _hello: the state follows before _hello resumes
            self.team, self.name, self.pack_ref = message.team, message.name or self.name, message.pack
            if message.token:
                self.token = message.token
                self.tokens.put(self.url, self.code, self.name, message.token)
        elif isinstance(message, p.StateMessage) and message.team == self.team:
            self._take_state(message)
        elif isinstance(message, p.Applied) and message.team == self.team:
            self._apply(message)

    def _take_state(self, message: p.StateMessage) -> None:
        if self.game is None:
            self._raw = message  # the pack is still being found; built once it is
            return
        if message.state.get("pack", {}).get("hash") != self.game.pack.content_hash:
            self.updates.put(("error", p.ErrorReply(code="protocol", message="the room sent a state for another pack")))
            return
        try:
            self._state = state_from_dict(self.game, message.state)
        except (KeyError, TypeError, ValueError) as exc:
            self.updates.put(("error", p.ErrorReply(code="protocol", message=f"unreadable state from the room ({exc})")))
            return
        self._raw = None
        self._have_state.set()
        self.updates.put(("state", self._state))

    def _apply(self, message: p.Applied) -> None:
        state = self._state
        if state is None or message.version != p.version_of(state) + 1:
            self._resync()
            return
        try:
            new = step(state, action_from_dict(message.action))
        except IllegalAction:
            self._resync()
            return
        if message.check and p.state_check(new) != message.check:
            self._resync()
            return
        self._state = new
        self.updates.put(("applied", message))

    def _resync(self) -> None:
        """Our copy has drifted from the room's: ask for the whole state (it arrives as a 'state' message)."""
        if self._ws is not None:
            asyncio.get_running_loop().create_task(self._ws.send(p.encode(p.Sync())))


class FacilitatorClient(RoomClient):
    """Drives the room; everything it learns arrives as server messages kept in `.room`, `.rows`, `.events`."""

    role = "facilitator"

    def __init__(self, url: str, secret: str, *, reconnect_for: float = 300.0) -> None:
        super().__init__(url, reconnect_for=reconnect_for)
        self.secret = secret
        self.rows: list[p.TeamRow] = []
        self.events: list[p.EventRef] = []
        self.problems: dict[str, str] = {}
        """problem id → the name the teams see"""
        self.code = ""
        self.states: dict[int, p.StateMessage] = {}

    @classmethod
    async def connect(cls, address: str, secret: str, **options: Any) -> "FacilitatorClient":
        client = cls(parse_address(address), secret, **options)
        await client._start()
        return client

    async def _hello(self) -> p.Welcome:
        welcome: p.Welcome = await self.request(p.Facilitate(secret=self.secret))
        self.pack_ref, self.events, self.code = welcome.pack, welcome.events, welcome.code or ""
        self.problems = welcome.problems
        return welcome

    def _handle(self, message: Any) -> None:
        super()._handle(message)
        if isinstance(message, p.Teams):
            self.rows = message.rows
            self.updates.put(("teams", message))
        elif isinstance(message, p.StateMessage):
            self.states[message.team] = message

    async def command(self, message: p.Request) -> Any:
        return await self.request(message)

    async def start(self) -> None:
        await self.request(p.Start())

    async def pause(self) -> None:
        await self.request(p.Pause())

    async def resume(self) -> None:
        await self.request(p.Resume())

    async def set_timer(self, seconds: int) -> None:
        await self.request(p.SetTimer(seconds=seconds))

    async def inject(self, event: str, team: int | None = None) -> None:
        await self.request(p.Inject(event=event, team=team))

    async def broadcast(self, text: str) -> None:
        await self.request(p.Broadcast(text=text))

    async def advance(self) -> None:
        await self.request(p.Advance())

    async def auto_advance(self, on: bool) -> None:
        await self.request(p.AutoAdvance(on=on))

    async def end_game(self) -> None:
        await self.request(p.EndGame())

    async def reissue_token(self, team: int) -> str:
        reply: p.Token = await self.request(p.ReissueToken(team=team))
        return reply.token

    async def debrief(self) -> dict[str, Any]:
        reply: p.Debrief = await self.request(p.GetDebrief())
        return reply.data

    async def export(self) -> tuple[str, str]:
        reply: p.Exported = await self.request(p.Export())
        return reply.csv, reply.html

    async def sync(self) -> dict[int, p.StateMessage]:
        """Every team's whole state, with its digest, by team index."""
        self.states = {}
        await self.request(p.Sync())  # acknowledged after the last state
        return dict(self.states)


class BackgroundLoop:
    """An asyncio loop on its own thread, so a pygame main loop can use the clients without blocking.

    `run(coro)` waits for a result; `spawn(coro)` returns a concurrent Future to check each frame.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="room-client", daemon=True)
        self._thread.start()

    def spawn(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(self, coro: Awaitable[T], timeout: float | None = 60.0) -> T:
        return self.spawn(coro).result(timeout)  # type: ignore[arg-type]

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
