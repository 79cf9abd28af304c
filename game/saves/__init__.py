"""Saves that never lose a game (DESIGN §9): slots, autosave, atomic writes, loading, replay.

The screens use only these names.
"""

from .errors import (
    CorruptSave, DigestMismatch, FutureSave, NotASave, PackChanged, PackNotFound, ReplayFailed, SaveError,
    SaveNotFound, SaveWriteError, TruncatedSave,
)
from .format import SAVE_FORMAT, SaveFile, SaveHeader, read_header, read_save
from .loading import LoadedGame, find_pack, load_game
from .replay import Divergence, first_divergence, rebuild
from .store import SaveInfo, autosave, list_saves, save_game, saves_dir

__all__ = [
    "CorruptSave", "DigestMismatch", "Divergence", "FutureSave", "LoadedGame", "NotASave", "PackChanged",
    "PackNotFound", "ReplayFailed", "SAVE_FORMAT", "SaveError", "SaveFile", "SaveHeader", "SaveInfo",
    "SaveNotFound", "SaveWriteError", "TruncatedSave", "autosave", "find_pack", "first_divergence", "list_saves",
    "load_game", "read_header", "read_save", "rebuild", "save_game", "saves_dir",
]
