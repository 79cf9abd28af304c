"""`room host`, `room join` and `room console` from the command line: plain errors, a text team screen."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.cli import main
from game.room.client import BackgroundLoop
from game.room.loopback import loopback_room
from game.room.network import bind
from tests.conftest import FIXTURE_PACK, ROOT


def test_host_errors_are_one_plain_line(tmp_path, capsys):
    assert main(["room", "host", str(tmp_path / "nowhere"), "--headless"]) == 1
    assert "not a pack folder" in capsys.readouterr().err
    busy = bind(0, "")
    try:
        journal = tmp_path / "room.sqlite"
        assert main(["room", "host", str(FIXTURE_PACK), "--headless", "--port", str(busy.getsockname()[1]),
                     "--journal", str(journal)]) == 1
        err = capsys.readouterr().err
        assert "already in use" in err and "--port" in err and "Traceback" not in err
        assert not journal.exists(), "a room that never started leaves no journal to trip over next time"
    finally:
        busy.close()
    assert main(["room", "host", str(FIXTURE_PACK), "--headless", "--resume", str(tmp_path / "none.sqlite")]) == 1
    assert "no journal" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["room", "host", str(FIXTURE_PACK), "--teams", "40"])


def test_join_errors_are_one_plain_line(tmp_path, capsys):
    assert main(["room", "join", "nonsense", "--code", "X", "--team", "Red"]) == 1
    assert "HOST:PORT" in capsys.readouterr().err
    free = bind(0, "127.0.0.1")
    port = free.getsockname()[1]
    free.close()
    assert main(["room", "join", f"127.0.0.1:{port}", "--code", "X", "--team", "Red"]) == 1
    assert "cannot reach the room" in capsys.readouterr().err


def test_room_join_plays_from_a_terminal(tmp_path):
    loop = BackgroundLoop()
    manager = loopback_room(FIXTURE_PACK, tmp_path, teams=2)
    lb = loop.run(manager.__aenter__())
    try:
        facilitator = loop.run(lb.facilitator())
        loop.run(facilitator.start())
        wrong = subprocess.run([sys.executable, str(ROOT / "main.py"), "room", "join", lb.address, "--code", "WRONG9",
                                "--team", "Red"], capture_output=True, text=True, timeout=60, cwd=ROOT,
                               env={"COMMON_GROUND_HOME": str(tmp_path), "PATH": ""})
        assert wrong.returncode == 1 and "join code" in wrong.stderr and "Traceback" not in wrong.stderr
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "room", "join", lb.address, "--code", lb.code,
                               "--team", "Red"], input="0\nee\ne\nq\n", capture_output=True, text=True, timeout=60,
                              cwd=ROOT, env={"COMMON_GROUND_HOME": str(tmp_path), "PATH": ""})
        assert done.returncode == 0, done.stderr
        assert "Joined as Red" in done.stdout and "rejoin token" in done.stdout
        assert "ended the quarter" in done.stdout
        assert "'ee' is not something this screen knows. Type a number" in done.stdout, "a typo is answered"
        red = lb.server.room.teams[0]
        assert red.name == "Red" and red.own == 1 and red.state.turn == 2, "its end of quarter moved the room on"
        loop.run(facilitator.close())
    finally:
        loop.run(manager.__aexit__(None, None, None))
        loop.stop()


def test_the_text_screen_says_when_the_room_moves_on_and_what_the_clock_gives(tmp_path):
    import asyncio

    from game.room.loopback import wait_until
    from game.room.terminal import RoomNews

    async def scenario() -> list[str]:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=2) as lb:
            fac = await lb.facilitator()
            red, blue = await lb.team("Red"), await lb.team("Blue")
            news = RoomNews(red)
            await fac.start()
            await fac.set_timer(600)
            await fac.inject("grant_cut", team=0)
            await wait_until(lambda: bool(red.state.pending))
            await blue.end_turn()
            await fac.advance()  # Red's choice is still waiting: the room answers it
            await wait_until(lambda: red.state.turn == 2)
            await asyncio.sleep(0.1)
            lines = news.lines()
            await fac.close()
            await red.close()
            await blue.close()
            return lines

    lines = asyncio.run(asyncio.wait_for(scenario(), 60))
    text = "\n".join(lines)
    assert "[room] The clock is running: 10:00 left in this quarter." in lines
    assert sum("The clock is running" in line for line in lines) == 1 + 1, "once for each quarter's clock"
    assert "the facilitator injected" not in text, "the injection is told once, by the room's notice"
    assert "[info] The facilitator has brought in an event: Grant cut." in lines
    assert "[room] done for you as the quarter ended: answered 'Grant cut'" in lines
    assert "[room] The room has moved on to the next quarter." in lines
    assert "(quarter 2 of" in lines[-1], "the new quarter is shown"


def test_ctrl_c_leaves_the_text_screen_at_once(tmp_path):
    import signal

    loop = BackgroundLoop()
    manager = loopback_room(FIXTURE_PACK, tmp_path, teams=1)
    lb = loop.run(manager.__aenter__())
    try:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "room", "join", lb.address, "--code", lb.code, "--team", "Red"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={"COMMON_GROUND_HOME": str(tmp_path), "PATH": "", "PYTHONUNBUFFERED": "1"})
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("Type a number"):
                break
        proc.send_signal(signal.SIGINT)  # stdin stays open: nobody presses Enter
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("Ctrl-C left the room only once Enter was pressed") from None
        out, err = proc.communicate(timeout=5)
        assert proc.returncode == 0 and "Left the room" in out and "Traceback" not in err
    finally:
        loop.run(manager.__aexit__(None, None, None))
        loop.stop()


@pytest.mark.parametrize("typed, url", [
    ("192.168.1.20:8765", "ws://192.168.1.20:8765"),
    (" http://192.168.1.20:8765/ ", "ws://192.168.1.20:8765"),  # copied as a web link
    ("https://laptop.local:8765", "ws://laptop.local:8765"),
    ("ws://192.168.1.20:8765", "ws://192.168.1.20:8765"),
])
def test_an_address_copied_as_a_link_still_finds_the_room(typed, url):
    from game.room.client import parse_address

    assert parse_address(typed) == url


@pytest.mark.parametrize("typed", ["192.168.1.20", "192.168.1.20:99999", "my laptop:8765", "a/b:8765", ":8765"])
def test_an_address_that_is_not_host_port_is_refused(typed):
    from game.room.client import parse_address

    with pytest.raises(ValueError, match="is not HOST:PORT"):
        parse_address(typed)


def test_a_code_or_token_typed_in_lower_case_is_shown_as_the_room_writes_it(tmp_path):
    import asyncio

    from game.room.client import TeamClient, TokenStore

    async def scenario() -> str:
        async with loopback_room(FIXTURE_PACK, tmp_path, teams=1) as lb:
            client = await TeamClient.join(lb.address, f" {lb.code.lower()[:3]}-{lb.code.lower()[3:]} ", "Red",
                                           tokens=TokenStore(tmp_path / "t.json"), cache=tmp_path / "packs",
                                           reconnect_for=0.0)
            code, token = client.code, client.token
            await client.close()
            again = await TeamClient.join(lb.address, lb.code, "red", token=f" {token.lower()} ",
                                          tokens=TokenStore(tmp_path / "other.json"), cache=tmp_path / "packs",
                                          reconnect_for=0.0)
            typed_token = again.token
            await again.close()
            return "|".join((code, lb.code, typed_token, token))

    typed, room_code, typed_token, token = asyncio.run(asyncio.wait_for(scenario(), 60)).split("|")
    assert typed == room_code, "the team's screen showed the code as typed ('5n7-s72')"
    assert typed_token == token, "a token typed in lower case is shown back as it was issued"
