"""Small line charts for the screens: one metric over the quarters, with a readable scale."""

from __future__ import annotations

import math
from typing import Callable, Sequence

import pygame

from . import draw
from .theme import Colour, Theme


def nice_range(values: Sequence[float], floor: float | None = None,
               ceiling: float | None = None) -> tuple[float, float, float]:
    """(low, high, step): a scale covering the values with at most five round steps."""
    lo = min(values) if values else 0.0
    hi = max(values) if values else 1.0
    if floor is not None:
        lo = min(lo, floor)
    if ceiling is not None:
        hi = max(hi, ceiling)
    if math.isclose(lo, hi):
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    span = hi - lo
    base = 10 ** math.floor(math.log10(span / 4))
    for mult in (1, 2, 2.5, 5, 10, 20):
        step = base * mult
        low, high = math.floor(lo / step) * step, math.ceil(hi / step) * step
        if (high - low) / step <= 5:
            return low, high, step
    return lo, hi, span


def line_chart(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str,
               series: Sequence[tuple[str, Sequence[float], Colour]], x_labels: Sequence[str],
               fmt: Callable[[float], str], floor: float | None = None, ceiling: float | None = None,
               label_ends: bool = True) -> None:
    """Lines for each series over the same quarters; the last value labelled at the right.

    With many lines the end labels pile on each other: `label_ends=False` leaves them to a legend.
    """
    t = theme
    p = t.palette
    small, tiny = t.font("small", "semibold"), t.font("tiny")
    draw.text(surface, small, title, p.ink, (rect.left, rect.top))
    plot = pygame.Rect(rect.left + t.px(64), rect.top + small.get_linesize() + t.px(8),
                       rect.width - t.px(64) - t.px(70), rect.height - small.get_linesize() - t.px(8) - tiny.get_linesize() - t.px(6))
    every = [v for _, values, _ in series for v in values]
    if plot.width < 20 or plot.height < 20 or not every:
        return
    lo, hi, step_y = nice_range(every, floor, ceiling)
    ticks = round((hi - lo) / step_y)
    for i in range(ticks + 1):
        value = lo + step_y * i
        y = plot.bottom - round(plot.height * i / max(1, ticks))
        pygame.draw.line(surface, t.tint(p.line, 0.3), (plot.left, y), (plot.right, y))
        draw.text(surface, tiny, fmt(value), p.muted, (plot.left - t.px(8), y - tiny.get_height() // 2), align="right")
    n = max(len(values) for _, values, _ in series)
    xs = [plot.left + (plot.width * i // max(1, n - 1)) for i in range(n)]
    step = max(1, math.ceil(n / 8))
    for i in range(0, n, step):
        if i < len(x_labels):
            draw.text(surface, tiny, x_labels[i], p.muted, (xs[i], plot.bottom + t.px(4)), align="left" if i == 0 else "center")
    for _label, values, colour in series:
        points = [(xs[i], plot.bottom - round(plot.height * (v - lo) / (hi - lo))) for i, v in enumerate(values)]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, max(2, t.px(3)))
        for pt in points:
            pygame.draw.circle(surface, colour, pt, max(2, t.px(4)))
        if points and label_ends:
            draw.text(surface, t.font("small", "bold"), fmt(values[-1]), colour,
                      (points[-1][0] + t.px(10), points[-1][1] - small.get_height() // 2))
