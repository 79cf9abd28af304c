"""Time the whole `validate` command (a fresh interpreter, imports included) on a pack.

    python bench/bench_validate.py [PACK] [--runs N]

Without PACK it picks the largest built-in pack (by bytes of TOML). Target
(DESIGN §11): at most 300 ms for the whole command.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from packs import ROOT, largest_pack


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    pack = Path(args.pack) if args.pack else largest_pack()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(pack)], capture_output=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(done.stderr.decode(), file=sys.stderr)
            return 1
    print(f"pack: {pack.name}  runs: {args.runs}")
    print(f"whole command: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
          f"worst {max(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
