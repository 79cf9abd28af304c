"""`replay SAVE [--to-turn N]` and `debrief SAVE [--html OUT]` (DESIGN §8, §9)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy

from ..cli import EXIT_INVALID, EXIT_OK, UserError
from ..engine import digest, prepare, score
from .errors import PackChanged, ReplayFailed, SaveError
from .format import SaveFile, read_save
from .loading import find_pack, load_game
from .replay import first_divergence, rebuild
from .store import date_label


def add_parsers(sub: argparse._SubParsersAction) -> None:
    replay = sub.add_parser(
        "replay", help="rebuild a saved game from its scenario, seed and decisions, and check it against the save",
        description="Rebuild a saved game from its scenario, seed and decisions and check the result against the "
        "saved snapshot; reports the first turn that differs, if any. Exit status 1 if it differs.")
    replay.add_argument("save", type=Path, metavar="SAVE", help="a save file")
    replay.add_argument("--to-turn", type=_turn, metavar="N", help="replay only up to the end of turn N")
    replay.add_argument("--pack", type=Path, metavar="PATH", help="the scenario folder to replay on "
                        "(default: where the game was saved from, else the built-in scenario with its id)")
    replay.set_defaults(handler=_replay)

    debrief = sub.add_parser(
        "debrief", help="the debrief of a saved game, on screen or as one self-contained HTML file",
        description="Show the debrief of a saved game: score card, the decisions that mattered most, the Cynefin "
        "map, what really happened and the events. With --html, write it as one HTML file that opens anywhere "
        "without a network.")
    debrief.add_argument("save", type=Path, metavar="SAVE", help="a save file")
    debrief.add_argument("--html", type=Path, metavar="OUT", help="write the report to this HTML file")
    debrief.add_argument("--pack", type=Path, metavar="PATH", help="the scenario folder (default: as for replay)")
    debrief.add_argument("--replay", action="store_true",
                         help="if the scenario has changed since the save, replay the decisions on the new version")
    debrief.set_defaults(handler=_debrief)


def _turn(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a turn number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("turns are numbered from 1")
    return value


def _read(path: Path) -> SaveFile:
    try:
        return read_save(path)
    except SaveError as exc:
        raise UserError(str(exc)) from None


def _replay(args: argparse.Namespace) -> int:
    save = _read(args.save)
    header = save.header
    try:
        pack, folder = find_pack(header, args.pack)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    notes = []
    if pack.content_hash != header.pack_hash:
        notes.append(f"note: the scenario at {folder or 'the given folder'} has changed since the save; "
                     "replaying on the current version")
    if numpy.__version__ != header.numpy_version:
        notes.append(f"note: saved with numpy {header.numpy_version}, replaying with {numpy.__version__}; "
                     "random streams can differ between builds")
    for note in notes:
        print(note, file=sys.stderr)
    to_turn = args.to_turn
    if to_turn is not None and to_turn > header.turn:
        print(f"note: the save reaches turn {header.turn}; replaying all of it", file=sys.stderr)
        to_turn = None
    game = prepare(pack)
    try:
        state = rebuild(game, save.seed, save.actions, to_turn=to_turn, path=args.save)
    except ReplayFailed as exc:
        print(f"replay failed in turn {exc.turn}: {exc}")
        return EXIT_INVALID
    done = sum(1 for t, _ in save.actions if to_turn is None or t <= to_turn)
    card = score(state)
    print(f"{header.scenario}: replayed {done} decision{'s' if done != 1 else ''} from seed {save.seed}; now "
          f"turn {state.turn}, {date_label(state)}: reserves £{card.reserves:,.1f}m, score {card.total:.1f} "
          f"(grade {card.grade}).")
    if to_turn is None and digest(state) == save.digest:
        print(f"OK: the rebuilt game matches the save exactly (digest {save.digest[:12]}).")
        return EXIT_OK
    found = first_divergence(save.snapshot, state, to_turn)
    if found is None and to_turn is not None:
        print(f"OK: turns 1 to {to_turn} match the save.")
        return EXIT_OK
    if found is None:
        print("DIFFERS: the rebuilt game does not match the save, though every turn's record agrees.")
    else:
        print(f"DIFFERS from turn {found.turn}: {found.what}.")
    return EXIT_INVALID


def _debrief(args: argparse.Namespace) -> int:
    from ..debrief import build_debrief, text_report, write_html

    override = args.pack
    try:
        loaded = load_game(args.save, replay=args.replay, pack_loader=lambda h: find_pack(h, override))
    except PackChanged as exc:
        raise UserError(f"{exc} Add --replay to replay it on the new version.") from None
    except SaveError as exc:
        raise UserError(str(exc)) from None
    debrief = build_debrief(loaded.state, loaded.hints_used)
    if args.html is None:
        print(text_report(debrief))
        return EXIT_OK
    print("Drawing the charts and writing the report…", file=sys.stderr)
    try:
        write_html(debrief, args.html)
    except OSError as exc:
        raise UserError(f"could not write {args.html}: {exc.strerror or exc}") from None
    print(f"Wrote {args.html}")
    return EXIT_OK
