"""`simulate PACK`: play many games per strategy and report how the pack balances (DESIGN §10)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from .bots import BOTS


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate", help="play a pack many times with bots and report its balance",
        description="Play the pack with every bot strategy over many seeds and report win rates, grades, "
        "reserves, outcomes and trust, head-to-head shares, the events that decide games, and warnings (one "
        "strategy dominates, nothing wins). Ctrl-C stops early and reports what was played (exit status 130). "
        "Exit status 1 when the pack does not load or, with --lessons, a teaching check fails.")
    p.add_argument("pack", help="scenario pack folder")
    p.add_argument("--runs", type=_positive, default=200, help="games per strategy (default 200)")
    p.add_argument("--seed", type=_seed, default=None, help="master seed, 0 or more (default: the pack's seed)")
    p.add_argument("--strategy", nargs="+", choices=sorted(BOTS), metavar="NAME",
                   help=f"strategies to play (default all): {', '.join(BOTS)}")
    p.add_argument("--jobs", type=_positive, default=1, help="worker processes (default 1)")
    p.add_argument("--json", metavar="OUT", type=Path, help="write every figure and per-game result as JSON")
    p.add_argument("--html", metavar="OUT", type=Path, help="write a self-contained HTML report with charts")
    p.add_argument("--lessons", action="store_true",
                   help="also check the pack still teaches its lesson (matching beats tendering, but not at once; "
                        "history lands as documented; no dominant strategy; the Carillion event matters); "
                        "exit status 1 when a check fails")
    p.set_defaults(handler=simulate)


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # argparse would say "invalid _positive value"
        raise argparse.ArgumentTypeError(f"expected a whole number, found '{text}'") from None


def _positive(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _seed(text: str) -> int:
    value = _whole(text)
    if value < 0:  # numpy's SeedSequence takes only non-negative seeds (it used to end in a traceback)
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def simulate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from game.cli import UserError
    from game.content.loader import PackError, load_pack

    from .lessons import SHOCK_STRATEGIES, carillion_events, check_lessons, play_without_carillion
    from .report import summarise
    from .runner import run, tasks_for
    from .terminal import WIDE, print_summary

    try:
        pack = load_pack(args.pack)
    except PackError as exc:
        raise UserError(f"cannot simulate {args.pack}: {exc}") from None
    names = list(dict.fromkeys(args.strategy or BOTS))
    skipped = {n: reason for n in names if (reason := BOTS[n].unavailable(pack))}
    playing = [n for n in names if n not in skipped]
    if not playing:
        raise UserError("no strategy can play this pack: " + "; ".join(f"{n}: {r}" for n, r in skipped.items()))
    _check_outputs(args)
    seed = pack.info.seed if args.seed is None else args.seed
    tasks = tasks_for(playing, seed, args.runs)
    shocked = args.lessons and bool(carillion_events(pack))
    console = Console(stderr=True)
    jobs = min(args.jobs, os.cpu_count() or 1)
    if jobs < args.jobs:  # more workers than cores only slows the machine (a forked worker each, all at once)
        console.print(f"[dim]using {jobs} worker processes: this computer has {jobs} cores[/dim]")
    results, without, complete = [], [], False
    columns = (TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        extra = len(SHOCK_STRATEGIES) * args.runs if shocked else 0
        bar = progress.add_task("games", total=len(tasks) + extra)
        advance = lambda n: progress.advance(bar, n)  # noqa: E731
        try:
            results.extend(run(pack, tasks, jobs=jobs, on_progress=advance))
            if shocked:
                without = play_without_carillion(pack, seed, args.runs, jobs, advance)
            complete = True
        except KeyboardInterrupt:
            pass
    summary = {"seed": seed, "runs": args.runs, **summarise(pack, results, skipped, complete)}
    if args.lessons and complete:
        summary["lessons"] = [lesson.to_dict() for lesson in check_lessons(pack, results, without)]
    out = Console()
    if not out.is_terminal:  # a file or a pipe has no width: do not squeeze the tables into 80 columns
        out = Console(width=WIDE)
    print_summary(summary, out)
    _write_outputs(args, summary)
    if not complete:
        return 130
    return 1 if any(not lesson["passed"] for lesson in summary.get("lessons", ())) else 0


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse --json/--html paths that cannot be written before playing, not after minutes of games."""
    from game.cli import UserError

    for flag, path in (("--json", args.json), ("--html", args.html)):
        if path is None:
            continue
        if path.is_dir():
            raise UserError(f"{flag} {path} is a folder; give a file name such as {path / 'report'}"
                            f"{'.json' if flag == '--json' else '.html'}")
        if not path.parent.is_dir():
            raise UserError(f"{flag} {path}: the folder {path.parent} does not exist")


def _write_outputs(args: argparse.Namespace, summary: dict) -> None:
    from game.cli import UserError

    from .html_report import render_html

    outputs = [(args.json, lambda: json.dumps(summary, indent=1)), (args.html, lambda: render_html(summary))]
    for path, render in outputs:
        if path is None:
            continue
        try:
            path.write_text(render(), encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror}") from None
