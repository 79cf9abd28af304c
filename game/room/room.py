"""The room as a state machine: every team's authoritative game, the phase, the clock.

No sockets and no clock of its own. Changing the room takes two steps:
`decide_*` checks a request against the room and returns a `Decision` (or
raises `Refused`, changing nothing); the server commits the decision to the
journal and then calls `apply` with the committed entry. Replaying a journal
calls `apply` on each entry in order, so a resumed room goes through exactly
the code the live room went through, and its games come out with the same
digests.

Lockstep. All teams play the same quarter. A team ending its quarter only
marks itself ready (`ready`); the room moves every game on together
(`advance`) when all teams in play are ready, when the facilitator says so, or
when the timer runs out. Whoever has not finished then has the room end their
quarter for them, answering any waiting choice with its first option; those
automatic actions are written into the `advance` entry, with a check of each
resulting game, so a replay that came out differently would be caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..engine import (
    Choose, EndTurn, Game, IllegalAction, InjectEvent, State, action_from_dict, action_to_dict, new_game, step,
)
from . import credentials
from .journal import Entry
from .protocol import TimerStatus, state_check, version_of

NOTICES_KEPT = 20


class Refused(Exception):
    """A request the room will not carry out; `resync` asks the server to send the team its current state."""

    def __init__(self, code: str, message: str, resync: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.resync = resync


class ReplayMismatch(Exception):
    """Replaying the journal produced a different game than the one recorded."""


@dataclass(slots=True)
class Team:
    index: int
    state: State
    name: str | None = None
    token_hash: str | None = None
    ready: bool = False
    own: int = 0
    """actions the team took itself"""
    auto: int = 0
    """choices and quarter-ends the room made for them"""

    @property
    def claimed(self) -> bool:
        return self.name is not None

    @property
    def version(self) -> int:
        return version_of(self.state)

    @property
    def in_play(self) -> bool:
        return not self.state.is_over


@dataclass(frozen=True, slots=True)
class Decision:
    """A change the room has agreed to make, to be journalled and then applied."""

    kind: str
    team: int | None = None
    body: dict[str, Any] = field(default_factory=dict)
    prepared: Any = None
    """results already computed while deciding (new states), so applying does not compute them twice"""


@dataclass(slots=True)
class Change:
    """What applying one entry did, for the server to tell people about."""

    applied: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)
    """(team, action dict, origin) in order"""
    notices: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(kind, text, team or None for everyone)"""
    advanced: bool = False


@dataclass(slots=True)
class Clock:
    """The quarter's timer. `left` is the time remaining at the moment `since`; it runs down from then."""

    seconds: int = 0
    left: float | None = None
    since: float = 0.0
    running: bool = False

    def remaining(self, now: float) -> float | None:
        if self.left is None:
            return None
        return max(0.0, self.left - (now - self.since)) if self.running else self.left

    def restart(self, now: float, running: bool) -> None:
        self.left = float(self.seconds) if self.seconds else None
        self.since = now
        self.running = running and self.left is not None

    def hold(self, now: float, left: float | None = None) -> None:
        self.left = self.remaining(now) if left is None else left
        self.running = False

    def go(self, now: float) -> None:
        self.since = now
        self.running = self.left is not None

    def status(self, now: float) -> TimerStatus:
        return TimerStatus(seconds=self.seconds, remaining=self.remaining(now), running=self.running)


class Room:
    def __init__(self, game: Game, create: dict[str, Any]) -> None:
        self.game = game
        self.settings = create
        self.code: str = create["code"]
        self.facilitator_hash: str = create["facilitator"]
        self.phase = "lobby"
        self.paused = False
        self.auto_advance: bool = create.get("auto_advance", True)
        self.clock = Clock(seconds=int(create.get("timer", 0)))
        self.clock.restart(0.0, running=False)
        start = new_game(game, create["seed"])
        self.teams = [Team(i, start) for i in range(int(create["teams"]))]
        self.notices: list[tuple[float, str]] = []

    # ------------------------------------------------------------------ reading

    @property
    def turn(self) -> int:
        return min((t.state.turn for t in self.teams if t.in_play), default=self.game.turns)

    def team_by_name(self, name: str) -> Team | None:
        folded = name.casefold()
        return next((t for t in self.teams if t.name is not None and t.name.casefold() == folded), None)

    def all_ready(self) -> bool:
        playing = [t for t in self.teams if t.claimed and t.in_play]
        return bool(playing) and all(t.ready for t in playing)

    def should_advance(self) -> bool:
        return self.phase == "playing" and self.auto_advance and self.all_ready()

    # ------------------------------------------------------------------ deciding (no change yet)

    def decide_claim(self, name: str) -> tuple[Decision, str]:
        """A new team takes the next free slot; returns the decision and the team's new token."""
        if self.team_by_name(name) is not None:
            raise Refused("bad_token", f"a team called '{name}' has already joined; to rejoin as that team, "
                          "give its token (or ask the facilitator for a new one)")
        free = next((t for t in self.teams if not t.claimed), None)
        if free is None:
            raise Refused("room_full", f"the room is full ({len(self.teams)} teams)")
        token = credentials.new_token()
        return Decision("claim", free.index, {"name": name, "token": credentials.hashed(token)}), token

    def decide_token(self, index: int) -> tuple[Decision, str]:
        team = self._team(index)
        if not team.claimed:
            raise Refused("bad_message", f"team {index + 1} has not joined yet")
        token = credentials.new_token()
        return Decision("token", index, {"token": credentials.hashed(token)}), token

    def decide_secret(self) -> tuple[Decision, str]:
        secret = credentials.new_secret()
        return Decision("secret", None, {"hash": credentials.hashed(secret)}), secret

    def decide_action(self, index: int, turn: int, at: int, data: dict[str, Any]) -> Decision:
        team = self._team(index)
        self._may_act(team, turn, at)
        try:
            action = action_from_dict(data)
        except IllegalAction as exc:
            raise Refused("bad_message", str(exc)) from None
        extra = set(data) - set(action_to_dict(action))
        if extra:
            raise Refused("bad_message", f"not a valid action (unknown field {', '.join(sorted(extra))})")
        if action.kind == "inject_event":
            raise Refused("forbidden", "only the facilitator can inject events")
        if action.kind == "end_turn":
            return self._decide_ready(team, at)
        try:
            new = step(team.state, action)
        except IllegalAction as exc:
            raise Refused("illegal", str(exc)) from None
        return Decision("action", index, {"action": action_to_dict(action), "at": at}, prepared=new)

    def _decide_ready(self, team: Team, at: int) -> Decision:
        try:
            step(team.state, EndTurn())
        except IllegalAction as exc:
            raise Refused("illegal", str(exc)) from None
        return Decision("ready", team.index, {"at": at})

    def decide_unready(self, index: int) -> Decision:
        team = self._team(index)
        if not team.ready:
            raise Refused("illegal", "you have not ended the quarter")
        self._playing()
        return Decision("unready", index)

    def decide_inject(self, event: str, index: int | None) -> Decision:
        self._playing(allow_paused=True)
        targets = [t for t in self.teams if t.in_play] if index is None else [self._team(index)]
        prepared = {}
        for team in targets:
            if not team.in_play:
                raise Refused("illegal", f"team {team.index + 1}'s game is over")
            try:
                prepared[team.index] = step(team.state, InjectEvent(event))
            except IllegalAction as exc:
                raise Refused("illegal", str(exc)) from None
        return Decision("inject", index, {"event": event}, prepared=prepared)

    def decide_advance(self, reason: str) -> Decision:
        self._playing(allow_paused=reason != "timer")
        auto, states = self._end_quarter()
        checks = {str(i): state_check(s) for i, s in states.items()}
        return Decision("advance", None, {"reason": reason, "auto": auto, "checks": checks}, prepared=states)

    def decide_simple(self, kind: str, **body: Any) -> Decision:
        """start, pause, resume, timer, broadcast, auto_advance, end."""
        if kind == "start" and self.phase != "lobby":
            raise Refused("illegal", "the game has already started")
        if kind in ("pause", "resume", "end"):
            self._playing(allow_paused=True, allow_lobby=kind == "end")
        if kind == "pause" and self.paused:
            raise Refused("illegal", "the room is already paused")
        if kind == "resume" and not self.paused:
            raise Refused("illegal", "the room is not paused")
        return Decision(kind, None, body)

    # ------------------------------------------------------------------ applying (after the journal)

    def apply(self, entry: Entry, prepared: Any = None) -> Change:
        handler = getattr(self, f"_apply_{entry.kind}", None)
        if handler is None:
            raise ReplayMismatch(f"unknown journal entry '{entry.kind}' (#{entry.seq})")
        change = Change()
        handler(entry, prepared, change)
        return change

    def _apply_claim(self, e: Entry, _p: Any, change: Change) -> None:
        team = self.teams[e.team]  # type: ignore[index]
        team.name, team.token_hash = e.body["name"], e.body["token"]
        change.notices.append(("info", f"{team.name} has joined the room.", None))

    def _apply_token(self, e: Entry, _p: Any, _c: Change) -> None:
        self.teams[e.team].token_hash = e.body["token"]  # type: ignore[index]

    def _apply_secret(self, e: Entry, _p: Any, _c: Change) -> None:
        self.facilitator_hash = e.body["hash"]

    def _apply_start(self, e: Entry, _p: Any, change: Change) -> None:
        self.phase = "playing"
        self.clock.restart(e.at, running=not self.paused)
        change.notices.append(("info", "The game has started.", None))

    def _apply_action(self, e: Entry, prepared: Any, change: Change) -> None:
        team = self.teams[e.team]  # type: ignore[index]
        team.state = prepared if prepared is not None else step(team.state, action_from_dict(e.body["action"]))
        team.own += 1
        change.applied.append((team.index, e.body["action"], "team"))

    def _apply_ready(self, e: Entry, _p: Any, _c: Change) -> None:
        self.teams[e.team].ready = True  # type: ignore[index]

    def _apply_unready(self, e: Entry, _p: Any, _c: Change) -> None:
        self.teams[e.team].ready = False  # type: ignore[index]

    def _apply_inject(self, e: Entry, prepared: Any, change: Change) -> None:
        event = e.body["event"]
        targets = [t for t in self.teams if t.in_play] if e.team is None else [self.teams[e.team]]
        for team in targets:
            team.state = prepared[team.index] if prepared is not None else step(team.state, InjectEvent(event))
            if team.state.pending:
                team.ready = False
            change.applied.append((team.index, action_to_dict(InjectEvent(event)), "facilitator"))
        title = self.game.event[event].title
        change.notices.append(("info", f"The facilitator has brought in an event: {title}.", e.team))

    def _apply_advance(self, e: Entry, prepared: Any, change: Change) -> None:
        if prepared is None:
            auto, prepared = self._end_quarter()
            if auto != e.body["auto"] or any(state_check(s) != e.body["checks"].get(str(i))
                                             for i, s in prepared.items()):
                raise ReplayMismatch(f"replaying entry #{e.seq} (end of turn {self.turn}) gave a different game "
                                     "from the one recorded; was the engine or numpy upgraded since?")
        for index, state in prepared.items():
            team = self.teams[index]
            made = e.body["auto"].get(str(index))
            team.auto += len(made or ())
            for action in made or [action_to_dict(EndTurn())]:
                change.applied.append((index, action, "auto" if made else "team"))
            team.state = state
            team.ready = False
        change.advanced = True
        if not any(t.in_play for t in self.teams):
            self.phase = "over"
            self.clock.hold(e.at)
            change.notices.append(("info", "The game is over.", None))
        else:
            self.clock.restart(e.at, running=not self.paused)
            if e.body["reason"] == "timer":
                change.notices.append(("warning", "Time is up: the room has moved on to the next quarter.", None))

    def _apply_pause(self, e: Entry, _p: Any, change: Change) -> None:
        self.paused = True
        self.clock.hold(e.at, e.body.get("remaining"))
        change.notices.append(("info", "The facilitator has paused the room.", None))

    def _apply_resume(self, e: Entry, _p: Any, change: Change) -> None:
        self.paused = False
        if self.phase == "playing":
            self.clock.go(e.at)
        change.notices.append(("info", "The room is running again.", None))

    def _apply_timer(self, e: Entry, _p: Any, _c: Change) -> None:
        self.clock.seconds = int(e.body["seconds"])
        self.clock.restart(e.at, running=self.phase == "playing" and not self.paused)

    def _apply_broadcast(self, e: Entry, _p: Any, change: Change) -> None:
        self.notices = [*self.notices, (e.at, e.body["text"])][-NOTICES_KEPT:]
        change.notices.append(("broadcast", e.body["text"], None))

    def _apply_auto_advance(self, e: Entry, _p: Any, _c: Change) -> None:
        self.auto_advance = bool(e.body["on"])

    def _apply_end(self, e: Entry, _p: Any, change: Change) -> None:
        self.phase = "over"
        self.clock.hold(e.at)
        for team in self.teams:
            team.ready = False
        change.notices.append(("info", "The facilitator has ended the game.", None))

    # ------------------------------------------------------------------ helpers

    def _end_quarter(self) -> tuple[dict[str, list[dict[str, Any]]], dict[int, State]]:
        """Every game in play moved to its next quarter; choices left waiting take their first option.

        Returns the automatic actions by team (including the end of the quarter for teams that were not
        ready) and the new states.
        """
        auto: dict[str, list[dict[str, Any]]] = {}
        states: dict[int, State] = {}
        for team in self.teams:
            if not team.in_play:
                continue
            state = team.state
            made: list[dict[str, Any]] = []
            while state.pending:
                first = self.game.event[state.pending[0].event].choices[0].id
                choice = Choose(state.pending[0].event, first)
                state = step(state, choice)
                made.append(action_to_dict(choice))
            if made or not team.ready:  # a ready team has answered everything, so this is "not ready"
                auto[str(team.index)] = [*made, action_to_dict(EndTurn())]
            states[team.index] = step(state, EndTurn())
        return auto, states

    def _team(self, index: int) -> Team:
        if not 0 <= index < len(self.teams):
            raise Refused("bad_message", f"there is no team {index + 1}; the room has {len(self.teams)}")
        return self.teams[index]

    def _playing(self, allow_paused: bool = False, allow_lobby: bool = False) -> None:
        if self.phase == "over":
            raise Refused("out_of_turn", "the game has ended")
        if self.phase == "lobby" and not allow_lobby:
            raise Refused("out_of_turn", "the facilitator has not started the game yet")
        if self.paused and not allow_paused:
            raise Refused("paused", "the facilitator has paused the room; wait for it to resume")

    def _may_act(self, team: Team, turn: int, at: int) -> None:
        self._playing()
        if not team.in_play:
            raise Refused("illegal", "your game is over; no more actions can be taken")
        if team.ready:
            raise Refused("illegal", "you have ended the quarter; take that back to act again")
        if turn != team.state.turn:
            raise Refused("out_of_turn", f"that was made in quarter {turn}; the room is in quarter {team.state.turn}",
                          resync=True)
        if at != team.version:
            raise Refused("stale", "your screen was behind the game (something else happened first); "
                          "here is the current state — check it and try again", resync=True)


def replay(game: Game, entries: Iterable[Entry]) -> tuple[Room, Entry | None]:
    """A room rebuilt from its journal; returns it and the last entry (None for an empty journal)."""
    room: Room | None = None
    last: Entry | None = None
    for entry in entries:
        if room is None:
            if entry.kind != "create":
                raise ReplayMismatch("the journal does not begin with the room's creation")
            room = Room(game, entry.body)
        else:
            room.apply(entry)
        last = entry
    if room is None:
        raise ReplayMismatch("the journal is empty")
    return room, last
