"""The advisor a player can ask at any time (DESIGN §2.1): hints from the real state, phrased as advice."""

from .model import Hint, HintUse, note_used
from .rules import hints, known_domains

__all__ = ["Hint", "HintUse", "hints", "known_domains", "note_used"]
