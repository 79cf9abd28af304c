"""The `common-ground` command line (DESIGN §8).

Each subcommand lives in the package that owns its work and registers itself
here with `add_parser`; this module only routes, and turns user mistakes into
one-line messages with a non-zero exit status instead of tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from . import __version__, collector

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit status 1 (or `status`)."""

    def __init__(self, message: str, status: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.status = status


Handler = Callable[[argparse.Namespace], int]


def _play(args: argparse.Namespace) -> int:
    from .ui.app import run  # imported late: pygame loads only when a window is wanted

    join = None
    if args.join is not None:
        from .room.client import parse_address
        from .ui.room_session import JoinDetails

        try:
            parse_address(args.join)
        except ValueError as exc:
            raise UserError(f"--join: {exc}", EXIT_USAGE) from None
        if not args.code or not args.team:
            raise UserError("--join needs --code and --team as well", EXIT_USAGE)
        join = JoinDetails(args.join, args.code, args.team)
    return run(pack=args.pack, load=args.load, join=join)


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="common-ground",
        description="Common Ground: a commissioning simulation for public-service leaders. "
        "With no command, opens the game.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    play = sub.add_parser("play", help="open the game (the default)")
    play.add_argument("pack", nargs="?", help="a scenario pack folder to start straight away")
    play.add_argument("--load", metavar="SAVE", help="a save file to resume")
    play.add_argument("--join", metavar="HOST:PORT", help="join a facilitated room as a team (with --code, --team)")
    play.add_argument("--code", help="the room's join code (with --join)")
    play.add_argument("--team", help="your team's name (with --join; rejoins as that team if this laptop has its token)")
    play.set_defaults(handler=_play)
    for register in _registrars(argv):
        register(sub)
    return parser


COMMAND_MODULES = {
    "validate": "game.content.commands",
    "new-scenario": "game.content.commands",
    "schema": "game.content.commands",
    "simulate": "game.sim.commands",
    "replay": "game.saves.commands",
    "debrief": "game.saves.commands",
    "room": "game.room.commands",
}
"""Which package registers each subcommand; only the one asked for is imported, so a command starts fast."""


def _registrars(argv: Sequence[str]) -> list[Callable[[argparse._SubParsersAction], None]]:
    """Subcommands from the packages that own them; a package not yet built simply adds none."""
    import importlib

    wanted = next((a for a in argv if not a.startswith("-")), None)
    modules = [COMMAND_MODULES[wanted]] if wanted in COMMAND_MODULES else list(dict.fromkeys(COMMAND_MODULES.values()))
    out = []
    for module in modules:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if not exc.name or not module.startswith(exc.name):
                raise
            continue
        out.append(mod.add_parsers)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    collector.tune()  # for the whole process (a test calling main keeps it too): see game/collector.py
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        args = parser.parse_args(["play", *argv])
        handler = args.handler
    try:
        return handler(args)
    except UserError as exc:
        print(f"common-ground: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print("common-ground: interrupted", file=sys.stderr)
        return 130
