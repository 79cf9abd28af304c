"""Getting the room's pack onto a team's laptop.

A client rebuilds its team's game from state snapshots, which needs the very
same pack (same id and content hash) prepared locally. A team laptop may have
it already (a built-in scenario, or `--pack`); if not, it fetches the files
from the server into a cache folder named by the hash and loads them with the
ordinary loader — packs are data, validated on load, and can never run code.
File names from the wire are checked against the pack layout, so a server can
never write outside that folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content.loader import FILES, PackError, load_pack
from ..content.models import Pack
from ..saves.atomic import atomic_write

TEXT_NAME = re.compile(r"^text/[A-Za-z0-9_-]{1,64}\.md$")
MAX_PACK_FILES = 64


class PackMismatch(Exception):
    """The pack at hand is not the room's pack; the message says what to do."""


def pack_files(root: Path) -> dict[str, str]:
    """The files a team needs to load this pack, by relative name."""
    files = {name: _read(root / name) for name in FILES if (root / name).is_file()}
    text = root / "text"
    if text.is_dir():
        for md in sorted(text.glob("*.md")):
            files[f"text/{md.name}"] = _read(md)
    return files


def _read(path: Path) -> str:
    """Exactly the bytes the loader hashed (no newline translation), as text for JSON."""
    return path.read_bytes().decode("utf-8")


def safe_name(name: str) -> bool:
    return name in FILES or bool(TEXT_NAME.match(name))


def write_pack(files: dict[str, str], dest: Path) -> None:
    bad = [n for n in files if not safe_name(n)]
    if bad or len(files) > MAX_PACK_FILES:
        raise PackMismatch(f"the room sent files that are not part of a pack ({', '.join(sorted(bad)[:3])})")
    for name, text in files.items():
        atomic_write(dest / name, text.encode("utf-8"))


def check_pack(pack: Pack, pack_id: str, content_hash: str, where: str) -> Pack:
    if pack.info.id != pack_id:
        raise PackMismatch(f"{where} is the pack '{pack.info.id}', but the room plays '{pack_id}'")
    if pack.content_hash != content_hash:
        raise PackMismatch(f"{where} is a different version of '{pack_id}' from the room's "
                           "(its files differ); use the facilitator's copy, or leave out --pack to fetch it")
    return pack


def find_pack(pack_id: str, content_hash: str, folders: list[Path]) -> Pack | None:
    """A pack with this id and hash in one of these folders (each a pack or a folder of packs), if any."""
    for folder in folders:
        candidates = [folder] if (folder / "pack.toml").is_file() else sorted(
            p for p in folder.glob("*") if (p / "pack.toml").is_file()
        ) if folder.is_dir() else []
        for candidate in candidates:
            try:
                pack = load_pack(candidate)
            except (PackError, OSError):
                continue
            if pack.info.id == pack_id and pack.content_hash == content_hash:
                return pack
    return None


def load_fetched(files: dict[str, str], pack_id: str, content_hash: str, cache: Path) -> Pack:
    """Write fetched files into the cache (by hash) and load them, refusing anything that does not match."""
    if not re.fullmatch(r"[0-9a-f]{16,128}", content_hash):
        raise PackMismatch("the room sent a malformed pack fingerprint")
    dest = cache / content_hash
    write_pack(files, dest)
    try:
        pack = load_pack(dest)
    except PackError as exc:
        raise PackMismatch(f"the pack the room sent does not load: {exc.problems[0]}") from None
    return check_pack(pack, pack_id, content_hash, "the pack the room sent")
