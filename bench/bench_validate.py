"""Time the whole `validate` command (a fresh interpreter, imports included) on a pack.

    python bench/bench_validate.py [PACK] [--runs N] [--no-compile]

Without PACK it picks the largest built-in pack (by bytes of TOML). Reported:
wall time and the child's CPU time (user + system, which other work on a
shared machine inflates less) of
- the command as a facilitator runs it again and again: the validators pydantic
  generates for the pack models kept from an earlier run (game/content/prebuilt.py;
  the bench uses a cache folder of its own, filled by one untimed run);
- the command with that cache turned off (COMMON_GROUND_NO_CACHE=1): what the
  very first run costs, and every run where the cache folder cannot be written;
- a bare `python -c pass`, for comparison.
The three are run in turn, N times each, so a busy spell slows them alike.
Target (DESIGN §11): at most 300 ms for the whole command.

Bytecode for the game's modules is compiled first (as installing does, and as
the first run does unless PYTHONDONTWRITEBYTECODE is set), so a module edited
since its last run is not timed compiling; --no-compile leaves it alone.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from packs import ROOT, largest_pack


def timed_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command`; exits if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(done.stderr.decode())
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def line(label: str, times: list[float]) -> str:
    return (f"{label}: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
            f"worst {max(times) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-compile", action="store_true", help="do not compile the game's bytecode first")
    args = parser.parse_args()
    pack = Path(args.pack) if args.pack else largest_pack()
    if not args.no_compile:
        compileall.compile_dir(ROOT / "game", quiet=1)
    validate = [sys.executable, str(ROOT / "main.py"), "validate", str(pack)]
    with tempfile.TemporaryDirectory() as cache:
        warm_env = {**os.environ, "XDG_CACHE_HOME": cache}
        warm_env.pop("COMMON_GROUND_NO_CACHE", None)
        commands = {
            "whole command": (validate, warm_env),
            "whole command, no kept validators": (validate, {**os.environ, "COMMON_GROUND_NO_CACHE": "1"}),
            "python -c pass": ([sys.executable, "-c", "pass"], dict(os.environ)),
        }
        timed_once(validate, warm_env)  # fills the cache
        results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
        for _ in range(args.runs):
            for name, (command, env) in commands.items():
                wall, cpu = timed_once(command, env)
                results[name][0].append(wall)
                results[name][1].append(cpu)
    print(f"pack: {pack.name}  runs: {args.runs}")
    for name, (wall, cpu) in results.items():
        print(line(f"{name}, wall", wall))
        print(line(f"{name}, cpu ", cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
