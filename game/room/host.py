"""Starting a room from the command line: open or resume it, bind, say where to join, serve.

Kept apart from the server so the server stays free of printing and of the
console; `room host` is the only caller.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import time
from pathlib import Path
from typing import TextIO

from ..content.loader import PackError
from .client import BackgroundLoop, data_dir
from .journal import JournalError
from .network import NetworkError, bind, lan_addresses, reachability_report
from .room import ReplayMismatch
from .server import HostedRoom, create_room, resume_room

DEFAULT_PORT = 8765


class HostError(Exception):
    """The room could not start; one plain sentence for the facilitator."""


def default_journal(pack_id: str) -> Path:
    return data_dir() / "rooms" / f"{pack_id}-{time.strftime('%Y%m%d-%H%M%S')}.sqlite"


def open_room(pack: Path, *, journal: Path | None, resume: Path | None, teams: int, seed: int | None,
              timer: int) -> HostedRoom:
    if not pack.is_dir():
        raise HostError(f"{pack} is not a pack folder (a folder holding pack.toml)")
    try:
        if resume is not None:
            return resume_room(pack, resume)
        if journal is None:
            from ..content.loader import load_pack

            journal = default_journal(load_pack(pack).info.id)
        return create_room(pack, journal, teams=teams, seed=seed, timer=timer)
    except PackError as exc:
        more = f" (and {len(exc.problems) - 1} more; run `validate`)" if len(exc.problems) > 1 else ""
        raise HostError(f"the pack does not load: {exc.problems[0]}{more}") from None
    except (JournalError, ReplayMismatch) as exc:
        raise HostError(str(exc)) from None
    except OSError as exc:
        raise HostError(f"cannot open {exc.filename or 'the pack'}: {exc.strerror or exc}") from None


def banner(hosted: HostedRoom, port: int, out: TextIO) -> None:
    room = hosted.server.room
    journal = hosted.server.journal.path
    pack = room.settings["pack"]
    lines = [
        f"Common Ground room — {pack['title']}" + ("  (resumed)" if hosted.resumed else ""),
        *[f"  {note}" for note in hosted.notes],
        f"Listening on port {port}",
        f"  Join code:        {room.code}",
        f"  Teams:            {len(room.teams)} places, {sum(t.claimed for t in room.teams)} taken",
        f"  Facilitator key:  {hosted.secret}   (yours alone: the console uses it)",
        f"  Journal:          {journal}",
        f"  After a crash:    common-ground room host {pack['path']} --resume {journal}",
        *reachability_report(port),
    ]
    out.write("\n".join(lines) + "\n")
    out.flush()


def host(pack: Path, *, journal: Path | None, resume: Path | None, teams: int, port: int | None,
         seed: int | None, timer: int, headless: bool, out: TextIO = sys.stdout) -> int:
    # A new room takes its port first: a busy port used to leave a journal behind, which the
    # facilitator's next try (with another --port) then refused as "already exists".
    sock = _bind(DEFAULT_PORT if port is None else port) if resume is None else None
    try:
        hosted = open_room(pack, journal=journal, resume=resume, teams=teams, seed=seed, timer=timer)
    except HostError:
        if sock is not None:
            sock.close()
        raise
    journal_file = hosted.server.journal
    if sock is None:  # a resumed room listens where teams last found it
        sock = _bind(port if port is not None else int(journal_file.recall("port") or DEFAULT_PORT))
    port = sock.getsockname()[1]
    try:
        journal_file.remember("port", str(port))
    except JournalError as exc:
        raise HostError(str(exc)) from None
    banner(hosted, port, out)
    if headless:
        out.write(f"Running without a console. To drive it from another screen:\n"
                  f"  common-ground room console HOST:{port} --secret {hosted.secret}\n")
        out.flush()
        _serve_until_interrupted(hosted, sock)
    else:
        try:
            _serve_with_console(hosted, sock, port)
        except KeyboardInterrupt:
            pass
    out.write(f"Room closed. Resume it with: common-ground room host {hosted.server.room.settings['pack']['path']}"
              f" --resume {hosted.server.journal.path}\n")
    return 0


def _bind(port: int) -> socket.socket:
    try:
        return bind(port)
    except NetworkError as exc:
        raise HostError(str(exc)) from None


def _serve_until_interrupted(hosted: HostedRoom, sock) -> None:  # noqa: ANN001 - a bound socket
    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, hosted.server.stop)
            except (NotImplementedError, RuntimeError):  # Windows: Ctrl+C arrives as KeyboardInterrupt
                pass
        await hosted.server.run(sock)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


def _serve_with_console(hosted: HostedRoom, sock, port: int) -> None:  # noqa: ANN001
    from .console import run_console

    background = BackgroundLoop()
    serving = background.spawn(hosted.server.run(sock))
    try:
        lan = lan_addresses()
        run_console(f"127.0.0.1:{port}", hosted.secret, background,
                    shown_address=f"{lan[0] if lan else 'localhost'}:{port}")
    finally:
        background.loop.call_soon_threadsafe(hosted.server.stop)
        try:
            serving.result(timeout=5)
        except Exception:  # noqa: BLE001 - closing down; the journal is already safe
            pass
        background.stop()
