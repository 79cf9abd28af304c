"""How a Common Ground process sets CPython's cyclic garbage collector.

Playing a game makes no reference cycles (a test plays games with the collector
off and finds nothing left for it), yet every step keeps new containers alive
until the game ends: causal trace and ledger entries, quarter snapshots,
records. CPython walks its youngest generation every 700 net new containers
(2,000 from 3.13), and each walk follows every reference those containers hold,
mostly into older memory; on the project's 2-core machine that was a tenth of
the engine's time (docs/PERFORMANCE.md). Every process that plays games (the
game itself, `simulate` and its workers, the room, the benches) calls `tune`
first, so the walk comes fourteen times less often (five times on 3.13). The
cycles that screens and the room do make are still collected, a little later.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000
"""net new containers between two walks of the youngest generation (CPython's default: 700; 2,000 from 3.13)"""


def tune() -> None:
    """Raise the youngest generation's threshold; the older generations keep theirs."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
