"""Time the whole `validate` command (a fresh interpreter, imports included) on a pack.

    python bench/bench_validate.py [PACK] [--runs N]

Without PACK it picks the largest built-in pack (by bytes of TOML). Reported:
wall time and the child's CPU time (user + system, which other work on a
shared machine inflates less), and the same for a bare `python -c pass` for
comparison. Target (DESIGN §11): at most 300 ms for the whole command.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from packs import ROOT, largest_pack


def timed(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `runs` runs of `command`; exits if it fails."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(done.stderr.decode())
    return wall, cpu


def line(label: str, times: list[float]) -> str:
    return (f"{label}: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
            f"worst {max(times) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    pack = Path(args.pack) if args.pack else largest_pack()
    wall, cpu = timed([sys.executable, str(ROOT / "main.py"), "validate", str(pack)], args.runs)
    bare_wall, bare_cpu = timed([sys.executable, "-c", "pass"], args.runs)
    print(f"pack: {pack.name}  runs: {args.runs}")
    print(line("whole command, wall", wall))
    print(line("whole command, cpu ", cpu))
    print(line("python -c pass, wall", bare_wall))
    print(line("python -c pass, cpu ", bare_cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
