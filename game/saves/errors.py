"""Why a save could not be read or written, each as its own type with a message for the player.

Screens show `str(error)` as it is, and the command line prints it on one
line; callers branch on the type (a `PackChanged` offers to replay, a
`FutureSave` suggests updating the game) rather than parsing words.
"""

from __future__ import annotations

from pathlib import Path


class SaveError(Exception):
    """A save that cannot be read or written; the message says what happened and what to do."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class SaveNotFound(SaveError):
    pass


class NotASave(SaveError):
    """The file is something else: another program's JSON, a picture, a text file."""


class CorruptSave(SaveError):
    """The file is a Common Ground save but its contents are damaged or do not fit together."""


class TruncatedSave(CorruptSave):
    """The file stops part-way: cut off by a full disk, a failed copy or a crash outside the game."""


class DigestMismatch(CorruptSave):
    """The saved state no longer matches the checksum written with it: edited or damaged."""


class FutureSave(SaveError):
    """Written by a newer version of the game in a format this version cannot read."""

    def __init__(self, message: str, path: Path | None, found: int, readable: tuple[int, ...]) -> None:
        super().__init__(message, path)
        self.found = found
        self.readable = readable


class PackNotFound(SaveError):
    """The scenario the game was saved from is not where it was, nor among the built-in ones."""


class PackChanged(SaveError):
    """The scenario's files have changed since the save: its snapshot may no longer fit.

    Offer the player `load_game(path, replay=True)` (replay the decisions on the
    new version) or refusing; `saved_hash` and `current_hash` say which versions.
    """

    def __init__(self, message: str, path: Path | None, saved_hash: str, current_hash: str) -> None:
        super().__init__(message, path)
        self.saved_hash = saved_hash
        self.current_hash = current_hash


class ReplayFailed(SaveError):
    """The decisions in a save could not all be replayed (usually on a changed scenario)."""

    def __init__(self, message: str, path: Path | None, index: int, turn: int) -> None:
        super().__init__(message, path)
        self.index = index
        self.turn = turn


class SaveWriteError(SaveError):
    """The save could not be written (disk full, no permission); any earlier save is untouched."""
