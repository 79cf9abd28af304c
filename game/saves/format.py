"""The save file: a pydantic-validated JSON document (DESIGN §9).

A save holds a header (what, when, made by which versions), the seed, the
action log and a whole state snapshot with its digest. Loading trusts the
snapshot — numpy promises the same random stream only on the same build — and
the log is there to replay, debrief and check. The header is written first so
the save list can read it without parsing a whole game.

Reading is defensive: every way a file can be wrong maps to one error type
with a sentence for the player (errors.py), and reading never writes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..advice.model import HintUse
from .errors import CorruptSave, DigestMismatch, FutureSave, NotASave, SaveNotFound, TruncatedSave

SAVE_KIND = "common-ground-save"
SAVE_FORMAT = 1
"""The format this version writes."""
FORMATS_READ: tuple[int, ...] = (1,)
"""Formats this version can read (older ones would be migrated here)."""
MAX_SAVE_BYTES = 256 * 1024 * 1024
MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HEADER_PREFIX = b'{"kind":"' + SAVE_KIND.encode() + b'","header":'
"""How every save this version writes begins; the quick header reader relies on it."""
HEADER_PEEK_BYTES = 4 * 1024 * 1024


class SaveHeader(BaseModel):
    """What the save list shows, and the versions that wrote the save."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = Field(ge=1)
    game_version: str = Field(max_length=40)
    numpy_version: str = Field(max_length=40)
    pack_id: str = Field(max_length=80)
    pack_hash: str = Field(pattern=r"^[0-9a-f]{64}$|^$")
    pack_path: str | None = Field(None, max_length=4096)
    scenario: str = Field(max_length=200)
    place: str = Field("", max_length=200)
    date: str = Field(max_length=80, description="In-game date of the turn, as the game shows it.")
    turn: int = Field(ge=1, le=1000)
    turns: int = Field(ge=1, le=1000)
    over: str | None = Field(None, max_length=40)
    created: datetime
    name: str = Field(max_length=120, description="The slot name the player gave.")
    autosave: bool = False
    thumbnail: str | None = Field(None, description="Base64 PNG supplied by the screen that saved.")

    @field_validator("thumbnail")
    @classmethod
    def _png(cls, v: str | None) -> str | None:
        if v is not None:
            png_bytes(v)
        return v

    @property
    def thumbnail_png(self) -> bytes | None:
        return png_bytes(self.thumbnail) if self.thumbnail else None


class SaveFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["common-ground-save"]
    header: SaveHeader
    seed: int = Field(ge=0)
    hints_used: list[HintUse] = Field(default_factory=list)
    digest: str = Field(pattern=r"^[0-9a-f]{64}$")
    actions: list[tuple[int, dict[str, Any]]]
    snapshot: dict[str, Any]


def png_bytes(text: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the thumbnail is not base64") from None
    if not raw.startswith(PNG_SIGNATURE):
        raise ValueError("the thumbnail is not a PNG image")
    if len(raw) > MAX_THUMBNAIL_BYTES:
        raise ValueError("the thumbnail is too large")
    return raw


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """The digest `game.engine.digest` gives the state this snapshot describes, computed without a pack."""
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def encode(save: SaveFile) -> bytes:
    """Compact JSON, `kind` then `header` first, so `read_header` finds the header in the first bytes."""
    data = save.model_dump(mode="json")
    ordered = {"kind": data["kind"], "header": data["header"]}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return json.dumps(ordered, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


# ---------------------------------------------------------------------------------------- reading


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise NotASave(f"{path.name} is far too large to be a save ({size // (1024 * 1024)} MB).", path)
        return path.read_bytes()
    except FileNotFoundError:
        raise SaveNotFound(f"There is no save at {path}.", path) from None
    except IsADirectoryError:
        raise NotASave(f"{path} is a folder, not a save file.", path) from None
    except PermissionError:
        raise CorruptSave(f"{path.name} cannot be read: permission denied.", path) from None
    except OSError as exc:
        raise CorruptSave(f"{path.name} cannot be read ({exc.strerror or exc}).", path) from None


def _looks_like_ours(raw: bytes) -> bool:
    return SAVE_KIND.encode() in raw[:200]


def parse_json(raw: bytes, path: Path) -> dict[str, Any]:
    """The top-level object of a save, or the right error for a file that is not one."""
    name = path.name
    if not raw.strip():
        raise TruncatedSave(f"{name} is empty: the save was never finished (nothing can be recovered from it).", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_like_ours(raw):
            raise CorruptSave(f"{name} is damaged: unreadable bytes at position {exc.start}.", path) from None
        raise NotASave(f"{name} is not a Common Ground save (it is not a text file).", path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        ours = _looks_like_ours(raw)
        # A save is one JSON object: an error at the very end, or no closing brace, means it was cut off
        # (a cut inside a long string reports where the string began, not where the text stops).
        if ours and (exc.pos >= len(text.rstrip()) - 1 or not text.rstrip().endswith("}")):
            raise TruncatedSave(
                f"{name} is cut off part-way ({len(raw):,} bytes): it was not written completely.", path
            ) from None
        if ours:
            raise CorruptSave(f"{name} is damaged: {exc.msg.lower()} at line {exc.lineno}, column {exc.colno}.",
                              path) from None
        raise NotASave(f"{name} is not a Common Ground save (it is not a saved game).", path) from None
    if not isinstance(data, dict) or data.get("kind") != SAVE_KIND:
        raise NotASave(f"{name} is not a Common Ground save (it holds other data).", path)
    return data


def check_format(data: dict[str, Any], path: Path) -> None:
    header = data.get("header")
    found = header.get("format") if isinstance(header, dict) else None
    if not isinstance(found, int) or isinstance(found, bool):
        raise CorruptSave(f"{path.name} is damaged: its header has no format number.", path)
    if found not in FORMATS_READ:
        readable = ", ".join(str(f) for f in FORMATS_READ)
        if found > max(FORMATS_READ):
            version = header.get("game_version", "a newer version")
            raise FutureSave(
                f"{path.name} was saved by Common Ground {version} in save format {found}; this version reads "
                f"format {readable}. Update the game to open it.", path, found, FORMATS_READ)
        raise CorruptSave(f"{path.name} uses save format {found}, which this version cannot read "
                          f"(it reads {readable}).", path)


def validate(data: dict[str, Any], path: Path) -> SaveFile:
    check_format(data, path)
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "save"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise CorruptSave(f"{path.name} is damaged: {where}: {first['msg'].lower()}{more}.", path) from None
    check_consistent(save, path)
    return save


def check_consistent(save: SaveFile, path: Path) -> None:
    """The snapshot matches its digest, and the header and log agree with the snapshot."""
    try:
        actual = snapshot_digest(save.snapshot)
    except (TypeError, ValueError):
        actual = ""
    if actual != save.digest:
        raise DigestMismatch(
            f"{path.name} has been changed or damaged since it was saved (its contents no longer match "
            "their checksum), so it cannot be trusted.", path)
    snap = save.snapshot
    pack = snap.get("pack") if isinstance(snap.get("pack"), dict) else {}
    agree = (
        snap.get("seed") == save.seed
        and pack.get("id") == save.header.pack_id
        and pack.get("hash") == save.header.pack_hash
        and snap.get("turn") == save.header.turn
        and snap.get("actions") == [[t, a] for t, a in save.actions]
    )
    if not agree:
        raise CorruptSave(f"{path.name} is damaged: its header or decision log disagrees with the saved game.", path)


def read_save(path: Path) -> SaveFile:
    """A whole save, validated and checked; raises a SaveError subclass for anything else."""
    raw = read_bytes(path)
    return validate(parse_json(raw, path), path)


def read_header(path: Path) -> SaveHeader:
    """Just the header, fast: from the first bytes when the file starts the way this game writes it.

    A header alone proves little about the rest; `read_save` checks the whole file.
    """
    try:
        with path.open("rb") as f:
            head = f.read(HEADER_PEEK_BYTES)
    except FileNotFoundError:
        raise SaveNotFound(f"There is no save at {path}.", path) from None
    except OSError as exc:
        raise CorruptSave(f"{path.name} cannot be read ({exc.strerror or exc}).", path) from None
    if head.startswith(HEADER_PREFIX):
        try:
            obj, _ = json.JSONDecoder().raw_decode(head[len(HEADER_PREFIX):].decode("utf-8", errors="replace"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            obj = None
        if isinstance(obj, dict):
            check_format({"header": obj}, path)
            try:
                return SaveHeader.model_validate(obj)
            except ValidationError:
                pass
    return read_save(path).header
