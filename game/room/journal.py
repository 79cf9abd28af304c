"""The room journal: every decision that changed the room, in order, in SQLite.

The room is rebuilt by replaying the journal through the same code that made
each change (`Room.apply`), so the journal holds decisions, not results: team
actions, facilitator commands, teams claiming slots. Each entry is committed
(write-ahead log, `synchronous=FULL`: durable across power loss, not just a
crash of the process) before the server acknowledges it or tells anyone about
it. So after a `kill -9` nothing anyone was told about is lost, and nothing
that is replayed was never told.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator

FORMAT = 1


class JournalError(Exception):
    """The journal file cannot be used; the message says why in a facilitator's terms."""


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    at: float
    """wall-clock seconds when the server accepted it (timers are replayed from these)"""
    kind: str
    team: int | None
    body: dict[str, Any]


class Journal:
    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._last = self._db.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
        self._claim: IO[bytes] | None = None

    def claim(self) -> None:
        """Make this process the journal's only writer until `close()` (or until it dies, even by kill -9).

        Without it a second `room host --resume` of a room still running wrote its own entries into
        the same journal: the running room's next entry then clashed on its number and the room could
        save nothing more. Readers (tests, exports) need no claim."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            handle = open(lock_path, "a+b")
        except OSError as exc:
            raise JournalError(f"cannot lock the room journal {self.path}: {exc.strerror or exc}") from None
        try:
            _lock_exclusively(handle)
        except OSError:
            handle.close()
            raise JournalError(f"this room is already running: another `room host` is using its journal "
                               f"{self.path}. Use that one (or stop it first); teams rejoin it as before") from None
        self._claim = handle

    @classmethod
    def create(cls, path: str | Path) -> "Journal":
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise JournalError(f"{path} already exists; to continue that room use --resume {path}, "
                               "or choose a new --journal file")
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _connect(path)
        db.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE entries (
                seq INTEGER PRIMARY KEY, at REAL NOT NULL, kind TEXT NOT NULL, team INTEGER, body TEXT NOT NULL
            );
            """
        )
        db.execute("INSERT INTO meta VALUES ('format', ?)", (str(FORMAT),))
        db.commit()
        return cls(path, db)

    @classmethod
    def open(cls, path: str | Path) -> "Journal":
        path = Path(path)
        if not path.is_file():
            raise JournalError(f"no journal at {path}")
        try:
            db = _connect(path)
            row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"{path} is not a room journal ({exc})") from None
        if row is None:
            raise JournalError(f"{path} is not a room journal (no format record)")
        if int(row[0]) != FORMAT:
            raise JournalError(f"{path} was written by a different version of the room (format {row[0]})")
        return cls(path, db)

    def append(self, kind: str, team: int | None = None, body: dict[str, Any] | None = None,
               at: float | None = None) -> Entry:
        """Write one entry and commit it to disk; only then may the caller act on it."""
        entry = Entry(self._last + 1, time.time() if at is None else at, kind, team, body or {})
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO entries (seq, at, kind, team, body) VALUES (?, ?, ?, ?, ?)",
                    (entry.seq, entry.at, entry.kind, entry.team, json.dumps(entry.body, separators=(",", ":"))),
                )
        except sqlite3.Error as exc:
            raise JournalError(f"could not write the room journal {self.path}: {exc}") from None
        self._last = entry.seq
        return entry

    def remember(self, key: str, value: str) -> None:
        """A fact about the host, not the room (the port it listened on), kept for the next start."""
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        except sqlite3.Error as exc:
            raise JournalError(f"could not write the room journal {self.path}: {exc}") from None

    def recall(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def entries(self) -> Iterator[Entry]:
        try:
            rows = self._db.execute("SELECT seq, at, kind, team, body FROM entries ORDER BY seq").fetchall()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"the room journal {self.path} is damaged ({exc})") from None
        for seq, at, kind, team, body in rows:
            try:
                data = json.loads(body)
            except ValueError:
                raise JournalError(f"the room journal {self.path} is damaged at entry {seq}") from None
            yield Entry(seq, at, kind, team, data)

    def close(self) -> None:
        self._db.close()
        if self._claim is not None:
            self._claim.close()  # closing the file releases its lock
            self._claim = None


def _lock_exclusively(handle: IO[bytes]) -> None:
    """An exclusive, non-blocking lock on an open file that the OS drops when the process ends; OSError if held."""
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level="DEFERRED", check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    return db
