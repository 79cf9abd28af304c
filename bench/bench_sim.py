"""Balance simulator speed: wall time for N whole games of a pack across worker processes.

    python bench/bench_sim.py [PACK] [--games N] [--jobs J] [--strategy NAME ...] [--seed S]

The games are shared evenly between the strategies (default: every one that
can play the pack), exactly as `simulate` runs them. Target (DESIGN §11):
10,000 games in at most 60 s with --jobs 2 on the 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.loader import load_pack  # noqa: E402
from game.sim.bots import BOTS  # noqa: E402
from game.sim.runner import run, tasks_for  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default=str(ROOT / "tests/fixtures/fixture_pack"))
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strategy", nargs="+", choices=sorted(BOTS))
    args = parser.parse_args()
    pack = load_pack(args.pack)
    names = [n for n in (args.strategy or BOTS) if not BOTS[n].unavailable(pack)]
    runs = max(1, args.games // len(names))
    tasks = tasks_for(names, args.seed, runs)
    start = time.perf_counter()
    results = list(run(pack, tasks, jobs=args.jobs))
    wall = time.perf_counter() - start
    turns = sum(r.turn for r in results)
    print(f"pack: {pack.id}  strategies: {', '.join(names)}  games: {len(results)}  jobs: {args.jobs}")
    print(f"wall: {wall:.1f} s  games/s: {len(results) / wall:,.0f}  turns/s: {turns / wall:,.0f}")
    print("target: 10,000 games in <= 60 s with --jobs 2:", "met" if wall * 10_000 / len(results) <= 60 else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
