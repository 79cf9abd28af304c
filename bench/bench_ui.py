"""Screen speed: dashboard frame times at 1920×1080 with a late game, and launch to title.

    python bench/bench_ui.py                      # dummy video driver (the game's own work)
    DISPLAY=:99 SDL_VIDEODRIVER=x11 python bench/bench_ui.py   # under Xvfb (adds the X server's copying)

Frames are driven the way a player drives them: the mouse sweeping over the
dashboard's rows and buttons (hover highlights, tooltips falling due), Tab
walking the focus, and a full repaint. Each frame is the app's own
`frame(events)`: event handling, pygame_gui's update, drawing and the
display update. A rebuild after an action is timed separately (it happens
once per decision, not per frame). Targets (DESIGN §11): frame p99 ≤ 8 ms,
launch to title ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game import collector  # noqa: E402

PROBE = """
import time, sys
t0 = float(sys.argv[1])
from game.ui.app import App
from game.ui.settings import load_settings
from game.ui.scenes.title import Title
settings, _ = load_settings()
app = App(settings)
app.push(Title(app))
app.pump()
print(time.time() - t0, flush=True)
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def launch_to_title(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, COMMON_GROUND_HOME=home)
            start = time.time()
            done = subprocess.run([sys.executable, "-c", PROBE, repr(start)], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=60)
            out.append(float(done.stdout.strip().splitlines()[-1]))
    return out


IDLE_PROBE = """
import os, time, pygame
from game.content.loader import load_pack
from game.ui.app import App
from game.ui.demo import late_game
from game.ui.scenes.dashboard import Dashboard
from game.ui.session import Session
from game.ui.settings import Settings
app = App(Settings(resolution=(1920, 1080), sound=False))
app.session = Session(late_game(load_pack("tests/fixtures/fixture_pack"), turns=10), autosave_enabled=False)
app.replace_all(Dashboard(app))
app.pump()
pygame.time.set_timer(pygame.QUIT, 6000, loops=1)
start, cpu = time.perf_counter(), time.process_time()
app.run()
print((time.process_time() - cpu) / (time.perf_counter() - start), flush=True)
"""


def idle_cpu() -> float:
    """Share of one core the game uses sitting on the dashboard with nothing happening (6 s, the first of them still "busy")."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, COMMON_GROUND_HOME=home)
        done = subprocess.run([sys.executable, "-c", IDLE_PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=60)
    return float(done.stdout.strip().splitlines()[-1])


def frames(count: int, turns: int) -> dict[str, list[float]]:
    import pygame

    from game.content.loader import load_pack
    from game.ui.app import App
    from game.ui.demo import late_game
    from game.ui.scenes.dashboard import Dashboard
    from game.ui.session import Session
    from game.ui.settings import Settings

    app = App(Settings(resolution=(1920, 1080), sound=False))
    state = late_game(load_pack(ROOT / "tests" / "fixtures" / "fixture_pack"), turns=turns)
    app.session = Session(state, autosave_enabled=False)
    app.replace_all(Dashboard(app))
    app.pump()
    scene = app.top
    targets = [c.rect.center for c in scene.ring.controls]
    results: dict[str, list[float]] = {"hover": [], "tab": [], "full": [], "rebuild": []}

    def timed(kind: str, events: list) -> None:
        start = time.perf_counter()
        app.frame(events)
        results[kind].append((time.perf_counter() - start) * 1000)

    for i in range(count):  # warm the caches once, as a player's first seconds do
        pos = targets[i % len(targets)]
        app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))])
    for i in range(count):
        pos = targets[(i * 7) % len(targets)]
        pos = (pos[0] + i % 5, pos[1])
        timed("hover", [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))])
    for _ in range(count // 2):
        timed("tab", [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t", scancode=0)])
    for _ in range(count // 4):
        app.request_redraw()
        timed("full", [])
    for _ in range(max(5, count // 20)):
        start = time.perf_counter()
        app.state_changed()
        app.frame([])
        results["rebuild"].append((time.perf_counter() - start) * 1000)
    pygame.quit()
    return results


def main() -> int:
    collector.tune()  # as every game process is set (game.collector)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--turns", type=int, default=14, help="quarters the demo player plays first")
    parser.add_argument("--launches", type=int, default=5)
    args = parser.parse_args()
    driver = os.environ.get("SDL_VIDEODRIVER")
    print(f"video driver: {driver}")
    launches = launch_to_title(args.launches)
    print(f"launch to title: median {statistics.median(launches) * 1000:.0f} ms, worst {max(launches) * 1000:.0f} ms "
          f"({args.launches} runs; target ≤ 2000 ms)")
    print(f"idle on the dashboard: {idle_cpu():.1%} of one core")
    results = frames(args.frames, args.turns)
    every = results["hover"] + results["tab"] + results["full"]
    for kind, values in (*results.items(), ("all frames", every)):
        print(f"{kind:>11}: p50 {percentile(values, 0.5):6.2f} ms   p99 {percentile(values, 0.99):6.2f} ms   "
              f"({len(values)} samples)")
    print("target: frame p99 ≤ 8 ms (hover, tab and full repaint; a rebuild follows each decision, not each frame)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
