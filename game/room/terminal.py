"""`room join` on a terminal: a plain text screen for a team until the game's own screen joins rooms.

It shows the quarter, money, capacity, the problems as the team sees them and
any decision waiting; lists the actions open to the team by number; and prints
what the room says (broadcasts, timer warnings) as it arrives. Everything goes
through `TeamClient`, so it is also a worked example of that API.
"""

from __future__ import annotations

import asyncio
import queue
import sys
import threading
from pathlib import Path
from typing import Callable

from ..content.wording import action_label, feed_text, money
from ..engine import Action, State, legal_actions
from ..engine.calendar import label, quarter_of
from .client import RoomRefused, RoomUnavailable, TeamClient, parse_address
from .protocol import RoomStatus

SHOWN = 30
"""actions listed at once; 'more' pages on"""

HELP = ("Type a number to take that action, 'e' to end the quarter, 'u' to take that back, "
        "'m' for more actions, 's' to show the council again, 'q' to leave (rejoin later with your token).")


IMPERATIVE = {"classified": "Classify", "made": "Make", "commissioned": "Commission", "ended": "End",
              "changed": "Change", "planned": "Plan", "set": "Set"}
"""the action log speaks in the past tense; a menu offers"""


class JoinError(Exception):
    """Joining failed; one sentence saying why."""


def play(address: str, *, code: str, team: str, token: str | None, pack: Path | None) -> int:
    try:
        parse_address(address)
    except ValueError as exc:
        raise JoinError(str(exc)) from None
    try:
        return asyncio.run(_session(address, code, team, token, pack))
    except KeyboardInterrupt:
        print("\nLeft the room. Rejoin with the same command (and your token) to carry on.")
        return 0


async def _session(address: str, code: str, team: str, token: str | None, pack: Path | None) -> int:
    try:
        client = await TeamClient.join(address, code, team, token=token, pack=pack)
    except (RoomRefused, RoomUnavailable) as exc:
        raise JoinError(f"could not join: {exc}") from None
    print(f"Joined as {client.name} (team {client.team + 1 if client.team is not None else '?'}).")
    print(f"Your rejoin token is {client.token} — write it down: with it you can carry on from any laptop.")
    print(HELP)
    show(client)
    printer = asyncio.create_task(_print_updates(RoomNews(client)))
    keyboard = Keyboard(asyncio.get_running_loop())
    offset = 0
    try:
        while True:
            line = (await keyboard.line()).strip().lower()
            if line in ("q", "quit"):
                return 0
            if line in ("m", "more"):
                offset += SHOWN
                show(client, offset)
                continue
            offset = 0
            await _command(client, line)
    except EOFError:
        return 0
    finally:
        printer.cancel()
        await client.close()


class Keyboard:
    """The team's typed lines, read on a daemon thread, one each time the screen asks for one.

    Not `run_in_executor(None, input)`: asyncio waits for its executor's threads on the
    way out, so Ctrl-C left the room only after Enter was pressed (and swallowed that line).
    Asking line by line keeps the prompt after whatever the last command printed."""

    def __init__(self, loop: asyncio.AbstractEventLoop, read: Callable[[str], str] | None = None) -> None:
        self.loop, self.read = loop, read or _read_line
        self.asked = threading.Semaphore(0)
        self.waiting: asyncio.Future[str] | None = None
        threading.Thread(target=self._run, name="keyboard", daemon=True).start()

    def _run(self) -> None:
        while True:
            self.asked.acquire()
            try:
                line: str | None = self.read("> ")
            except (EOFError, OSError):  # input ended, or the terminal went away
                line = None
            self.loop.call_soon_threadsafe(self._deliver, line)
            if line is None:
                return

    def _deliver(self, line: str | None) -> None:
        if self.waiting is not None and not self.waiting.done():
            if line is None:
                self.waiting.set_exception(EOFError())
            else:
                self.waiting.set_result(line)

    async def line(self) -> str:
        """The next line typed; EOFError when the input has ended."""
        self.waiting = self.loop.create_future()
        self.asked.release()
        return await self.waiting


def _read_line(prompt: str) -> str:
    """One line from the keyboard, read below Python's buffered stdin: a daemon thread blocked in
    `input()` holds that buffer's lock, and the interpreter aborts when it exits past it."""
    print(prompt, end="", flush=True)
    raw = sys.stdin.buffer.raw.readline()  # type: ignore[attr-defined]
    if not raw:
        raise EOFError
    return raw.decode(sys.stdin.encoding or "utf-8", "replace")


async def _command(client: TeamClient, line: str) -> None:
    try:
        if line in ("e", "end"):
            await client.end_turn()
            print("You have ended the quarter; waiting for the other teams.")
        elif line in ("u", "undo"):
            await client.unready()
            print("Taken back: you can act again this quarter.")
        elif line.isdigit():
            actions = menu(client.state)
            index = int(line)
            if not 0 <= index < len(actions):
                print(f"No action {index}.")
                return
            seen = len(client.state.feed)
            state = await client.submit(actions[index])
            for item in list(state.feed)[seen:]:  # what this action did
                print("  " + feed_text(state, item))
            show(client)
        elif line in ("", "s", "show"):
            show(client)
        else:  # a typo ('ee', 'end quarter') used to redraw the screen without a word
            print(f"'{line}' is not something this screen knows. {HELP}")
    except RoomRefused as exc:
        print(f"Not done: {exc}")
    except RoomUnavailable as exc:
        print(f"{exc}; trying to reconnect…")


def show(client: TeamClient, offset: int = 0) -> None:
    print(screen(client, offset))


def screen(client: TeamClient, offset: int = 0) -> str:
    """The council as the team sees it, and the actions open to it from `offset` on."""
    lines = [summary(client.state, client.ready, client.room.paused if client.room else False)]
    actions = menu(client.state)
    lines += [f"  {i:>3}) {describe(client.state, action)}" for i, action in list(enumerate(actions))[offset:offset + SHOWN]]
    if len(actions) > offset + SHOWN:
        lines.append(f"  … {len(actions) - offset - SHOWN} more ('m')")
    return "\n".join(lines)


def menu(state: State) -> list[Action]:
    """The numbered choices: every legal action but ending the quarter, which is 'e'."""
    return [a for a in legal_actions(state) if a.kind != "end_turn"]


def describe(state: State, action: Action) -> str:
    from ..engine import action_to_dict

    data = action_to_dict(action)
    if data["kind"] == "choose":
        event = state.game.event[data["event"]]
        return next(c.label for c in event.choices if c.id == data["choice"])
    verb, _, rest = action_label(state, data).partition(" ")  # the log's wording: "classified X as …"
    return f"{IMPERATIVE.get(verb, verb.capitalize())} {rest}"


def summary(state: State, ready: bool, paused: bool) -> str:
    info = state.game.pack.info
    when = label(*quarter_of(info.start.year, info.start.quarter, state.turn))
    lines = [f"\n== {info.place}: {when} (quarter {state.turn} of {state.game.turns})"
             + ("  [PAUSED]" if paused else "") + ("  [quarter ended, waiting]" if ready else ""),
             f"Reserves {money(state.reserves)} · capacity {state.capacity} of {state.capacity_max}"]
    for pid, problem in state.problems.items():
        name = state.game.problem[pid].name
        lines.append(f"  {name:<32} outcome {problem.outcome:5.1f}  seen as {problem.perceived}")
    for pending in state.pending:
        event = state.game.event[pending.event]
        lines.append(f"Decision waiting: {event.title} — {event.text}")
    if state.is_over:
        lines.append(f"The game is over ({state.over}).")
    return "\n".join(lines)


class RoomNews:
    """What the room says to this team, as lines for its terminal.

    Besides notices it tells the team when the quarter moves on (and shows the
    new one): a team that has ended its quarter otherwise sits at "waiting for
    the other teams" with no sign that the room has moved; and it says how long
    the quarter's clock gives, since the text screen has no clock on it.
    """

    def __init__(self, client: TeamClient) -> None:
        self.client = client
        self.turn = client.state.turn
        self.clock: tuple[int, bool, int] | None = None

    def lines(self) -> list[str]:
        out: list[str] = []
        while True:
            try:
                kind, message = self.client.updates.get_nowait()
            except queue.Empty:
                break
            if kind == "notice":
                out.append(f"[{message.kind}] {message.text}")
            elif kind == "applied" and message.origin == "auto" and message.action.get("kind") != "end_turn":
                # (the facilitator's injections are not echoed here: they come as the room's notices)
                out.append(f"[room] done for you as the quarter ended: {action_label(self.client.state, message.action)}")
            elif kind == "room":
                out.extend(self._clock(message))
            elif kind == "connection":
                out.append({"lost": "[room] connection lost; reconnecting…", "back": "[room] reconnected.",
                            "gone": "[room] could not reconnect; rejoin later with your token."}[message])
        state = self.client.state
        if state.turn != self.turn:
            self.turn = state.turn
            if not state.is_over:  # the end of the game comes with the room's own notice
                out.append("[room] The room has moved on to the next quarter.")
            out.append(screen(self.client))
        return out

    def _clock(self, status: RoomStatus) -> list[str]:
        """One line when a quarter's clock starts (or changes), none while it simply runs on."""
        timer = status.timer
        clock = (timer.seconds, timer.running, status.turn)
        changed, self.clock = clock != self.clock, clock
        if not changed or not timer.running or timer.remaining is None:
            return []
        minutes, seconds = divmod(round(timer.remaining), 60)
        return [f"[room] The clock is running: {minutes}:{seconds:02d} left in this quarter."]


async def _print_updates(news: RoomNews) -> None:
    while True:
        await asyncio.sleep(0.2)
        for line in news.lines():
            print("\n" + line)
