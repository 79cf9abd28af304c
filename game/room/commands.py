"""`room host`, `room join` and `room console` (DESIGN §7, §8)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parsers(sub: argparse._SubParsersAction) -> None:
    room = sub.add_parser("room", help="a facilitated room: teams on their own laptops, one facilitator")
    rsub = room.add_subparsers(dest="room_command", metavar="ROOM_COMMAND", required=True)

    host = rsub.add_parser(
        "host", help="host a room: prints the address and join code, opens the console",
        description="Host a room for teams on the same network: prints the address, the join code and your "
        "facilitator key, records everything in a journal and opens the console. After a crash, the same "
        "command with --resume JOURNAL carries on with nothing lost. Exit status 1 when the room cannot start.")
    host.add_argument("pack", type=Path, help="the scenario pack folder every team plays")
    host.add_argument("--port", type=int, help="port to listen on (default 8765; 0 picks a free one)")
    host.add_argument("--teams", type=_teams, default=6, help="number of team places, 1–24 (default 6)")
    host.add_argument("--journal", type=Path, metavar="FILE",
                      help="where to record the room (default: a new file in the game's data folder, under rooms/)")
    host.add_argument("--resume", type=Path, metavar="FILE", help="rebuild a room from its journal and carry on")
    host.add_argument("--seed", type=int, help="the seed every team shares (default: the pack's)")
    host.add_argument("--timer", type=_minutes, default=0, metavar="MINUTES",
                      help="length of each quarter in minutes (default: no timer; the console can set one)")
    host.add_argument("--headless", action="store_true", help="serve without opening the console window")
    host.set_defaults(handler=_host)

    join = rsub.add_parser(
        "join", help="join a room as a team (text screen)",
        description="Play as a team on a text screen (the game's window does the same from Join a room). "
        "This laptop keeps the team's token, so the same command rejoins after a restart. "
        "Exit status 1 when the room cannot be joined.")
    join.add_argument("address", metavar="HOST:PORT", help="the address the host printed")
    join.add_argument("--code", required=True, help="the room's join code")
    join.add_argument("--team", required=True, help="your team's name")
    join.add_argument("--token", help="your team's rejoin token (when joining again from another laptop)")
    join.add_argument("--pack", type=Path, help="the pack folder, if this laptop has it (else it is fetched)")
    join.set_defaults(handler=_join)

    console = rsub.add_parser(
        "console", help="open the facilitator console for a room hosted elsewhere",
        description="Open the facilitator console on this screen for a room hosted on another laptop (or "
        "started with --headless). Exit status 1 when the room cannot be reached or the key is wrong.")
    console.add_argument("address", metavar="HOST:PORT", help="the address the host printed")
    console.add_argument("--secret", required=True, help="the facilitator key the host printed")
    console.set_defaults(handler=_console)


def _teams(text: str) -> int:
    value = _int(text)
    if not 1 <= value <= 24:
        raise argparse.ArgumentTypeError("a room holds 1 to 24 teams")
    return value


def _minutes(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of minutes") from None
    if not 0 <= value <= 240:
        raise argparse.ArgumentTypeError("a quarter lasts 0 to 240 minutes")
    return round(value * 60)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def _host(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from .host import HostError, host

    if args.resume is not None and args.journal is not None:
        raise UserError("give --journal for a new room or --resume for an old one, not both", 2)
    if args.port is not None and not 0 <= args.port < 65536:
        raise UserError(f"--port {args.port} is not a port number (0–65535)", 2)
    try:
        return host(args.pack, journal=args.journal, resume=args.resume, teams=args.teams, port=args.port,
                    seed=args.seed, timer=args.timer, headless=args.headless)
    except HostError as exc:
        raise UserError(f"cannot host the room: {exc}") from None


def _join(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from .terminal import JoinError, play

    try:
        return play(args.address, code=args.code, team=args.team, token=args.token, pack=args.pack)
    except JoinError as exc:
        raise UserError(str(exc)) from None


def _console(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from .client import BackgroundLoop, parse_address
    from .console import ConsoleError, run_console

    try:
        parse_address(args.address)
    except ValueError as exc:
        raise UserError(str(exc), 2) from None
    background = BackgroundLoop()
    try:
        run_console(args.address, args.secret, background)
    except ConsoleError as exc:
        raise UserError(str(exc)) from None
    finally:
        background.stop()
    return 0
