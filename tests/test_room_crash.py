"""kill -9 the room server mid-quarter, resume it from its journal, and lose nothing anyone was told about."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.engine import MakeSense, digest, legal_actions
from game.room.client import FacilitatorClient, TeamClient, TokenStore
from game.room.loopback import spawn_host, wait_until as until
from tests.conftest import FIXTURE_PACK

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is a POSIX signal")


def start_host(*args: str, home: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    return spawn_host(FIXTURE_PACK, *args, home=home)


def test_kill_minus_nine_mid_quarter_then_resume_loses_no_acknowledged_action(tmp_path):
    journal = tmp_path / "room.sqlite"
    proc, banner = start_host("--journal", str(journal), "--port", "0", "--teams", "3", home=tmp_path)
    address = f"127.0.0.1:{banner['port']}"
    tokens = TokenStore(tmp_path / "tokens.json")

    async def before_crash() -> tuple[list[TeamClient], list[str], list[list[Any]]]:
        fac = await FacilitatorClient.connect(address, banner["secret"], reconnect_for=0)
        teams = [await TeamClient.join(address, banner["code"], name, tokens=tokens, cache=tmp_path / "packs",
                                       reconnect_for=30) for name in ("Red", "Blue", "Green")]
        await fac.start()
        for quarter in (2, 3):
            for team in teams:
                await team.submit([a for a in legal_actions(team.state) if a.kind == "classify"][0])
                await team.end_turn()
            await until(lambda: all(t.state.turn == quarter for t in teams))
        red, blue, green = teams
        await red.submit(MakeSense("adult_care"))
        await red.submit(MakeSense("homelessness"))
        await blue.end_turn()
        await green.submit([a for a in legal_actions(green.state) if a.kind == "classify"][0])
        await fac.close()
        return teams, [digest(t.state) for t in teams], [list(t.state.actions) for t in teams]

    async def scenario() -> None:
        teams, digests, logs = await before_crash()
        assert teams[0].state.turn == 3
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        await until(lambda: any(kind == "connection" for kind, _ in list(teams[0].updates.queue)), 20)
        resumed, again = start_host("--resume", str(journal), home=tmp_path)  # back on the port it had
        try:
            assert again["code"] == banner["code"] and again["port"] == banner["port"], "same room, same place"
            assert again["secret"] != banner["secret"], "a fresh facilitator key after a restart"
            fac = await FacilitatorClient.connect(address, again["secret"], reconnect_for=0)
            states = await fac.sync()
            assert [states[i].digest for i in range(3)] == digests, "digests equal: nothing acknowledged was lost"
            assert fac.room.turn == 3 and fac.room.ready == [1], "Blue's 'ready' survived too"
            # the teams' own clients found their way back with their tokens
            await until(lambda: all(("connection", "back") in list(t.updates.queue) for t in teams), 30)
            assert [digest(t.state) for t in teams] == digests, "and were sent the very same games"
            assert [list(t.state.actions) for t in teams] == logs
            red, blue, green = teams
            await red.submit(MakeSense("parks"))
            await red.end_turn()
            await green.end_turn()
            await until(lambda: all(t.state.turn == 4 for t in teams))
            await fac.close()
            for team in teams:
                await team.close()
        finally:
            resumed.send_signal(signal.SIGINT)
            try:
                resumed.wait(timeout=10)
            except subprocess.TimeoutExpired:
                resumed.kill()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 90))
    finally:
        if proc.poll() is None:
            proc.kill()
