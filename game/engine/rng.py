"""Keyed random streams: a fresh numpy Generator per (seed, turn, purpose).

The state carries its seed; each random draw comes from a counter-based
Philox generator keyed by that seed, the turn and the purpose. Nothing random
is held between steps, so a state is a plain value, and two teams in a room on
the same seed draw the same luck on the same turn whatever they did before.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

PURPOSES = {"quarter": 1, "sense": 2}


def generator(seed: int, turn: int, purpose: str, extra: int = 0) -> np.random.Generator:
    """Independent streams for distinct keys; the key packs turn, purpose and an extra small index."""
    import numpy as np  # here, not at the top: commands that never play a game start without numpy

    key = (turn & 0xFFFF) << 24 | PURPOSES[purpose] << 16 | (extra & 0xFFFF)
    return np.random.Generator(np.random.Philox(key=[seed & 0xFFFFFFFFFFFFFFFF, key]))


@lru_cache(maxsize=4096)
def sense_draw(seed: int, turn: int, extra: int, options: int) -> int:
    """The index `make_sense` rules out: one integer below `options` from the (seed, turn, "sense",
    extra) stream. A pure function of its key, so it is remembered: creating a Philox generator
    costs ~25 µs, and a look-ahead bot tries the same `make_sense` at every decision of a quarter."""
    return int(generator(seed, turn, "sense", extra).integers(options))


Luck = tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]


def quarter_luck(seed: int, turns: int, providers: int, triggered: int) -> Luck:
    """Every quarter's luck for a game, drawn once from the seed: row t holds the market noise at the
    end of turn t (one normal per provider) and the draws for the triggered events of turn t + 1
    (row 0: those of turn 1). A pure function of the seed, so it is rebuilt, never saved; drawing it
    whole costs one generator per game instead of one per quarter."""
    luck = generator(seed, 0, "quarter")
    noise = luck.standard_normal((turns + 1, providers)).tolist()
    draws = luck.random((turns + 1, triggered)).tolist()
    return tuple(zip(map(tuple, noise), map(tuple, draws)))
