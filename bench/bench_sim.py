"""Balance simulator speed: wall time for N whole games of a pack across worker processes.

    python bench/bench_sim.py [PACK ...] [--games N] [--jobs J] [--strategy NAME ...] [--seed S]

Without PACK it measures every built-in pack in turn (DESIGN §11: "any built-in
pack"). The games are shared evenly between the strategies (default: every one
that can play the pack), exactly as `simulate` runs them. Reported per pack:
wall time, and the CPU time of the workers (user + system), which other work
on a shared machine inflates less than the wall clock. Target (DESIGN §11):
10,000 games in at most 60 s with --jobs 2 on the 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import collector  # noqa: E402
from game.content.loader import load_pack  # noqa: E402
from game.sim.bots import BOTS  # noqa: E402
from game.sim.runner import run, tasks_for  # noqa: E402
from packs import builtin_packs  # noqa: E402


def bench(path: Path, games: int, jobs: int, seed: int, strategies: list[str] | None) -> None:
    """Run and report one pack."""
    pack = load_pack(path)
    names = [n for n in (strategies or BOTS) if not BOTS[n].unavailable(pack)]
    runs = max(1, games // len(names))
    tasks = tasks_for(names, seed, runs)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    results = list(run(pack, tasks, jobs=jobs))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    turns = sum(r.turn for r in results)
    met = wall * 10_000 / len(results) <= 60
    print(f"pack: {pack.id}  strategies: {', '.join(names)}  games: {len(results)}  jobs: {jobs}")
    print(f"wall: {wall:.1f} s  workers' cpu: {cpu:.1f} s  games/s: {len(results) / wall:,.0f}  "
          f"turns/s: {turns / wall:,.0f}")
    print("target: 10,000 games in <= 60 s with --jobs 2:", "met" if met else "NOT met")


def main() -> int:
    collector.tune()  # as every game process is set (game.collector)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="*", type=Path)
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strategy", nargs="+", choices=sorted(BOTS))
    args = parser.parse_args()
    for path in args.pack or builtin_packs():
        bench(path, args.games, args.jobs, args.seed, args.strategy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
