"""Authoring commands: `validate`, `new-scenario`, `schema`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent.parent.parent / "scenarios"
TEMPLATE = SCENARIOS / "tutorial"


def _validate(args: argparse.Namespace) -> int:
    from .quick_start import cyclic_gc_paused, modules_left_out, pydantic_plugins_off

    status = 0
    with cyclic_gc_paused(), pydantic_plugins_off(), modules_left_out():  # see quick_start
        from .loader import PackError, load_pack

        for folder in args.packs:
            try:
                pack = load_pack(folder)
            except PackError as exc:
                status = 1
                by_place = sorted(exc.problems, key=lambda q: (q.file, q.line, q.column))  # as an editor lists them
                for problem in by_place:
                    print(problem, file=sys.stderr)
                count = len(exc.problems)
                later = "" if exc.complete else "; checks between files may find more once these are fixed"
                print(f"{folder}: {count} problem{'s' if count != 1 else ''} found{later}", file=sys.stderr)
            else:
                print(f"{folder}: valid ('{pack.info.title}', {len(pack.problems)} problems, {pack.info.turns} turns)")
    return status


def _new_scenario(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from .loader import PackError, load_pack
    from .scaffold import scaffold

    name = " ".join(args.name.split())
    ident = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:40].rstrip("_")
    if not ident or not ident[0].isalpha():
        raise UserError(f"'{args.name}' cannot make a pack id: start the name with a letter", 2)
    if len(name) > 120:
        raise UserError(f"the name is {len(name)} characters long; a title may be at most 120", 2)
    parent = Path(args.dir)
    target = parent / ident
    if target.exists():
        raise UserError(f"{target} already exists; choose another name or --dir")
    if not (TEMPLATE / "pack.toml").is_file():
        raise UserError(f"the template pack {TEMPLATE} is missing from this installation")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        scaffold(TEMPLATE, target, ident, name)
    except OSError as exc:
        raise UserError(f"cannot write the new pack to {target}: {exc.strerror or exc}") from None
    try:
        load_pack(target)
    except PackError as exc:  # the template itself is broken: say so rather than leave a bad pack
        raise UserError(f"the new pack does not validate:\n{exc}") from None
    print(f"Created {target} (a copy of the tutorial with every field explained).")
    print(f"Edit its TOML files and text/*.md, then check them with:  common-ground validate {target}")
    print(f"Try it out with:  common-ground simulate {target}   or   common-ground play {target}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from .schema import write_schemas

    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise UserError(f"--out {args.out} is a file; give a folder to write the schemas into")
    try:
        written = write_schemas(Path(args.out))
    except OSError as exc:
        raise UserError(f"cannot write the schemas to {args.out}: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate", help="check scenario packs and list every problem found",
        description="Check scenario packs and print every problem as file:line:column: field: what was "
        "expected, what was found. Exit status: 0 all valid, 1 any invalid, 2 a usage mistake.")
    p.add_argument("packs", nargs="+", metavar="PACK", help="pack folders")
    p.set_defaults(handler=_validate)
    p = sub.add_parser(
        "new-scenario", help="write a complete, playable pack to start from",
        description="Write a complete, playable pack (a commented copy of the tutorial) to edit, with a "
        "JSON schema per file for editor completion. Exit status: 0 written, 1 it cannot be written.")
    p.add_argument("name", help="the scenario's title; its id is made from it")
    p.add_argument("--dir", default=".", help="where to create the pack folder (default: here)")
    p.set_defaults(handler=_new_scenario)
    p = sub.add_parser(
        "schema", help="write a JSON schema per pack file, for editor completion",
        description="Write a JSON schema (draft 4, as the Even Better TOML editor extension reads) for each "
        "pack file. new-scenario already puts them in the pack's schema/ folder.")
    p.add_argument("--out", default="schema", help="folder to write to (default: ./schema)")
    p.set_defaults(handler=_schema)
