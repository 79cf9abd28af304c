"""Engine speed: turns per second of random legal play on one core.

    python bench/bench_engine.py [PACK] [--games N] [--seed S] [--repeat R] [--per-turn] [--without-logs] [--default-gc]

PACK defaults to the largest built-in pack (DESIGN §11 sets the target there).
Random legal play: each turn the bot asks for the legal actions and takes a
random one with probability 0.6, otherwise ends the quarter (as the property
tests do). The driver draws from Python's `random` (a fraction of a
microsecond a draw) so that the figure is the engine's, not the driver's.
Reported: turns/s, steps/s, and mean legal actions per call, in the CPU time
of the playing thread (best of --repeat runs; the median too), after one game
played untimed: that game pays for numpy's import, whose thread pool then
spins on the other core for a while and would count in the process's CPU time.
Games keep their causal trace, ledger and feed as every played game does;
`--without-logs` plays as the balance simulator does (same numbers, no logs).
Also reported: the memory a finished game keeps (20 games, after the timed
runs). The garbage collector is set as every game process sets it
(`game.collector.tune`); `--default-gc` keeps CPython's default, to measure
what that setting is worth.
Target (DESIGN §11): at least 3,000 turns per second on one core.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import collector  # noqa: E402
from game.content.loader import load_pack  # noqa: E402
from game.engine import EndTurn, State, is_legal, legal_actions, new_game, prepare, step  # noqa: E402
from packs import largest_pack  # noqa: E402


def play(game, seed: int, rng: random.Random, per_turn: bool = False, record: bool = True) -> tuple[State, int, int]:
    """One game of random legal play. `per_turn`: list the legal actions once a quarter (and after a
    decision is answered) and re-check each random pick with `is_legal`, as the bots do. `record`:
    keep the causal trace, ledger and feed, as every played game does (the simulator does not)."""
    state = new_game(game, seed, record=record)
    steps = offered = 0
    actions: list = []
    while not state.is_over:
        if state.pending or rng.random() < 0.6:
            if not per_turn or not actions or state.pending:
                actions = legal_actions(state)
                offered += len(actions)
            action = actions[rng.randrange(len(actions))]
            if per_turn and not is_legal(state, action):
                action = EndTurn()
        else:
            action = EndTurn()
        if action.kind in ("end_turn", "choose"):
            actions = []
        state = step(state, action)
        steps += 1
    return state, steps, offered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default=str(largest_pack()))
    parser.add_argument("--games", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest and the median are reported")
    parser.add_argument("--per-turn", action="store_true",
                        help="list legal actions once a quarter and re-check picks (as bots do)")
    parser.add_argument("--without-logs", action="store_true",
                        help="play without the causal trace, ledger and feed, as the simulator does")
    parser.add_argument("--default-gc", action="store_true",
                        help="keep CPython's garbage-collector thresholds instead of the game's (game.collector)")
    args = parser.parse_args()
    if not args.default_gc:
        collector.tune()
    game = prepare(load_pack(args.pack))
    play(game, args.seed, random.Random(args.seed), args.per_turn, not args.without_logs)
    runs = []
    for _ in range(args.repeat):
        rng = random.Random(args.seed)
        turns = steps = offered = 0
        wall, cpu = time.perf_counter(), time.thread_time()
        for i in range(args.games):
            state, s, o = play(game, args.seed + i, rng, args.per_turn, not args.without_logs)
            turns, steps, offered = turns + state.turn, steps + s, offered + o
        runs.append((time.thread_time() - cpu, time.perf_counter() - wall))
    cpu, wall = min(runs)
    median = statistics.median(c for c, _ in runs)
    mode = "legal actions listed once a quarter" if args.per_turn else "legal actions listed before every action"
    print(f"mode: {mode}" + (", without logs (as the simulator plays)" if args.without_logs else "")
          + f"; collector thresholds {gc.get_threshold()}" + (" (CPython's default)" if args.default_gc else ""))
    print(f"pack: {game.pack.info.id}  games: {args.games}  turns: {turns}  steps: {steps}  (best of {args.repeat})  "
          f"Python {platform.python_version()} at {sys.executable}")
    print(f"cpu: {cpu:.2f} s  wall: {wall:.2f} s")
    print(f"turns/s (cpu): {turns / cpu:,.0f}   steps/s: {steps / cpu:,.0f}   "
          f"legal actions per call: {offered / max(1, steps):.0f}   median turns/s: {turns / median:,.0f}")
    kept, games, quarters = kept_memory(game, args)
    print(f"memory a finished game keeps: {kept / games / 1024:,.0f} KiB ({kept / quarters:,.0f} bytes a quarter, "
          f"{games} games)")
    return 0


def kept_memory(game, args: argparse.Namespace, games: int = 20) -> tuple[int, int, int]:
    """Bytes `games` finished games hold (trace, ledger, snapshots, records... and what the Game's
    menus remember of them), the games and their quarters: what keeping a game's logs costs besides
    time, and what the collector has to walk."""
    rng = random.Random(args.seed)
    tracemalloc.start()
    states = [play(game, 10_000 + i, rng, args.per_turn, not args.without_logs)[0] for i in range(games)]
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return kept, games, sum(s.turn for s in states)


if __name__ == "__main__":
    sys.exit(main())
