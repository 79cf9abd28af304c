"""Room responsiveness: action-to-update latency with 12 teams on loopback, and the server's memory.

    python bench/bench_room.py [PACK] [--teams 12] [--quarters Q] [--actions A]
    python bench/bench_room.py [PACK] --screen N

The server runs as its own process (`room host --headless`, journal on disk
with synchronous=FULL, exactly as in a real room). This process plays every
team at once: each quarter all teams act concurrently, A actions each, then
end the quarter; the room advances when the last team is ready. Actions are
random legal ones, mostly cheap (classify, make sense), so games run to the end.

Reported:
- action latency: from `submit` to the client holding the updated state (the
  request, validation, journal commit, apply, the reply, and the client's own
  `step` and check) — p50/p95/p99/max over every action;
- quarter change: from the last team's end of quarter to every team holding
  the next quarter's state;
- server memory: resident set size at start, after joining, at the end, and peak.
All twelve clients share one Python process here (on real laptops each has its
own), so client work queues behind other clients: the figures are pessimistic.
Target (DESIGN §7, issue 9): p99 ≤ 50 ms.

`--screen N` measures what a player feels instead: one game window (SDL's
dummy video driver) joins the room through a `RoomSession`, makes N actions
(classifying a problem) through the app as a click would, and times each from
the action to the redrawn dashboard (the round trip, the relayout and the
render), beside the same actions in a solo game on the local engine.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import collector  # noqa: E402
from game.engine import legal_actions  # noqa: E402
from game.room.client import FacilitatorClient, RoomRefused, TeamClient, TokenStore  # noqa: E402
from game.room.loopback import spawn_host  # noqa: E402


CHEAP = ("classify", "make_sense", "set_council_tax")
SPEND_SHARE = 0.2
"""share of actions drawn from everything legal (commissions included) rather than the cheap ones: random
spending bankrupts a council within two years, and the benchmark should reach late-game state sizes"""


def rss_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MB (Linux /proc)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) if values else float("nan")


async def play(address: str, code: str, secret: str, teams: int, quarters: int, actions: int, folder: Path,
               pid: int) -> dict[str, object]:
    memory = {"start": rss_mb(pid)}
    fac = await FacilitatorClient.connect(address, secret, reconnect_for=0)
    clients = [await TeamClient.join(address, code, f"Team {i + 1}", tokens=TokenStore(folder / "t.json"),
                                     cache=folder / "packs", reconnect_for=0) for i in range(teams)]
    memory["joined"] = rss_mb(pid)
    await fac.start()
    latencies: list[float] = []
    changes: list[float] = []
    refused: dict[str, int] = {}

    async def one_team(i: int, client: TeamClient, rng: np.random.Generator) -> None:
        nonlocal refused
        for _ in range(actions):
            legal = [a for a in legal_actions(client.state) if a.kind != "end_turn"]
            cheap = [a for a in legal if a.kind in CHEAP]
            options = cheap if cheap and rng.random() > SPEND_SHARE else legal
            if not options:
                break
            action = options[int(rng.integers(len(options)))]
            t0 = time.perf_counter()
            try:
                await client.submit(action)
            except RoomRefused as exc:  # a refusal still measures a round trip
                refused[exc.code] = refused.get(exc.code, 0) + 1
            latencies.append(time.perf_counter() - t0)
        while client.state.pending:
            t0 = time.perf_counter()
            await client.submit(legal_actions(client.state)[0])
            latencies.append(time.perf_counter() - t0)

    rngs = [np.random.default_rng(i) for i in range(teams)]
    for _quarter in range(quarters):
        if fac.room is None or fac.room.phase != "playing":
            break
        turn = min(c.state.turn for c in clients if not c.state.is_over)
        await asyncio.gather(*(one_team(i, c, rngs[i]) for i, c in enumerate(clients) if not c.state.is_over))
        playing = [c for c in clients if not c.state.is_over]
        for client in playing[:-1]:
            await client.end_turn()
        t0 = time.perf_counter()
        await playing[-1].end_turn()
        while not all(c.state.turn > turn or c.state.is_over for c in playing):
            await asyncio.sleep(0.0005)
        changes.append(time.perf_counter() - t0)
        gc.freeze()  # as the server does each quarter: this process holds twelve teams' games, a laptop one
    memory["end"] = rss_mb(pid)
    for client in clients:
        await client.close()
    await fac.close()
    return {"latencies": latencies, "changes": changes, "refused": refused, "memory": memory,
            "turn": max(c.state.turn for c in clients)}


def screen(address: str, code: str, secret: str, pack: Path, actions: int) -> dict[str, list[float]]:
    """Action → redrawn dashboard in a team's game window, and the same in a solo game (ms)."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.content.loader import load_pack
    from game.engine import Classify, new_game
    from game.room.client import BackgroundLoop
    from game.ui.app import App
    from game.ui.room_session import background, open_room
    from game.ui.scenes.join import enter
    from game.ui.session import Session
    from game.ui.settings import Settings

    app = App(Settings(resolution=(1920, 1080), sound=False))
    host = BackgroundLoop()
    fac = host.run(FacilitatorClient.connect(address, secret, reconnect_for=0))
    host.run(fac.start())
    room = background().run(open_room(address, code, "Screen", None))
    solo = Session(new_game(load_pack(pack)), autosave_enabled=False)
    out: dict[str, list[float]] = {}
    for label, session in (("room", room), ("solo", solo)):
        app.session = None
        if session is room:
            enter(app, room)
        else:
            app.start(session)
        while app.top is not None and app.top.name != "dashboard":  # an opening event: answer it
            app.act(legal_actions(session.state)[0])
            app.pump()
        problems = list(session.state.problems)
        domains = ("complex", "complicated")
        shown, submitted = [], []
        for i in range(2 * actions):
            action = Classify(problems[i % len(problems)], domains[(i // len(problems)) % 2])
            t0 = time.perf_counter()
            if i % 2:  # the session alone: the round trip to the room (or the local step)
                assert session.submit(action).ok
                submitted.append((time.perf_counter() - t0) * 1000)
                app.state_changed()
                app.pump()
            else:  # as a click does it: the action, the relayout and the redraw
                assert app.act(action), app._toast
                app.pump()
                shown.append((time.perf_counter() - t0) * 1000)
        out[f"{label}, to the redrawn dashboard"] = shown
        out[f"{label}, the action alone"] = submitted
    app.session = None
    host.run(fac.close())
    host.stop()
    return out


def main() -> None:
    collector.tune()  # as every game process is set (game.collector)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pack", nargs="?", type=Path, default=ROOT / "tests" / "fixtures" / "fixture_pack")
    parser.add_argument("--teams", type=int, default=12)
    parser.add_argument("--quarters", type=int, default=16)
    parser.add_argument("--actions", type=int, default=4, help="actions per team per quarter")
    parser.add_argument("--screen", type=int, metavar="N", help="time N actions in a team's game window instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, banner = spawn_host(args.pack, "--port", "0", "--teams", str(args.teams), "--journal",
                                  str(folder / "room.sqlite"), home=folder)
        address = f"127.0.0.1:{banner['port']}"
        try:
            if args.screen:
                import os

                os.environ["COMMON_GROUND_HOME"] = str(folder)
                times = screen(address, banner["code"], banner["secret"], args.pack, args.screen)
            else:
                result = asyncio.run(play(address, banner["code"], banner["secret"], args.teams, args.quarters,
                                          args.actions, folder, proc.pid))
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=10)
    if args.screen:
        for label, values in times.items():
            print(f"{label}: ms over {len(values)} actions: p50 {percentile(values, 50):.1f}"
                  f"  p95 {percentile(values, 95):.1f}  p99 {percentile(values, 99):.1f}  max {max(values):.1f}")
        return
    lat = [x * 1000 for x in result["latencies"]]  # type: ignore[union-attr]
    chg = [x * 1000 for x in result["changes"]]  # type: ignore[union-attr]
    mem = result["memory"]
    print(f"room: {args.teams} teams, {len(chg)} quarters (to turn {result['turn']}), {len(lat)} actions "
          f"({result['refused']} refused), pack {args.pack.name}")
    print(f"action → update latency ms: p50 {percentile(lat, 50):.1f}  p95 {percentile(lat, 95):.1f}  "
          f"p99 {percentile(lat, 99):.1f}  max {max(lat):.1f}   (target p99 ≤ 50)")
    print(f"quarter change ms (last ready → all {args.teams} teams on the next quarter): "
          f"p50 {percentile(chg, 50):.1f}  max {max(chg):.1f}")
    print("server RSS MB: " + "  ".join(f"{k} {v.get('VmRSS', float('nan')):.1f}" for k, v in mem.items())  # type: ignore[union-attr]
          + f"  peak {mem['end'].get('VmHWM', float('nan')):.1f}")  # type: ignore[index]


if __name__ == "__main__":
    main()
