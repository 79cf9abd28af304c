"""Save slots on disk: where they live, writing one, autosaving, and listing them for the load screen."""

from __future__ import annotations

import base64
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import numpy

from .. import __version__
from ..advice.model import HintUse
from ..engine import State, state_to_dict
from ..engine.calendar import label, quarter_of
from .atomic import atomic_write, is_temp, sweep_temp
from .errors import NotASave, SaveError, SaveWriteError
from .format import SAVE_FORMAT, SAVE_KIND, SaveFile, SaveHeader, encode, read_header, snapshot_digest

SAVE_SUFFIX = ".json"
AUTOSAVE_PREFIX = "autosave-"
AUTOSAVES_KEPT = 3
APP_DIR_NAME = "Common Ground"


def saves_dir() -> Path:
    """`$COMMON_GROUND_HOME/saves`, else the platform's per-user data folder.

    (The repository's saves/ folder holds examples only; the game never writes there.)
    """
    home = os.environ.get("COMMON_GROUND_HOME")
    if home:
        return Path(home) / "saves"
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / APP_DIR_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "common-ground"
    return base / "saves"


def date_label(state: State) -> str:
    start = state.game.pack.info.start
    return label(*quarter_of(start.year, start.quarter, state.turn))


def make_save(state: State, *, name: str, autosave: bool = False, thumbnail: bytes | None = None,
              hints_used: Iterable[HintUse] = (), pack_path: str | Path | None = None) -> SaveFile:
    pack = state.game.pack
    snapshot = state_to_dict(state)
    try:
        header = SaveHeader(
            format=SAVE_FORMAT, game_version=__version__, numpy_version=numpy.__version__, pack_id=pack.info.id,
            pack_hash=pack.content_hash, pack_path=str(Path(pack_path).resolve()) if pack_path else None,
            scenario=pack.info.title, place=pack.info.place, date=date_label(state), turn=state.turn,
            turns=state.game.turns, over=state.over, created=datetime.now(timezone.utc), name=name[:120],
            autosave=autosave, thumbnail=base64.b64encode(thumbnail).decode("ascii") if thumbnail else None,
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise ValueError(f"cannot save: {exc}") from None
    return SaveFile(
        kind=SAVE_KIND, header=header, seed=state.seed, hints_used=list(hints_used),
        digest=snapshot_digest(snapshot), actions=[(t, a) for t, a in snapshot["actions"]], snapshot=snapshot,
    )


def slot_file(folder: Path, name: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "save"
    return folder / f"{slug}{SAVE_SUFFIX}"


def save_game(target: str | Path | None, state: State, *, name: str | None = None, thumbnail: bytes | None = None,
              hints_used: Iterable[HintUse] = (), pack_path: str | Path | None = None) -> Path:
    """Save `state` atomically and return the file written.

    `target` is a file (ending .json), a folder (the slot's file is named after
    `name`), or None for the player's saves folder. A file there that is not a
    readable save is never overwritten: a damaged save is kept beside it, and
    anything that is not a save at all is refused.
    """
    name = name or f"{state.game.pack.info.title}, {date_label(state)}"
    folder = saves_dir() if target is None else Path(target)
    path = folder if folder.suffix == SAVE_SUFFIX else slot_file(folder, name)
    return _write(path, make_save(state, name=name, thumbnail=thumbnail, hints_used=hints_used, pack_path=pack_path))


def autosave(state: State, *, folder: str | Path | None = None, keep: int = AUTOSAVES_KEPT,
             thumbnail: bytes | None = None, hints_used: Iterable[HintUse] = (),
             pack_path: str | Path | None = None) -> Path:
    """Save as a new autosave and delete all but the newest `keep` autosaves (call at every end of turn)."""
    where = saves_dir() if folder is None else Path(folder)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    path = where / f"{AUTOSAVE_PREFIX}{stamp}{SAVE_SUFFIX}"
    save = make_save(state, name=f"Autosave: {state.game.pack.info.title}, turn {state.turn}", autosave=True,
                     thumbnail=thumbnail, hints_used=hints_used, pack_path=pack_path)
    written = _write(path, save)
    for old in sorted(autosave_files(where), reverse=True)[max(1, keep):]:
        try:
            old.unlink()
        except OSError:
            pass
    return written


def autosave_files(folder: Path) -> list[Path]:
    return [p for p in folder.glob(f"{AUTOSAVE_PREFIX}*{SAVE_SUFFIX}") if not is_temp(p)]


def _write(path: Path, save: SaveFile) -> Path:
    if path.exists():
        _keep_unreadable(path)
    try:
        atomic_write(path, encode(save))
    except OSError as exc:
        raise SaveWriteError(f"Could not save to {path}: {exc.strerror or exc}. Any earlier save there is "
                             "untouched.", path) from None
    sweep_temp(path.parent)
    return path


def _keep_unreadable(path: Path) -> None:
    """Before overwriting a slot: refuse if it is not a save; move a damaged save aside rather than lose it."""
    try:
        read_header(path)
    except NotASave:
        raise SaveWriteError(f"{path} is not a Common Ground save; choose another name so it is not "
                             "overwritten.", path) from None
    except SaveError:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            path.rename(path.with_name(f"{path.stem}.damaged-{stamp}{SAVE_SUFFIX}"))
        except OSError as exc:
            raise SaveWriteError(f"{path} is damaged and could not be moved aside ({exc.strerror or exc}); "
                                 "choose another name.", path) from None


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One row of the load screen. `error` is set (and the rest mostly blank) for a file that cannot be read."""

    path: Path
    name: str
    scenario: str
    pack_id: str
    date: str
    turn: int
    turns: int
    over: str | None
    thumbnail: bytes | None
    modified: datetime
    created: datetime | None
    autosave: bool
    error: str | None = None


def list_saves(folder: str | Path | None = None) -> list[SaveInfo]:
    """Every save in the folder, newest first, damaged ones included (with their error) so none vanish."""
    where = saves_dir() if folder is None else Path(folder)
    if not where.is_dir():
        return []
    out: list[SaveInfo] = []
    for path in where.glob(f"*{SAVE_SUFFIX}"):
        if is_temp(path) or not path.is_file():
            continue
        try:
            modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        except OSError:
            continue
        try:
            h = read_header(path)
        except SaveError as exc:
            out.append(SaveInfo(path, path.stem, "", "", "", 0, 0, None, None, modified, None,
                                path.name.startswith(AUTOSAVE_PREFIX), str(exc)))
            continue
        out.append(SaveInfo(path, h.name, h.scenario, h.pack_id, h.date, h.turn, h.turns, h.over, h.thumbnail_png,
                            modified, h.created, h.autosave))
    out.sort(key=lambda i: (i.modified, i.path.name), reverse=True)
    return out
