"""Loading a save: find its scenario, check it is the same version, and rebuild the state.

The snapshot is trusted on the very pack it was saved from (same content
hash). When the pack has changed, loading stops with `PackChanged` so the
player can choose: replay the decisions on the new version
(`load_game(path, replay=True)`), or refuse and keep the save as it is.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..advice.model import HintUse
from ..content.loader import PackError, load_pack
from ..content.models import Pack
from ..engine import Game, State, digest, prepare, state_from_dict
from .errors import CorruptSave, PackChanged, PackNotFound
from .format import SaveFile, SaveHeader, read_save
from .replay import rebuild

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUILT_IN = Path(__file__).resolve().parents[2] / "scenarios"

PackLoader = Callable[[SaveHeader], "Pack | tuple[Pack, Path | None]"]
"""Finds the scenario for a save's header: the pack, or the pack and the folder it came from."""


@dataclass(frozen=True, slots=True)
class LoadedGame:
    state: State
    header: SaveHeader
    path: Path
    hints_used: tuple[HintUse, ...]
    pack_path: Path | None
    """where the scenario was found: pass it back to `save_game` so the next save remembers it"""
    replayed: bool = False
    """True when the decisions were replayed on a changed scenario rather than the snapshot loaded"""


def find_pack(header: SaveHeader, override: str | Path | None = None) -> tuple[Pack, Path | None]:
    """The save's scenario: `override`, else the folder it was saved from, else the built-in one with its id."""
    candidates: list[Path] = []
    if override is not None:
        candidates = [Path(override)]
    else:
        if header.pack_path:
            candidates.append(Path(header.pack_path))
        candidates.extend(builtin_folders(header.pack_id))
    for folder in candidates:
        if (folder / "pack.toml").is_file():
            try:
                return load_pack(folder), folder
            except PackError as exc:
                raise PackNotFound(f"The scenario at {folder} has errors and cannot be loaded:\n{exc}") from None
    if override is not None:
        raise PackNotFound(f"There is no scenario pack at {override} (no pack.toml).")
    where = f" It was saved from {header.pack_path}." if header.pack_path else ""
    raise PackNotFound(f"The scenario '{header.scenario}' ({header.pack_id}) this game was saved from cannot be "
                       f"found.{where} Point to its folder (--pack) to load it.")


def builtin_folders(pack_id: str) -> list[Path]:
    """scenarios/<pack id>, then any built-in folder whose pack.toml declares that id."""
    out = [BUILT_IN / pack_id]
    if BUILT_IN.is_dir():
        for folder in sorted(BUILT_IN.iterdir()):
            if folder.name != pack_id and _declared_id(folder / "pack.toml") == pack_id:
                out.append(folder)
    return out


def _declared_id(path: Path) -> str | None:
    try:
        return tomllib.loads(path.read_text("utf-8")).get("id")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def load_game(path: str | Path, *, replay: bool = False, pack_loader: PackLoader = find_pack,
              pack: Pack | Game | None = None) -> LoadedGame:
    """Read, check and rebuild a saved game.

    Raises a `SaveError` subclass with a message for the player: `SaveNotFound`,
    `NotASave`, `CorruptSave` (`TruncatedSave`, `DigestMismatch`), `FutureSave`,
    `PackNotFound`, `PackChanged` (retry with `replay=True`, or refuse), and
    with `replay=True` `ReplayFailed`. The file is only ever read.
    `pack` skips the search when the caller already holds the scenario.
    """
    file = Path(path)
    save = read_save(file)
    header = save.header
    if pack is not None:
        game, folder = prepare(pack), None
    else:
        found = pack_loader(header)
        pack_found, folder = found if isinstance(found, tuple) else (found, None)
        game = prepare(pack_found)
    current = game.pack.content_hash
    if game.pack.info.id != header.pack_id:
        raise PackNotFound(f"{file.name} is a game of '{header.scenario}' ({header.pack_id}), not of "
                           f"'{game.pack.info.title}' ({game.pack.info.id}).", file)
    hints = tuple(save.hints_used)
    if current != header.pack_hash:
        if not replay:
            raise PackChanged(
                f"The scenario '{header.scenario}' has changed since {file.name} was saved. The decisions can be "
                "replayed on the new version (the results may differ), or the save left as it is.",
                file, header.pack_hash, current)
        state = rebuild(game, save.seed, save.actions, path=file)
        return LoadedGame(state, header, file, hints, folder, replayed=True)
    return LoadedGame(snapshot_state(game, save, file), header, file, hints, folder)


def snapshot_state(game: Game, save: SaveFile, file: Path) -> State:
    """The saved state on its own scenario, checked to come back with exactly the digest it was saved with."""
    snap = save.snapshot
    try:
        fits = (set(snap["problems"]) == set(game.problem) and set(snap["providers"]) == set(game.provider)
                and set(snap["trust"]) == set(game.stakeholder))
        state = state_from_dict(game, snap) if fits else None
    except (KeyError, TypeError, ValueError, AttributeError):
        state = None
    if state is None or digest(state) != save.digest:
        raise CorruptSave(f"{file.name} is damaged: the saved game does not fit its scenario.", file)
    return state
