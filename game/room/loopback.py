"""A room served on loopback inside the current event loop, for tests and benchmarks."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import threading
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterator

from .client import BackgroundLoop, FacilitatorClient, TeamClient, TokenStore
from .network import bind
from .server import HostedRoom, create_room


@dataclass
class LoopbackRoom:
    hosted: HostedRoom
    address: str
    folder: Path

    @property
    def server(self):  # noqa: ANN201 - RoomServer
        return self.hosted.server

    @property
    def code(self) -> str:
        return self.hosted.server.room.code

    async def team(self, name: str, **options: Any) -> TeamClient:
        options.setdefault("tokens", TokenStore(self.folder / "tokens.json"))
        options.setdefault("cache", self.folder / "packs")
        options.setdefault("reconnect_for", 0.0)
        return await TeamClient.join(self.address, self.code, name, **options)

    async def facilitator(self) -> FacilitatorClient:
        return await FacilitatorClient.connect(self.address, self.hosted.secret, reconnect_for=0.0)


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for something the room sends; the timeout only bounds a hang, it asserts nothing about speed."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the room never got there")
        await asyncio.sleep(0.005)


@asynccontextmanager
async def loopback_room(pack: Path, folder: Path, teams: int = 3, **options: Any) -> AsyncIterator[LoopbackRoom]:
    hosted = create_room(pack, folder / "room.sqlite", teams=teams, **options)
    sock = bind(0, "127.0.0.1")
    serving = asyncio.create_task(hosted.server.run(sock))
    try:
        yield LoopbackRoom(hosted, f"127.0.0.1:{sock.getsockname()[1]}", folder)
    finally:
        hosted.server.stop()
        await serving
        hosted.server.journal.close()


@contextmanager
def room_in_thread(pack: Path, folder: Path, teams: int = 3) -> Iterator[tuple[BackgroundLoop, LoopbackRoom,
                                                                               FacilitatorClient]]:
    """A loopback room served on a thread of its own, with a facilitator connected: for tests that drive a
    game window, whose own room client runs on the game's room thread (as `room host --headless` would
    serve it, minus the process)."""
    loop = BackgroundLoop()
    up, done = threading.Event(), threading.Event()
    held: dict[str, Any] = {}

    async def host() -> None:
        async with loopback_room(pack, folder, teams=teams) as lb:
            held["lb"], held["fac"] = lb, await lb.facilitator()
            up.set()
            while not done.is_set():
                await asyncio.sleep(0.02)
            await held["fac"].close()

    serving = loop.spawn(host())
    if not up.wait(30):
        loop.stop()
        raise RuntimeError(f"the room did not start: {serving.exception(0) if serving.done() else 'no answer'}")
    try:
        yield loop, held["lb"], held["fac"]
    finally:
        done.set()
        serving.result(30)
        loop.stop()


BANNER = {"port": r"Listening on port (\d+)", "code": r"Join code:\s+(\S+)", "secret": r"Facilitator key:\s+(\S+)"}


def spawn_host(pack: Path, *args: str, home: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    """`room host PACK --headless ARGS` as a separate process; returns it and what its banner said."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COMMON_GROUND_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, str(root / "main.py"), "room", "host", str(pack), "--headless", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=root)
    banner: dict[str, str] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        for key, pattern in BANNER.items():
            found = re.search(pattern, line)
            if found:
                banner[key] = found.group(1)
        if line.startswith("Running without a console"):
            return proc, banner
    proc.wait(timeout=10)
    raise RuntimeError(f"the host did not start: {proc.stderr.read() if proc.stderr else ''}")
