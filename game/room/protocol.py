"""The room's wire protocol: every message either side may send, as pydantic models.

Messages are JSON text frames with a `type` field that picks the model
(a discriminated union). The server trusts nothing a client sends: a frame
larger than `MAX_CLIENT_TEXT` gets an error reply, one larger than
`SERVER_MAX_SIZE` is cut off by websockets itself (close code 1009), and
everything else must validate against `ClientMessage` with no extra fields.

Versions. A team's game has a version: the number of actions in its log
(`len(state.actions)`), which grows by one with every accepted action, every
injected event and every automatic answer. An action names the version and the
turn it was made against (`at`, `turn`); if the game has moved on since, the
action is refused as stale and the team is sent the current state.

Keeping clients current. On joining (and on any doubt) a team receives its
whole state (`StateMessage`, the engine's `state_to_dict` plus its `digest`).
After that it receives each change as an `Applied` message — the action, the
new version and a cheap `check` of the resulting state — and applies it to
its own copy with the engine's `step`. A full state costs the server ~15 ms to
serialise late in a game; an `Applied` costs microseconds, which is what keeps
a room of twelve teams under the latency target. The engine is deterministic,
so both copies agree; if they ever do not (a different numpy build, a bug),
the `check` differs and the client asks for the whole state again.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

if TYPE_CHECKING:
    from ..engine import State

PROTOCOL = 1
MAX_CLIENT_TEXT = 16 * 1024
"""largest client frame the server reads and answers (bytes of text)"""
SERVER_MAX_SIZE = 256 * 1024
"""frames larger than this are refused by websockets before they are read (close 1009)"""
CLIENT_MAX_SIZE = 64 * 1024 * 1024
"""what a client accepts: whole states and packs are large"""

TeamName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24,
                                            pattern=r"^[\w][\w '&.-]*$")]
Secret = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Ref = Annotated[int, Field(ge=0, le=2**53)]
ActionValue = Union[str, int, float, bool, None]


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Request(Message):
    """A client message; `ref`, if given, is echoed in the reply so a client can match them."""

    ref: Ref | None = None


# ---------------------------------------------------------------------- client to server


class Join(Request):
    """Join (or rejoin, with the token) as a team."""

    type: Literal["join"] = "join"
    code: Secret
    team: TeamName
    token: Secret | None = None
    protocol: int = PROTOCOL


class Facilitate(Request):
    type: Literal["facilitate"] = "facilitate"
    secret: Secret
    protocol: int = PROTOCOL


class Act(Request):
    """A player action, made against game version `at` in turn `turn`; end_turn means 'we are ready'."""

    type: Literal["act"] = "act"
    turn: int = Field(ge=1, le=1000)
    at: int = Field(ge=0, le=10**7)
    action: dict[Annotated[str, StringConstraints(max_length=32)], ActionValue] = Field(max_length=8)


class Unready(Request):
    """Take back 'we have ended the quarter' to act again before the room moves on."""

    type: Literal["unready"] = "unready"


class Sync(Request):
    """Send me the whole state again (a facilitator receives every team's)."""

    type: Literal["sync"] = "sync"


class GetPack(Request):
    """Send me the pack's files: a team laptop without the facilitator's pack fetches it."""

    type: Literal["get_pack"] = "get_pack"


class Start(Request):
    type: Literal["start"] = "start"


class Pause(Request):
    type: Literal["pause"] = "pause"


class Resume(Request):
    type: Literal["resume"] = "resume"


class SetTimer(Request):
    """Length of each quarter in seconds (0: no timer); restarts the current quarter's clock."""

    type: Literal["set_timer"] = "set_timer"
    seconds: int = Field(ge=0, le=4 * 3600)


class Inject(Request):
    """Fire a pack event now in one team's game (`team`, 0-based) or in every team's (None)."""

    type: Literal["inject"] = "inject"
    event: Annotated[str, StringConstraints(max_length=64)]
    team: int | None = Field(None, ge=0, le=63)


class Broadcast(Request):
    type: Literal["broadcast"] = "broadcast"
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=280)]


class Advance(Request):
    """End the quarter for every team now: unanswered choices take their first option."""

    type: Literal["advance"] = "advance"


class AutoAdvance(Request):
    """Whether the room moves on by itself once every team is ready (the default) or waits for Advance."""

    type: Literal["auto_advance"] = "auto_advance"
    on: bool


class EndGame(Request):
    type: Literal["end_game"] = "end_game"


class ReissueToken(Request):
    """A new rejoin token for a team that lost theirs; the old one stops working."""

    type: Literal["reissue_token"] = "reissue_token"
    team: int = Field(ge=0, le=63)


class GetDebrief(Request):
    type: Literal["get_debrief"] = "get_debrief"


class Export(Request):
    """Write the results as CSV and HTML beside the journal."""

    type: Literal["export"] = "export"


TEAM_REQUESTS = ("act", "unready", "sync", "get_pack")
FACILITATOR_REQUESTS = ("sync", "get_pack", "start", "pause", "resume", "set_timer", "inject", "broadcast",
                        "advance", "auto_advance", "end_game", "reissue_token", "get_debrief", "export")

ClientMessage = Annotated[
    Union[Join, Facilitate, Act, Unready, Sync, GetPack, Start, Pause, Resume, SetTimer, Inject, Broadcast,
          Advance, AutoAdvance, EndGame, ReissueToken, GetDebrief, Export],
    Field(discriminator="type"),
]
CLIENT_MESSAGE: TypeAdapter[Any] = TypeAdapter(ClientMessage)


# ---------------------------------------------------------------------- server to client


class Reply(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    reply_to: int | None = None


class PackRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    hash: str
    title: str


class EventRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    has_choices: bool


class TimerStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    seconds: int
    """length of a quarter; 0 = no timer"""
    remaining: float | None
    """seconds left in this quarter (None: no timer)"""
    running: bool


class RoomStatus(Reply):
    """Where the room is; sent to everyone whenever it changes."""

    type: Literal["room"] = "room"
    phase: Literal["lobby", "playing", "over"]
    turn: int
    turns: int
    paused: bool
    auto_advance: bool
    timer: TimerStatus
    ready: list[int]
    """indexes of the teams that have ended the quarter"""
    names: list[str | None]
    """team names by index (None: slot not yet taken)"""


class Welcome(Reply):
    type: Literal["welcome"] = "welcome"
    role: Literal["team", "facilitator"]
    team: int | None = None
    name: str | None = None
    token: str | None = None
    """a newly issued rejoin token (only on first join): keep it to rejoin from any laptop"""
    pack: PackRef
    events: list[EventRef] = Field(default_factory=list)
    """events a facilitator may inject (facilitators only)"""
    problems: dict[str, str] = Field(default_factory=dict)
    """the pack's problems, id → name as the teams see it (facilitators only: the team cards label outcomes)"""
    code: str | None = None
    """the room's join code (facilitators only), to put on the projector"""


class StateMessage(Reply):
    type: Literal["state"] = "state"
    team: int
    version: int
    digest: str
    state: dict[str, Any]


class Applied(Reply):
    """One change to a team's game; `origin` says who made it."""

    type: Literal["applied"] = "applied"
    team: int
    version: int
    """the game's version after this action"""
    action: dict[str, Any]
    origin: Literal["team", "auto", "facilitator"]
    check: str


class Ack(Reply):
    type: Literal["ack"] = "ack"
    detail: str = ""


class ErrorReply(Reply):
    type: Literal["error"] = "error"
    code: Literal["bad_message", "too_large", "unknown", "forbidden", "not_joined", "wrong_code", "bad_token",
                  "room_full", "stale", "out_of_turn", "illegal", "paused", "journal", "protocol", "internal"]
    message: str


class Notice(Reply):
    """A message for people: the facilitator's broadcast, a timer warning, news from the room."""

    type: Literal["notice"] = "notice"
    kind: Literal["broadcast", "warning", "info"]
    text: str


class PackFiles(Reply):
    type: Literal["pack_files"] = "pack_files"
    pack: PackRef
    files: dict[str, str]


class TeamRow(BaseModel):
    """One team in the facilitator's comparison."""

    model_config = ConfigDict(frozen=True)

    index: int
    name: str | None
    connected: int
    ready: bool
    turn: int
    version: int
    over: str | None
    pending: int
    reserves: float
    """£m"""
    weighted_outcome: float
    outcomes: dict[str, float]
    trust: dict[str, float]
    mean_trust: float
    total: float
    grade: str
    actions: int
    """decisions the team made itself"""
    auto: int
    """choices and quarter ends the room made for them"""


class Teams(Reply):
    type: Literal["teams"] = "teams"
    rows: list[TeamRow]


class Token(Reply):
    type: Literal["token"] = "token"
    team: int
    token: str


class Debrief(Reply):
    """The cohort debrief: every team's path and decisive decisions (see game.room.results)."""

    type: Literal["debrief"] = "debrief"
    data: dict[str, Any]


class Exported(Reply):
    type: Literal["exported"] = "exported"
    csv: str
    html: str


ServerMessage = Annotated[
    Union[RoomStatus, Welcome, StateMessage, Applied, Ack, ErrorReply, Notice, PackFiles, Teams, Token, Debrief,
          Exported],
    Field(discriminator="type"),
]
SERVER_MESSAGE: TypeAdapter[Any] = TypeAdapter(ServerMessage)


class BadMessage(ValueError):
    """A client frame the server will not act on; `code` and the text go back in an ErrorReply."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_client(text: str | bytes) -> Any:
    """A validated client message, or BadMessage saying plainly what is wrong with the frame."""
    if isinstance(text, bytes):
        raise BadMessage("bad_message", "send JSON text frames, not binary")
    if len(text) > MAX_CLIENT_TEXT:
        raise BadMessage("too_large", f"message of {len(text)} characters; the limit is {MAX_CLIENT_TEXT}")
    try:
        return CLIENT_MESSAGE.validate_json(text)
    except ValidationError as exc:
        raise BadMessage(*_describe(exc)) from None


def _describe(exc: ValidationError) -> tuple[str, str]:
    first = exc.errors()[0]
    if first["type"] == "json_invalid":
        return "bad_message", "not valid JSON"
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        return "unknown", "unknown message type" if first["type"] == "union_tag_invalid" else "no message type"
    where = ".".join(str(p) for p in first["loc"][1:]) or "message"
    return "bad_message", f"{where}: {first['msg']}"


def parse_server(text: str | bytes) -> Any:
    return SERVER_MESSAGE.validate_json(text)


def encode(message: BaseModel) -> str:
    return message.model_dump_json()


def version_of(state: "State") -> int:
    return len(state.actions)


def state_check(state: "State") -> str:
    """A cheap fingerprint of what a team sees: version, turn, every named value, pending choices, log lengths.

    Far cheaper than `digest` (which serialises the whole causal trace), and it moves whenever anything a
    player could notice moves, so a client copy that drifted is caught at the next action.
    """
    from ..engine import values

    body = [version_of(state), state.turn, state.over, [p.event for p in state.pending],
            len(state.trace), len(state.feed), len(state.ledger), len(state.contracts), values(state)]
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:16]
