"""This machine's speed against the machine DESIGN §11's targets were set on.

    python bench/calibrate.py [--frames N] [--repeat R] [--p99]

DESIGN §11 gives one yardstick with its targets: "a bare pygame_gui screen of 80
widgets measures about 2 ms p99 here". This measures such a screen much as
`bench_ui.py` measures the dashboard: 80 buttons at 1920×1080 on the dummy video
driver, the mouse sweeping over them; a frame is its events, pygame_gui's update,
drawing the widgets and the display update. The background is not repainted
(a bare screen need not), which keeps the yardstick, if anything, kind to a slow
machine. `factor` = p99 here ÷ 2 ms: 1 is the reference machine's speed, 2 is
half of it.

The machine the figures in docs/PERFORMANCE.md are taken on is a shared virtual
machine whose speed moves by up to a factor of three from one minute to the
next, so `bench_engine.py` takes this yardstick beside each of its runs and
reports its figure both as measured and at the reference machine's speed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from functools import lru_cache
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

REFERENCE_P99_MS = 2.0
"""DESIGN §11: the bare 80-widget screen's p99 frame time on the reference machine"""
WIDGETS = 80
SIZE = (1920, 1080)


@lru_cache(maxsize=1)
def _screen() -> tuple[Any, Any, list[Any]]:
    """The bare screen, made once per process (and warmed, as bench_ui warms the dashboard)."""
    import pygame
    import pygame_gui

    pygame.init()
    surface = pygame.display.set_mode(SIZE)
    manager = pygame_gui.UIManager(SIZE)
    buttons = [
        pygame_gui.elements.UIButton(pygame.Rect(20 + (i % 8) * 235, 20 + (i // 8) * 105, 225, 90),
                                     f"Button {i + 1}", manager)
        for i in range(WIDGETS)
    ]
    screen = surface, manager, buttons
    for i in range(200):
        _frame(screen, i)
    return screen


def _frame(screen: tuple[Any, Any, list[Any]], i: int) -> None:
    import pygame

    surface, manager, buttons = screen
    target = buttons[(i * 7) % len(buttons)].rect
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(target.centerx + i % 5, target.centery),
                                         rel=(1, 1), buttons=(0, 0, 0)))
    for event in pygame.event.get():
        manager.process_events(event)
    manager.update(1 / 60)
    manager.draw_ui(surface)
    pygame.display.flip()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bare_screen_ms(frames: int = 600) -> tuple[float, float]:
    """(p50, p99) frame time of the bare screen now, in ms."""
    screen = _screen()
    times = []
    for i in range(frames):
        start = time.perf_counter()
        _frame(screen, i)
        times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 0.5), percentile(times, 0.99)


def yardstick_p99(frames: int = 600) -> float:
    """The yardstick's p99 (ms), taken in a fresh process: the process being measured keeps no widgets,
    whose thousands of objects its garbage collector would otherwise walk."""
    done = subprocess.run([sys.executable, __file__, "--frames", str(frames), "--repeat", "1", "--p99"],
                          capture_output=True, text=True, check=True, timeout=300)
    return float(done.stdout.split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--p99", action="store_true", help="print only the p99 (ms) of each repeat")
    args = parser.parse_args()
    for _ in range(args.repeat):
        p50, p99 = bare_screen_ms(args.frames)
        if args.p99:
            print(f"{p99:.3f}")
            continue
        print(f"bare screen of {WIDGETS} widgets: p50 {p50:.2f} ms  p99 {p99:.2f} ms  "
              f"factor {p99 / REFERENCE_P99_MS:.2f} (reference p99 {REFERENCE_P99_MS:g} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
