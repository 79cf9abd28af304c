"""Keyboard focus: the game's own focus order, because pygame_gui has none (its issue #101).

Every control a scene offers — a pygame_gui button or a hotspot the scene
draws itself (a problem row, a token on the Cynefin map) — is a `Control` in
the scene's ring, in reading order. Tab and Shift+Tab walk the ring; the
arrow keys move to the nearest control in that direction; Enter or Space
activates. A control may take arrow keys for itself (a stepper, a token being
carried) through `on_key`. Focus is remembered by a stable key, so it
survives a relayout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pygame


@dataclass(eq=False)
class Control:
    key: str
    """stable across rebuilds: focus and hover are remembered by it"""
    rect: pygame.Rect
    activate: Callable[[], None] | None = None
    tooltip: str = ""
    shortcut: str = ""
    """as shown to the player, e.g. 'E' or 'Ctrl+S'"""
    element: Any = None
    """the pygame_gui element drawn for it, if any"""
    enabled: bool = True
    focusable: bool = True
    on_key: Callable[[pygame.event.Event], bool] | None = None
    """arrow keys etc. the control handles itself; return True when used"""
    drag: Callable[[str, tuple[int, int]], None] | None = None
    """('start'|'move'|'drop'|'cancel', mouse position) for draggable hotspots"""
    extra: dict[str, Any] = field(default_factory=dict)

    def tooltip_text(self) -> str:
        if self.shortcut and self.tooltip:
            return f"{self.tooltip}\nShortcut: {self.shortcut}"
        return self.tooltip or (f"Shortcut: {self.shortcut}" if self.shortcut else "")


DIRECTIONS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}


class FocusRing:
    """The ordered controls of one scene and which of them has the keyboard focus."""

    def __init__(self) -> None:
        self.controls: list[Control] = []
        self.focused_key: str | None = None
        self.visible = False
        """the ring is drawn once the keyboard has been used, not for mouse-only players"""

    def clear(self) -> None:
        self.controls = []

    def add(self, control: Control) -> Control:
        self.controls.append(control)
        return control

    def get(self, key: str) -> Control | None:
        return next((c for c in self.controls if c.key == key), None)

    def candidates(self) -> list[Control]:
        return [c for c in self.controls if c.focusable]

    @property
    def focused(self) -> Control | None:
        if self.focused_key is None:
            return None
        found = self.get(self.focused_key)
        return found if found is not None and found.focusable else None

    def focus(self, key: str | None, show: bool = True) -> None:
        self.focused_key = key
        self.visible = self.visible or show

    def step(self, delta: int) -> Control | None:
        items = self.candidates()
        if not items:
            return None
        current = self.focused
        if current is None:
            index = 0 if delta > 0 else len(items) - 1
        else:
            index = (items.index(current) + delta) % len(items)
        self.focus(items[index].key)
        return items[index]

    def move(self, dx: int, dy: int) -> Control | None:
        """The nearest control whose centre lies in the direction (dx, dy) from the focused one."""
        current = self.focused
        if current is None:
            return self.step(1)
        cx, cy = current.rect.center
        best: tuple[float, Control] | None = None
        for c in self.candidates():
            if c is current:
                continue
            x, y = c.rect.center
            along = (x - cx) * dx + (y - cy) * dy
            if along <= 0:
                continue
            across = abs((x - cx) * dy) + abs((y - cy) * dx)
            # overlapping columns/rows first: a control straight ahead beats a nearer one off to the side
            overlap = (current.rect.left < c.rect.right and c.rect.left < current.rect.right) if dy else \
                      (current.rect.top < c.rect.bottom and c.rect.top < current.rect.bottom)
            score = along + across * (0.5 if overlap else 3.0) + (0 if overlap else 10_000)
            if best is None or score < best[0]:
                best = (score, c)
        if best is not None:
            self.focus(best[1].key)
            return best[1]
        return None
