"""Screenshots of a team's room screens, taken against a real room.

    Xvfb :99 -screen 0 1920x1080x24 &
    DISPLAY=:99 python -m game.ui.room_screenshots --out docs/screenshots --pack scenarios/wigan

Hosts a room with `room host --headless` in a separate process (a timer on,
three places), opens the game, and goes the way a team does: the join screen
empty, then with a mistyped code, then the lobby; the facilitator (a client in
this process) starts the game and broadcasts; the team plays a little and ends
its quarter while another team is still playing. Saves go to a temporary
folder, never the player's own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


def until(app, condition: Callable[[], bool], timeout: float = 30.0) -> None:  # noqa: ANN001 - the App
    """Run the window's frames until `condition` holds (the room answers from another thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the window never got there (on {app.top.name if app.top else None})")
        app.pump()
        time.sleep(0.005)


def take_room_shots(out: Path, size: tuple[int, int], pack: Path, home: Path) -> list[Path]:
    import pygame

    from ..engine import Choose, EndTurn, MakeSense
    from ..room.client import BackgroundLoop, FacilitatorClient, TeamClient, TokenStore
    from ..room.loopback import spawn_host
    from .app import App
    from .scenes.join import JoinScreen
    from .scenes.title import Title
    from .screenshots import save_shot
    from .settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    proc, banner = spawn_host(pack, "--port", "0", "--teams", "3", "--timer", "12", home=home / "host")
    loop = BackgroundLoop()
    address = f"127.0.0.1:{banner['port']}"
    try:
        app = App(Settings(resolution=size, sound=False))

        def shot(name: str) -> None:
            save_shot(app, out / f"{name}.png", written)

        app.push(Title(app))
        screen = app.push(JoinScreen(app))
        shot("room_join")
        assert isinstance(screen, JoinScreen)
        screen.entries["address"].set_text(address)
        screen.entries["code"].set_text("K7QP2N")
        screen.entries["team"].set_text("Red Rose")
        screen.join()
        until(app, lambda: screen.joining is None)
        shot("room_join_error")
        screen.entries["code"].set_text(banner["code"])
        screen.join()
        until(app, lambda: app.top is not None and app.top.name == "lobby")
        others = [loop.run(TeamClient.join(address, banner["code"], name, tokens=TokenStore(home / "tokens.json"),
                                           cache=home / "packs")) for name in ("Blue Moor", "Green Vale")]
        until(app, lambda: len(app.session.teams_joined()) == 3)  # type: ignore[union-attr]
        shot("room_join_lobby")
        fac = loop.run(FacilitatorClient.connect(address, banner["secret"]))
        loop.run(fac.start())
        until(app, lambda: bool(app.stack) and app.stack[0].name == "dashboard")
        while app.top is not None and app.top.name == "event":  # the scenario's opening decision
            app.top._choose(app.top.event.choices[0].id)  # type: ignore[attr-defined]
            app.pump()
        session = app.session
        assert session is not None
        for pid in list(session.state.problems)[:2]:
            app.act(MakeSense(pid))
        loop.run(fac.broadcast("Ten minutes to the inspection: agree your priorities for adult care."))
        until(app, lambda: bool(session.broadcasts))  # type: ignore[attr-defined]
        time.sleep(2.2)  # let the room's clock run down a little, as it does in play
        app._toast = None
        until(app, lambda: not session.has_news())
        shot("room_team")
        blue = others[0]
        while blue.state.pending:
            event = blue.state.pending[0].event
            loop.run(blue.submit(Choose(event, blue.state.game.event[event].choices[0].id)))
        loop.run(blue.end_turn())
        app.act(MakeSense(list(session.state.problems)[2]))
        app.act(EndTurn())
        until(app, lambda: session.waiting)
        app._toast = None
        shot("room_team_waiting")
        for client in [*others, fac]:
            loop.run(client.close())
        app.session = None
        pygame.quit()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        loop.stop()
    return written


def main(argv: list[str] | None = None) -> int:
    from .screenshots import _parse_size

    parser = argparse.ArgumentParser(prog="python -m game.ui.room_screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--size", default="1920x1080", help="window size, e.g. 1920x1080")
    parser.add_argument("--pack", default=str(ROOT / "scenarios" / "wigan"), help="the scenario the room plays")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["COMMON_GROUND_HOME"] = home
        written = take_room_shots(Path(args.out), _parse_size(args.size), Path(args.pack), Path(home))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
