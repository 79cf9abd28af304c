"""Drawing helpers for what the scenes paint themselves: text, bars, cards, chips.

Rendered text is cached: a dashboard rebuild after each action re-renders
hundreds of short strings that are mostly unchanged, and the cache keeps that
to a few milliseconds.
"""

from __future__ import annotations

from typing import Sequence

import pygame

from .theme import Colour, Theme

_TEXT_CACHE: dict[tuple[int, str, Colour], pygame.Surface] = {}
_CACHE_LIMIT = 4000


def render(font: pygame.font.Font, text: str, colour: Colour) -> pygame.Surface:
    key = (id(font), text, colour)
    surf = _TEXT_CACHE.get(key)
    if surf is None:
        if len(_TEXT_CACHE) > _CACHE_LIMIT:
            _TEXT_CACHE.clear()
        surf = font.render(text, True, colour)
        _TEXT_CACHE[key] = surf
    return surf


def text(surface: pygame.Surface, font: pygame.font.Font, value: str, colour: Colour, pos: tuple[int, int],
         align: str = "left", max_width: int | None = None) -> pygame.Rect:
    """Draw one line; `align` is left/right/center about pos[0]; `max_width` cuts it with an ellipsis."""
    if max_width is not None:
        value = fit(font, value, max_width)
    surf = render(font, value, colour)
    x, y = pos
    if align == "right":
        x -= surf.get_width()
    elif align == "center":
        x -= surf.get_width() // 2
    return surface.blit(surf, (x, y))


def fit(font: pygame.font.Font, value: str, width: int) -> str:
    if width <= 0:
        return ""
    if font.size(value)[0] <= width:
        return value
    lo, hi = 0, len(value)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(value[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return value[:lo].rstrip() + "…"


def wrap(font: pygame.font.Font, value: str, width: int, max_lines: int | None = None) -> list[str]:
    """Words into lines that fit `width`; paragraphs kept; the last line cut with an ellipsis if too many."""
    lines: list[str] = []
    for para in value.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            if font.size(line + " " + word)[0] <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(font, lines[-1] + " …", width) if not lines[-1].endswith("…") else lines[-1]
    return lines


def paragraph(surface: pygame.Surface, font: pygame.font.Font, value: str, colour: Colour, rect: pygame.Rect,
              max_lines: int | None = None, spacing: float = 1.2) -> int:
    """Wrapped text inside `rect`; returns the y below the last line."""
    step = round(font.get_linesize() * spacing)
    limit = max_lines if max_lines is not None else max(1, rect.height // step)
    y = rect.top
    for line in wrap(font, value, rect.width, limit):
        surface.blit(render(font, line, colour), (rect.left, y))
        y += step
    return y


def card(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, fill: Colour | None = None,
         border: Colour | None = None, radius: int | None = None, width: int = 1) -> None:
    p = theme.palette
    r = theme.px(10) if radius is None else radius
    pygame.draw.rect(surface, fill or p.surface, rect, border_radius=r)
    pygame.draw.rect(surface, border or p.line, rect, width=max(1, width), border_radius=r)


def bar(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, share: float, colour: Colour,
        marker: float | None = None) -> None:
    """A horizontal bar filled to `share` (0–1), with an optional tick at `marker`."""
    p = theme.palette
    r = rect.height // 2
    pygame.draw.rect(surface, theme.tint(p.line, 0.3), rect, border_radius=r)
    share = max(0.0, min(1.0, share))
    if share > 0:
        filled = pygame.Rect(rect.left, rect.top, max(rect.height, round(rect.width * share)), rect.height)
        pygame.draw.rect(surface, colour, filled, border_radius=r)
    if marker is not None:
        x = rect.left + round(rect.width * max(0.0, min(1.0, marker)))
        pygame.draw.line(surface, p.ink, (x, rect.top - 2), (x, rect.bottom + 1), max(1, theme.px(2)))


def chip(surface: pygame.Surface, theme: Theme, pos: tuple[int, int], label: str, fill: Colour, ink: Colour,
         role: str = "tiny", weight: str = "semibold") -> pygame.Rect:
    """A small rounded label (evidence, status); returns its rect."""
    font = theme.font(role, weight)
    surf = render(font, label, ink)
    pad_x, pad_y = theme.px(7), theme.px(2)
    rect = pygame.Rect(pos[0], pos[1], surf.get_width() + 2 * pad_x, surf.get_height() + 2 * pad_y)
    pygame.draw.rect(surface, fill, rect, border_radius=rect.height // 2)
    surface.blit(surf, (rect.left + pad_x, rect.top + pad_y))
    return rect


def pips(surface: pygame.Surface, theme: Theme, pos: tuple[int, int], filled: int, total: int, colour: Colour,
         size: int) -> pygame.Rect:
    """Capacity as dots: filled ones left, hollow ones used."""
    x, y = pos
    gap = max(2, size // 3)
    for i in range(total):
        centre = (x + size // 2, y + size // 2)
        if i < filled:
            pygame.draw.circle(surface, colour, centre, size // 2)
        else:
            pygame.draw.circle(surface, colour, centre, size // 2, max(1, size // 6))
        x += size + gap
    return pygame.Rect(pos[0], pos[1], x - pos[0] - gap, size)


def split_rows(rect: pygame.Rect, heights: Sequence[int | None], gap: int = 0) -> list[pygame.Rect]:
    """Cut a rect into rows; None rows share what is left equally."""
    fixed = sum(h for h in heights if h is not None) + gap * (len(heights) - 1)
    flexible = [h for h in heights if h is None]
    share = (rect.height - fixed) // len(flexible) if flexible else 0
    out, y = [], rect.top
    for h in heights:
        height = share if h is None else h
        out.append(pygame.Rect(rect.left, y, rect.width, height))
        y += height + gap
    return out


def split_cols(rect: pygame.Rect, widths: Sequence[int | float | None], gap: int = 0) -> list[pygame.Rect]:
    """Cut a rect into columns; a float is a share of the free width, None shares what is left."""
    free = rect.width - gap * (len(widths) - 1)
    resolved = [round(free * w) if isinstance(w, float) else w for w in widths]
    fixed = sum(w for w in resolved if w is not None)
    flexible = [w for w in resolved if w is None]
    share = (free - fixed) // len(flexible) if flexible else 0
    out, x = [], rect.left
    for w in resolved:
        width = share if w is None else w
        out.append(pygame.Rect(x, rect.top, width, rect.height))
        x += width + gap
    return out
