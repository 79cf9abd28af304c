"""Icons for stakeholders, provider types and Cynefin domains, drawn as simple vector shapes.

Drawn at runtime (no image files to license or lose), at three times the size
wanted and smoothed down, so they stay crisp at every UI scale. Each icon is
designed on a 100×100 grid.
"""

from __future__ import annotations

import math
from typing import Callable

import pygame

from .theme import Colour

Pen = Callable[[pygame.Surface, Colour, float], None]
"""draws on a square surface; the float is the size of one grid unit in pixels"""

SUPERSAMPLE = 3
_CACHE: dict[tuple[str, int, Colour], pygame.Surface] = {}


def _pt(k: float, *xy: float) -> list[tuple[float, float]]:
    return [(xy[i] * k, xy[i + 1] * k) for i in range(0, len(xy), 2)]


def _house(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.polygon(s, c, _pt(k, 50, 8, 94, 48, 82, 48, 82, 92, 18, 92, 18, 48, 6, 48))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(42 * k, 62 * k, 16 * k, 30 * k))


def _heart(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.circle(s, c, (30 * k, 36 * k), 22 * k)
    pygame.draw.circle(s, c, (70 * k, 36 * k), 22 * k)
    pygame.draw.polygon(s, c, _pt(k, 10, 46, 90, 46, 50, 92))


def _person(s: pygame.Surface, c: Colour, k: float, cx: float = 50, scale: float = 1.0) -> None:
    pygame.draw.circle(s, c, (cx * k, (28 * scale + (1 - scale) * 40) * k), 17 * scale * k)
    body = pygame.Rect((cx - 30 * scale) * k, (52 * scale + (1 - scale) * 44) * k, 60 * scale * k, 50 * scale * k)
    pygame.draw.ellipse(s, c, body)


def _staff(s: pygame.Surface, c: Colour, k: float) -> None:
    _person(s, c, k)
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(56 * k, 66 * k, 14 * k, 10 * k))


def _cross(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.rect(s, c, pygame.Rect(36 * k, 8 * k, 28 * k, 84 * k), border_radius=round(5 * k))
    pygame.draw.rect(s, c, pygame.Rect(8 * k, 36 * k, 84 * k, 28 * k), border_radius=round(5 * k))


def _ballot(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.polygon(s, c, _pt(k, 34, 8, 74, 14, 66, 52, 26, 46))
    pygame.draw.rect(s, c, pygame.Rect(10 * k, 44 * k, 80 * k, 48 * k), border_radius=round(6 * k))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(26 * k, 52 * k, 48 * k, 7 * k))


def _magnifier(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.circle(s, c, (40 * k, 40 * k), 30 * k, round(11 * k))
    pygame.draw.line(s, c, (60 * k, 60 * k), (90 * k, 90 * k), round(15 * k))


def _coins(s: pygame.Surface, c: Colour, k: float) -> None:
    for i, y in enumerate((70, 52, 34)):
        pygame.draw.ellipse(s, c, pygame.Rect(14 * k, y * k, 72 * k, 24 * k))
        if i < 2:
            pygame.draw.ellipse(s, (0, 0, 0, 0), pygame.Rect(14 * k, (y - 5) * k, 72 * k, 20 * k), round(3 * k))
    pygame.draw.ellipse(s, c, pygame.Rect(14 * k, 12 * k, 72 * k, 26 * k))


def _town_hall(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.polygon(s, c, _pt(k, 50, 6, 94, 30, 6, 30))
    for x in (14, 34, 54, 74):
        pygame.draw.rect(s, c, pygame.Rect(x * k, 36 * k, 12 * k, 44 * k))
    pygame.draw.rect(s, c, pygame.Rect(6 * k, 82 * k, 88 * k, 12 * k))


def _tower(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.rect(s, c, pygame.Rect(22 * k, 6 * k, 56 * k, 88 * k), border_radius=round(3 * k))
    for row in range(5):
        for col in range(3):
            pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect((30 + col * 15) * k, (14 + row * 15) * k, 9 * k, 9 * k))


def _shop(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.polygon(s, c, _pt(k, 8, 34, 18, 10, 82, 10, 92, 34))
    pygame.draw.rect(s, c, pygame.Rect(14 * k, 40 * k, 72 * k, 54 * k))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(24 * k, 52 * k, 22 * k, 18 * k))
    pygame.draw.rect(s, (0, 0, 0, 0), pygame.Rect(56 * k, 56 * k, 18 * k, 38 * k))


def _group(s: pygame.Surface, c: Colour, k: float) -> None:
    _person(s, c, k, cx=24, scale=0.7)
    _person(s, c, k, cx=76, scale=0.7)
    _person(s, c, k, cx=50, scale=0.95)


def _company(s: pygame.Surface, c: Colour, k: float) -> None:
    _town_hall(s, c, k)
    star = [(50 + (16 if i % 2 == 0 else 7) * math.sin(i * math.pi / 5),
             22 - (16 if i % 2 == 0 else 7) * math.cos(i * math.pi / 5)) for i in range(10)]
    pygame.draw.polygon(s, (0, 0, 0, 0), [(x * k, (y + 2) * k) for x, y in star])


def _tick(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.circle(s, c, (50 * k, 50 * k), 44 * k, round(9 * k))
    pygame.draw.lines(s, c, False, _pt(k, 28, 52, 44, 68, 73, 35), round(11 * k))


def _gear(s: pygame.Surface, c: Colour, k: float) -> None:
    teeth = []
    for i in range(16):
        r = 46 if i % 2 == 0 else 34
        a0, a1 = (i - 0.5) * math.pi / 8, (i + 0.5) * math.pi / 8
        teeth += [(50 + r * math.cos(a0), 50 + r * math.sin(a0)), (50 + r * math.cos(a1), 50 + r * math.sin(a1))]
    pygame.draw.polygon(s, c, [(x * k, y * k) for x, y in teeth])
    pygame.draw.circle(s, (0, 0, 0, 0), (50 * k, 50 * k), 14 * k)


def _network(s: pygame.Surface, c: Colour, k: float) -> None:
    nodes = [(20, 24), (74, 16), (50, 52), (16, 78), (84, 70), (56, 90)]
    for a, b in ((0, 2), (1, 2), (2, 3), (2, 4), (0, 1), (3, 5), (4, 5), (1, 4)):
        pygame.draw.line(s, c, (nodes[a][0] * k, nodes[a][1] * k), (nodes[b][0] * k, nodes[b][1] * k), round(6 * k))
    for x, y in nodes:
        pygame.draw.circle(s, c, (x * k, y * k), 11 * k)


def _bolt(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.polygon(s, c, _pt(k, 58, 4, 18, 56, 46, 56, 36, 96, 82, 40, 54, 40, 70, 4))


def _question(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.arc(s, c, pygame.Rect(24 * k, 6 * k, 52 * k, 48 * k), -math.pi / 2.2, math.pi, round(12 * k))
    pygame.draw.line(s, c, (54 * k, 50 * k), (50 * k, 66 * k), round(12 * k))
    pygame.draw.circle(s, c, (50 * k, 86 * k), 8 * k)


def _bell(s: pygame.Surface, c: Colour, k: float) -> None:
    pygame.draw.circle(s, c, (50 * k, 44 * k), 28 * k)
    pygame.draw.polygon(s, c, _pt(k, 22, 44, 78, 44, 90, 78, 10, 78))
    pygame.draw.circle(s, c, (50 * k, 86 * k), 9 * k)
    pygame.draw.circle(s, c, (50 * k, 14 * k), 7 * k)


PENS: dict[str, Pen] = {
    # stakeholders
    "residents": _house, "vcse": _heart, "staff": _staff, "nhs": _cross, "members": _ballot,
    "regulator": _magnifier, "providers": _coins,
    # provider types (in_house and council_company are the council's own; vcse and nhs reuse the above)
    "type:in_house": _town_hall, "type:outsourcer": _tower, "type:sme": _shop, "type:vcse": _heart,
    "type:community": _group, "type:council_company": _company, "type:nhs": _cross,
    # Cynefin domains
    "domain:clear": _tick, "domain:complicated": _gear, "domain:complex": _network, "domain:chaotic": _bolt,
    "domain:disorder": _question,
    # other
    "event": _bell, "person": _person,
}


def icon(name: str, size: int, colour: Colour) -> pygame.Surface:
    """The named icon as a transparent surface `size` pixels square (a person for unknown stakeholders)."""
    key = (name, size, colour)
    surf = _CACHE.get(key)
    if surf is None:
        pen = PENS.get(name, _person)
        big = pygame.Surface((size * SUPERSAMPLE, size * SUPERSAMPLE), pygame.SRCALPHA)
        pen(big, colour, size * SUPERSAMPLE / 100.0)
        surf = pygame.transform.smoothscale(big, (size, size))
        _CACHE[key] = surf
    return surf
