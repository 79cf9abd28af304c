"""Keyed random streams: a fresh numpy Generator per (seed, turn, purpose).

The state carries its seed; each random draw comes from a generator derived
from that seed, the turn and the purpose. Nothing random is held between
steps, so a state is a plain value, and two teams in a room on the same seed
draw the same luck on the same turn whatever they did before.
"""

from __future__ import annotations

import numpy as np

PURPOSES = {"turn": 1, "sense": 2}


def generator(seed: int, turn: int, purpose: str, *extra: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, turn, PURPOSES[purpose], *extra])))
