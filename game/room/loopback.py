"""A room served on loopback inside the current event loop, for tests and benchmarks."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, AsyncIterator

from .client import FacilitatorClient, TeamClient, TokenStore
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


@asynccontextmanager
async def loopback_room(pack: Path, folder: Path, teams: int = 3, **options: Any) -> AsyncIterator[LoopbackRoom]:
    hosted = create_room(pack, folder / "room.sqlite", teams=teams, port=0, **options)
    sock = bind(0, "127.0.0.1")
    serving = asyncio.create_task(hosted.server.run(sock))
    try:
        yield LoopbackRoom(hosted, f"127.0.0.1:{sock.getsockname()[1]}", folder)
    finally:
        hosted.server.stop()
        await serving
        hosted.server.journal.close()
