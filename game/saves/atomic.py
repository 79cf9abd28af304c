"""Writing a file so that a crash at any moment leaves the old file or the new one, never half of either.

The bytes go to a temporary file in the same folder (so the rename stays on
one file system), are flushed and fsynced, then `os.replace` swaps it in —
atomic on POSIX and Windows — and the folder itself is fsynced so the rename
survives a power cut. A temporary file left by a crash is never mistaken for a
save (its name starts with a dot and ends `.tmp`) and is swept later.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 600.0


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; raises OSError (and leaves `path` as it was) on failure."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable; a no-op where folders cannot be opened (Windows)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_temp(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def sweep_temp(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Delete temporary files abandoned by crashed writes (old enough that no writer still owns them)."""
    cutoff = time.time() - older_than
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if is_temp(entry) and entry.stat().st_mtime < cutoff:
                entry.unlink()
        except OSError:
            continue
