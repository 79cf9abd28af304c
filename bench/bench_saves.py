"""Saves: how long saving, loading and listing take for a long game.

    python bench/bench_saves.py [PACK] [--turns N] [--repeat R]

Plays a long game (the pack stretched to N quarters, 40 by default — the most
a pack may have — with a few cheap decisions every quarter so it runs to the
end), saves it to a temporary folder, then times, best and median of R runs:
save (JSON encode, temp file, fsync, rename, folder fsync); load (read,
validate, digest check, find and load the pack from disk, rebuild the state,
re-check its digest); the header alone; the save list of 20 slots.
Target: loading a save ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import collector  # noqa: E402
from game.content.loader import load_pack  # noqa: E402
from game.engine import EndTurn, State, legal_actions, new_game, prepare, step  # noqa: E402
from game.saves import list_saves, load_game, read_header, save_game  # noqa: E402

CHEAP = ("make_sense", "classify", "choose", "plan_contingency", "set_council_tax")


def long_game(game, seed: int) -> State:
    rng = np.random.default_rng(seed)
    state = new_game(game, seed)
    while not state.is_over:
        for _ in range(3):
            options = [a for a in legal_actions(state) if a.kind in CHEAP]
            if state.pending:
                options = [a for a in options if a.kind == "choose"]
            if not options:
                break
            state = step(state, options[int(rng.integers(len(options)))])
        while state.pending:
            state = step(state, legal_actions(state)[0])
        state = step(state, EndTurn())
    return state


def timed(fn, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return min(runs), statistics.median(runs)


def main() -> int:
    collector.tune()  # as every game process is set (game.collector)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default=str(ROOT / "tests/fixtures/fixture_pack"))
    parser.add_argument("--turns", type=int, default=40, help="stretch the pack to this many quarters")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        shutil.copytree(args.pack, folder)
        toml = folder / "pack.toml"
        toml.write_text(re.sub(r"(?m)^turns\s*=\s*\d+", f"turns = {args.turns}", toml.read_text("utf-8")), "utf-8")
        game = prepare(load_pack(folder))
        state = long_game(game, args.seed)
        saves = Path(tmp) / "saves"
        path = save_game(saves, state, name="bench", pack_path=folder)
        size = path.stat().st_size
        for i in range(19):
            shutil.copy(path, saves / f"copy-{i}.json")
        rows = [
            ("save", timed(lambda: save_game(saves, state, name="bench", pack_path=folder), args.repeat)),
            ("load (whole game, pack from disk)", timed(lambda: load_game(path), args.repeat)),
            ("header only", timed(lambda: read_header(path), args.repeat)),
            ("list 20 saves", timed(lambda: list_saves(saves), args.repeat)),
        ]
    print(f"{game.pack.info.title}: {state.turn} turns, {len(state.actions)} decisions, "
          f"{len(state.trace):,} trace entries; save file {size / 1024:,.0f} KB")
    print(f"{'':36} {'best':>9} {'median':>9}")
    for name, (best, median) in rows:
        print(f"{name:36} {best:7.1f}ms {median:7.1f}ms")
    load_median = rows[1][1][1]
    print(f"target: load ≤ 200 ms — {'met' if load_median <= 200 else 'NOT met'} (median {load_median:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
