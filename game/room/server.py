"""The room server: websockets in front of the room state machine and its journal.

One asyncio loop. Every client frame is parsed and validated, then handled by
synchronous code — decide, journal (committed to disk), apply, tell people —
with no `await` in between, so requests never interleave and the order people
hear about changes is the journal's order. Sending uses `broadcast`, which
writes without waiting, so one slow laptop never holds up the room.

Who may do what: an unjoined connection may only `join` (with the room's code)
or `facilitate` (with the facilitator secret); a team connection acts only for
its own team, whatever it sends; facilitator commands need the facilitator
secret. Bad frames get an `error` reply and change nothing; a connection that
keeps sending them, or keeps guessing codes, is closed.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel
from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from ..content.loader import load_pack
from ..engine import Game, digest, prepare, state_to_dict
from . import credentials, protocol as p, results
from .journal import Journal, JournalError
from .packs import pack_files
from .room import Decision, Refused, ReplayMismatch, Room, replay

log = logging.getLogger("common_ground.room")

WARNINGS = (60, 10)
"""seconds before the end of a timed quarter at which teams are warned (a room's own are in its settings)"""
MAX_ERRORS = 30
"""consecutive bad frames before a connection is closed"""
MAX_FAILED_JOINS = 5
JOIN_TIMEOUT = 30.0
"""seconds a new connection has to join before it is closed"""
PING_INTERVAL, PING_TIMEOUT = 10.0, 20.0


@dataclass(eq=False)
class Client:
    ws: ServerConnection
    role: str | None = None
    team: int | None = None
    errors: int = 0
    failed_joins: int = 0


@dataclass
class HostedRoom:
    """A room ready to serve, and what the host tells the facilitator about it."""

    server: "RoomServer"
    secret: str
    resumed: bool
    notes: list[str] = field(default_factory=list)


class RoomServer:
    def __init__(self, room: Room, journal: Journal, files: dict[str, str], *,
                 clock: Callable[[], float] = time.time) -> None:
        self.room = room
        self.journal = journal
        self.files = files
        self.now = clock
        self.clients: set[Client] = set()
        self._clock_changed = asyncio.Event()
        self.warnings: tuple[int, ...] = tuple(room.settings.get("warnings", WARNINGS))
        self._warned: set[int] = set()
        self._rows: dict[int, tuple[tuple[Any, ...], p.TeamRow]] = {}
        self.stopped = asyncio.Event()
        self.exports: tuple[Path, Path] | None = None
        info = room.game.pack.info
        self.pack_ref = p.PackRef(id=info.id, hash=room.game.pack.content_hash, title=info.title)

    # ------------------------------------------------------------------ running

    async def run(self, sock: socket.socket) -> None:
        """Serve on an already-bound listening socket until `stop()`."""
        gc.freeze()  # the pack, the rebuilt games and the imports live as long as the room
        async with serve(self._connection, sock=sock, max_size=p.SERVER_MAX_SIZE, ping_interval=PING_INTERVAL,
                         ping_timeout=PING_TIMEOUT, max_queue=64, logger=log):
            timer = asyncio.create_task(self._timer_loop())
            self._advance_if_due()  # a room that crashed just after the last team became ready
            try:
                await self.stopped.wait()
            finally:
                timer.cancel()
                self._hold_the_clock()

    def stop(self) -> None:
        self.stopped.set()

    def _hold_the_clock(self) -> None:
        """On a clean stop (Ctrl-C, the console closed) journal a pause with the time the quarter has left.

        A restart rebuilds the clock from the last journal entry, so without this every second since the
        last thing anyone did (up to a whole quarter) was given back to the teams."""
        room = self.room
        if room.phase == "playing" and room.clock.running and not room.paused:
            self._commit_pause_quietly()

    async def _connection(self, ws: ServerConnection) -> None:
        client = Client(ws)
        self.clients.add(client)
        try:
            while True:
                timeout = None if client.role else JOIN_TIMEOUT
                try:
                    text = await asyncio.wait_for(ws.recv(), timeout)
                except asyncio.TimeoutError:
                    await ws.close(1008, "join the room first")
                    return
                self.handle(client, text)
                if client.errors >= MAX_ERRORS or client.failed_joins >= MAX_FAILED_JOINS:
                    await ws.close(1008, "too many bad messages")
                    return
        except ConnectionClosed:
            pass
        finally:
            self.clients.discard(client)
            if client.role == "team":
                self._tell_facilitators()

    # ------------------------------------------------------------------ one frame

    def handle(self, client: Client, text: str | bytes) -> None:
        ref = None
        try:
            message = p.parse_client(text)
            ref = message.ref
            self._dispatch(client, message)
            client.errors = 0
        except p.BadMessage as exc:
            self._error(client, exc.code, str(exc), ref)
        except Refused as exc:
            self._error(client, exc.code, exc.message, ref)
            if exc.resync and client.team is not None:
                self._send_state(client, client.team)
                self._send(client, self._status())
        except JournalError as exc:
            log.error("%s", exc)
            self._error(client, "journal", f"the room could not save that, so it did not happen ({exc})", ref)
        except Exception:  # a bug must cost one request, not the room
            log.exception("request failed")
            self._error(client, "internal", "the room hit an internal error with that request; "
                        "nothing was changed", ref)

    def _dispatch(self, client: Client, m: Any) -> None:
        if m.type in ("join", "facilitate"):
            if client.role is not None:
                raise Refused("bad_message", "this connection has already joined")
            if m.protocol != p.PROTOCOL:
                raise Refused("protocol", f"this room speaks protocol {p.PROTOCOL}, the client {m.protocol}; "
                              "update Common Ground on one of the laptops")
            (self._join if m.type == "join" else self._facilitate)(client, m)
            return
        if client.role is None:
            raise Refused("not_joined", "join the room first")
        allowed = p.TEAM_REQUESTS if client.role == "team" else p.FACILITATOR_REQUESTS
        if m.type not in allowed:
            raise Refused("forbidden", "only the facilitator can do that" if client.role == "team"
                          else "the facilitator does not play a team")
        getattr(self, f"_on_{m.type}")(client, m)

    # ------------------------------------------------------------------ joining

    def _join(self, client: Client, m: p.Join) -> None:
        if not credentials.same_code(m.code, self.room.code):
            client.failed_joins += 1
            raise Refused("wrong_code", "that is not this room's join code")
        token = None
        team = self._team_for_token(m.token) if m.token else None
        if m.token and team is None:
            client.failed_joins += 1
            raise Refused("bad_token", "that token does not belong to any team in this room; "
                          "the facilitator can issue a new one")
        if team is None:
            decision, token = self.room.decide_claim(m.team)
            self._commit(decision)
            team = decision.team
        client.role, client.team = "team", team
        t = self.room.teams[team]
        self._send(client, self._status())
        self._send(client, p.Welcome(role="team", team=team, name=t.name, token=token, pack=self.pack_ref,
                                     reply_to=m.ref))
        self._send_state(client, team)
        for _at, text in self.room.notices[-3:]:
            self._send(client, p.Notice(kind="broadcast", text=text))
        self._tell_facilitators()

    def _team_for_token(self, token: str) -> int | None:
        return next((t.index for t in self.room.teams if credentials.matches(token, t.token_hash)), None)

    def _facilitate(self, client: Client, m: p.Facilitate) -> None:
        if not credentials.matches(m.secret, self.room.facilitator_hash):
            client.failed_joins += 1
            raise Refused("bad_token", "that is not the facilitator secret")
        client.role = "facilitator"
        events = [p.EventRef(id=e.id, title=e.title, has_choices=bool(e.choices))
                  for e in self.room.game.pack.events if e.injectable]
        self._send(client, self._status())
        self._send(client, self._teams())
        problems = {problem.id: problem.name for problem in self.room.game.pack.problems}
        self._send(client, p.Welcome(role="facilitator", pack=self.pack_ref, events=events, code=self.room.code,
                                     problems=problems, reply_to=m.ref))

    # ------------------------------------------------------------------ team requests

    def _on_act(self, client: Client, m: p.Act) -> None:
        assert client.team is not None
        decision = self.room.decide_action(client.team, m.turn, m.at, dict(m.action))
        self._commit(decision, reply=(client, m.ref))

    def _on_unready(self, client: Client, m: p.Unready) -> None:
        assert client.team is not None
        self._commit(self.room.decide_unready(client.team), reply=(client, m.ref))

    def _on_sync(self, client: Client, m: p.Sync) -> None:
        teams = [client.team] if client.role == "team" else range(len(self.room.teams))
        for index in teams:
            self._send_state(client, index)  # type: ignore[arg-type]
        self._send(client, p.Ack(detail="sync", reply_to=m.ref))  # after the states, so they are in hand

    def _on_get_pack(self, client: Client, m: p.GetPack) -> None:
        self._send(client, p.PackFiles(pack=self.pack_ref, files=self.files, reply_to=m.ref))

    # ------------------------------------------------------------------ facilitator requests

    def _on_start(self, client: Client, m: p.Start) -> None:
        self._commit(self.room.decide_simple("start"), reply=(client, m.ref))

    def _on_pause(self, client: Client, m: p.Pause) -> None:
        self._commit(self.room.decide_simple("pause"), reply=(client, m.ref))

    def _on_resume(self, client: Client, m: p.Resume) -> None:
        self._commit(self.room.decide_simple("resume"), reply=(client, m.ref))

    def _on_set_timer(self, client: Client, m: p.SetTimer) -> None:
        self._commit(self.room.decide_simple("timer", seconds=m.seconds), reply=(client, m.ref))

    def _on_broadcast(self, client: Client, m: p.Broadcast) -> None:
        self._commit(self.room.decide_simple("broadcast", text=m.text), reply=(client, m.ref))

    def _on_auto_advance(self, client: Client, m: p.AutoAdvance) -> None:
        self._commit(self.room.decide_simple("auto_advance", on=m.on), reply=(client, m.ref))

    def _on_end_game(self, client: Client, m: p.EndGame) -> None:
        self._commit(self.room.decide_simple("end"), reply=(client, m.ref))

    def _on_inject(self, client: Client, m: p.Inject) -> None:
        self._commit(self.room.decide_inject(m.event, m.team), reply=(client, m.ref))

    def _on_advance(self, client: Client, m: p.Advance) -> None:
        self._commit(self.room.decide_advance("facilitator"), reply=(client, m.ref))

    def _on_reissue_token(self, client: Client, m: p.ReissueToken) -> None:
        decision, token = self.room.decide_token(m.team)
        self._commit(decision)
        self._send(client, p.Token(team=m.team, token=token, reply_to=m.ref))

    def _on_get_debrief(self, client: Client, m: p.GetDebrief) -> None:
        self._send(client, p.Debrief(data=results.debrief(self.room), reply_to=m.ref))

    def _on_export(self, client: Client, m: p.Export) -> None:
        csv_path, html_path = self.export()
        self._send(client, p.Exported(csv=str(csv_path), html=str(html_path), reply_to=m.ref))

    def export(self) -> tuple[Path, Path]:
        self.exports = results.export(self.room, self.journal.path.parent, self.journal.path.stem)
        return self.exports

    # ------------------------------------------------------------------ the one way the room changes

    def _commit(self, decision: Decision, reply: tuple[Client, int | None] | None = None) -> None:
        """Journal the decision (durably), apply it, then tell everyone concerned."""
        entry = self.journal.append(decision.kind, decision.team, decision.body, at=self.now())
        phase = self.room.phase
        change = self.room.apply(entry, decision.prepared)
        replied = False
        by_team: dict[int, list[tuple[dict[str, Any], str]]] = {}
        for team, action, origin in change.applied:
            by_team.setdefault(team, []).append((action, origin))
        for team, actions in by_team.items():
            final = self.room.teams[team]
            version = final.version - len(actions)
            for i, (action, origin) in enumerate(actions):
                version += 1
                last = i == len(actions) - 1
                message = p.Applied(team=team, version=version, action=action, origin=origin,
                                    check=p.state_check(final.state) if last else "")
                if reply is not None and reply[0].team == team and origin == "team" and not replied:
                    self._send_team(team, message, except_client=reply[0])
                    self._send(reply[0], message.model_copy(update={"reply_to": reply[1]}))
                    replied = True
                else:
                    self._send_team(team, message)
        for kind, text, team in change.notices:
            self._notify(kind, text, team)
        if decision.kind != "action" or change.advanced:
            self._send_all(self._status())
            self._clock_changed.set()
        if reply is not None and not replied:  # last, so the requester has heard everything the change did
            self._send(reply[0], p.Ack(detail=decision.kind, reply_to=reply[1]))
        if change.advanced:
            gc.freeze()  # last quarter's games are settled: keep the collector from re-scanning them (~20 ms a pass)
        if change.advanced or decision.kind in ("start", "timer"):
            self._warned = {w for w in self.warnings if w >= self.room.clock.seconds}
        self._tell_facilitators()
        if self.room.phase == "over" and phase != "over":
            self._finished()
        elif decision.kind in ("ready", "auto_advance"):
            self._advance_if_due()

    def _advance_if_due(self) -> None:
        if self.room.should_advance():
            self._commit(self.room.decide_advance("all_ready"))

    def _finished(self) -> None:
        try:
            csv_path, html_path = self.export()
        except OSError as exc:
            self._notify("warning", f"Could not write the results: {exc}", None, facilitators_only=True)
            return
        self._notify("info", f"Results written to {html_path} and {csv_path.name}.", None, facilitators_only=True)

    # ------------------------------------------------------------------ the quarter's clock

    async def _timer_loop(self) -> None:
        while True:
            self._clock_changed.clear()
            clock = self.room.clock
            remaining = clock.remaining(self.now())
            if not clock.running or remaining is None or self.room.phase != "playing":
                await self._clock_changed.wait()
                continue
            due = [w for w in self.warnings if w not in self._warned and w < remaining]
            wait = remaining - (max(due) if due else 0.0)
            try:
                await asyncio.wait_for(self._clock_changed.wait(), timeout=max(0.0, wait))
                continue
            except asyncio.TimeoutError:
                pass
            self._tick()

    def _tick(self) -> None:
        remaining = self.room.clock.remaining(self.now())
        if remaining is None:
            return
        if remaining <= 0.05:
            try:
                self._commit(self.room.decide_advance("timer"))
            except (Refused, JournalError) as exc:
                log.error("the timer could not end the quarter: %s", exc)
                self._notify("warning", f"The timer could not end the quarter: {exc}", None,
                             facilitators_only=True)
                self._commit_pause_quietly()
            return
        crossed = [w for w in self.warnings if w not in self._warned and remaining <= w + 0.05]
        if crossed:
            self._warned.update(crossed)
            self._notify("warning", f"{_duration(min(crossed))} left in this quarter.", None)

    def _commit_pause_quietly(self) -> None:
        try:
            self._commit(self.room.decide_simple("pause"))
        except (Refused, JournalError):
            pass

    # ------------------------------------------------------------------ sending

    def _status(self) -> p.RoomStatus:
        r = self.room
        return p.RoomStatus(phase=r.phase, turn=r.turn, turns=r.game.turns, paused=r.paused,
                            auto_advance=r.auto_advance, timer=r.clock.status(self.now()),
                            ready=[t.index for t in r.teams if t.ready], names=[t.name for t in r.teams])

    def _teams(self) -> p.Teams:
        counts: dict[int, int] = {}
        for c in self.clients:
            if c.role == "team" and c.team is not None:
                counts[c.team] = counts.get(c.team, 0) + 1
        rows = []
        for t in self.room.teams:
            key = (t.version, t.ready, t.name, counts.get(t.index, 0), t.own, t.auto)
            cached = self._rows.get(t.index)
            if cached is None or cached[0] != key:
                cached = (key, results.team_row(t, counts.get(t.index, 0)))
                self._rows[t.index] = cached
            rows.append(cached[1])
        return p.Teams(rows=rows)

    def _tell_facilitators(self) -> None:
        facilitators = [c for c in self.clients if c.role == "facilitator"]
        if facilitators:
            self._broadcast(facilitators, self._teams())

    def _send_state(self, client: Client, team: int) -> None:
        state = self.room.teams[team].state
        self._send(client, p.StateMessage(team=team, version=p.version_of(state), digest=digest(state),
                                          state=state_to_dict(state)))

    def _notify(self, kind: str, text: str, team: int | None, facilitators_only: bool = False) -> None:
        targets = [c for c in self.clients if c.role == "facilitator"
                   or (not facilitators_only and c.role == "team" and (team is None or c.team == team))]
        self._broadcast(targets, p.Notice(kind=kind, text=text))  # type: ignore[arg-type]

    def _send_team(self, team: int, message: BaseModel, except_client: Client | None = None) -> None:
        self._broadcast([c for c in self.clients if c.team == team and c is not except_client], message)

    def _send_all(self, message: BaseModel) -> None:
        self._broadcast([c for c in self.clients if c.role is not None], message)

    def _send(self, client: Client, message: BaseModel) -> None:
        self._broadcast([client], message)

    def _error(self, client: Client, code: str, text: str, ref: int | None) -> None:
        client.errors += 1
        self._send(client, p.ErrorReply(code=code, message=text, reply_to=ref))  # type: ignore[arg-type]

    @staticmethod
    def _broadcast(clients: list[Client], message: BaseModel) -> None:
        if clients:
            broadcast([c.ws for c in clients], p.encode(message))


def _duration(seconds: int) -> str:
    unit, count = ("minute", seconds // 60) if seconds % 60 == 0 else ("second", seconds)
    return f"{count} {unit}{'s' if count != 1 else ''}"


# ---------------------------------------------------------------------- opening a room


def create_room(pack_path: Path, journal_path: Path, *, teams: int, seed: int | None = None, timer: int = 0,
                warnings: tuple[int, ...] = WARNINGS) -> HostedRoom:
    """A new room on a new journal. Raises PackError, JournalError."""
    pack = load_pack(pack_path)
    game = prepare(pack)
    journal = Journal.create(journal_path)
    journal.claim()
    secret = credentials.new_secret()
    body = {
        "pack": {"id": pack.info.id, "hash": pack.content_hash, "title": pack.info.title,
                 "path": str(Path(pack_path).resolve())},
        "seed": pack.info.seed if seed is None else seed, "teams": teams, "code": credentials.new_join_code(),
        "facilitator": credentials.hashed(secret), "timer": timer, "warnings": list(warnings), "auto_advance": True,
    }
    entry = journal.append("create", None, body)
    room = Room(game, entry.body)
    return HostedRoom(RoomServer(room, journal, pack_files(Path(pack_path))), secret, resumed=False)


def resume_room(pack_path: Path, journal_path: Path) -> HostedRoom:
    """The room a journal describes, rebuilt exactly, with a new facilitator secret.

    Raises PackError, JournalError, ReplayMismatch (with messages for the facilitator).
    """
    journal = Journal.open(journal_path)
    try:
        journal.claim()
    except JournalError:
        journal.close()
        raise
    entries = list(journal.entries())
    if not entries or entries[0].kind != "create":
        raise JournalError(f"{journal_path} holds no room")
    recorded = entries[0].body["pack"]
    pack = load_pack(pack_path)
    if pack.info.id != recorded["id"] or pack.content_hash != recorded["hash"]:
        raise JournalError(f"this room was played with the pack '{recorded['id']}' as it was at "
                           f"{recorded['path']}; {pack_path} is {'another pack' if pack.info.id != recorded['id'] else 'a changed version of it'}"
                           ", so the room cannot be rebuilt from it")
    game: Game = prepare(pack)
    room, last = replay(game, entries)
    server = RoomServer(room, journal, pack_files(Path(pack_path)))
    notes = [f"Rebuilt the room from {len(entries)} journal entries: quarter {room.turn}, phase {room.phase}."]
    if room.phase == "playing" and room.clock.running and not room.paused and last is not None:
        left = room.clock.remaining(last.at)
        server._commit(Decision("pause", None, {"remaining": left, "reason": "restart"}))
        notes.append("The room was restarted mid-quarter with the timer running: it is paused until you resume it.")
    elif room.phase == "playing" and room.paused:
        notes.append("The room is paused, as it was when it stopped: resume it from the console when the teams "
                     "are back.")
    decision, secret = room.decide_secret()
    server._commit(decision)
    return HostedRoom(server, secret, resumed=True, notes=notes)


__all__ = ["HostedRoom", "ReplayMismatch", "RoomServer", "create_room", "resume_room"]
