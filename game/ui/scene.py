"""The base of every screen: its own pygame_gui manager, its controls, its painting.

A scene lays itself out from the window size and the session's state in
`layout` (called again after every action, resize or settings change — the
state lives in the session, so nothing is lost), paints what pygame_gui does
not draw in `paint` (cached until the next layout), and registers every
interactive thing as a `Control` so the keyboard, the mouse and the tooltips
treat a pygame_gui button and a hand-drawn token alike.

A modal scene (a dialog) sits over the scene below it, which stays visible,
dimmed, and takes no input until the dialog closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from . import draw
from .focus import Control, FocusRing

if TYPE_CHECKING:
    from ..engine import State
    from .app import App
    from .session import Session
    from .theme import Theme

KEY_NAMES = {pygame.K_ESCAPE: "Esc", pygame.K_RETURN: "Enter", pygame.K_SPACE: "Space", pygame.K_F1: "F1",
             pygame.K_F11: "F11", pygame.K_PAGEUP: "PgUp", pygame.K_PAGEDOWN: "PgDn"}


def shortcut_label(spec: str) -> str:
    """'ctrl+s' → 'Ctrl+S', 'e' → 'E'."""
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in spec.split("+"))


def event_spec(event: pygame.event.Event) -> str:
    """A key press as a shortcut spec ('ctrl+s', 'e', 'f1', 'shift+tab')."""
    name = pygame.key.name(event.key).lower()
    mods = []
    if event.mod & pygame.KMOD_CTRL:
        mods.append("ctrl")
    if event.mod & pygame.KMOD_ALT:
        mods.append("alt")
    if event.mod & pygame.KMOD_SHIFT and len(name) > 1:
        mods.append("shift")
    return "+".join([*mods, name])


class Scene:
    modal = False
    """drawn over the scene below (dimmed) rather than replacing it"""
    name = "scene"

    def __init__(self, app: "App") -> None:
        self.app = app
        self.manager: pygame_gui.UIManager = app.make_manager()
        self.ring = FocusRing()
        self.shortcuts: dict[str, Callable[[], None]] = {}
        self.by_element: dict[object, Control] = {}
        self.area = pygame.Rect((0, 0), app.size)
        """the part of the window this scene paints (a dialog's card; the whole window otherwise)"""
        self._cache: pygame.Surface | None = None
        self.hover: Control | None = None
        self.pressed: Control | None = None
        self.dragging = False
        self.press_pos = (0, 0)

    # ---------------------------------------------------------------- shortcuts to the app

    @property
    def theme(self) -> "Theme":
        return self.app.theme

    @property
    def session(self) -> "Session":
        assert self.app.session is not None
        return self.app.session

    @property
    def state(self) -> "State":
        return self.session.state

    # ---------------------------------------------------------------- building

    def layout(self) -> None:
        """Create the widgets and controls for the current window size and state."""

    def paint(self, surface: pygame.Surface) -> None:
        """Draw what pygame_gui does not, in window coordinates offset by `self.area`."""

    def rebuild(self) -> None:
        self.manager.clear_and_reset()
        self.ring.clear()
        self.shortcuts = {}
        self.by_element = {}
        self.hover = None
        self.area = pygame.Rect((0, 0), self.app.size)
        self._cache = None
        self.layout()
        self.bind("tab", lambda: None)  # Tab is the focus ring's; a scene cannot take it

    def renew_manager(self) -> None:
        self.manager = self.app.make_manager()

    def invalidate(self) -> None:
        """Repaint the hand-drawn layer on the next frame (the widgets are unchanged)."""
        self._cache = None
        self.app.request_redraw()

    # ---------------------------------------------------------------- controls

    def button(self, key: str, rect: pygame.Rect, label: str, action: Callable[[], None] | None, *,
               tooltip: str = "", shortcut: str | None = None, style: str | None = None,
               enabled: bool = True, chosen: bool = False) -> Control:
        object_id = ObjectID(class_id=f"@{style}") if style else None
        element = pygame_gui.elements.UIButton(rect, label, self.manager, object_id=object_id)
        if not enabled:
            element.disable()
        if chosen:
            element.select()
        control = Control(key, pygame.Rect(rect), action, tooltip, shortcut_label(shortcut) if shortcut else "",
                          element=element, enabled=enabled)
        self.ring.add(control)
        self.by_element[element] = control
        if shortcut:
            self.bind(shortcut, lambda: self.app.activate(self, control))
        return control

    def hotspot(self, key: str, rect: pygame.Rect, action: Callable[[], None] | None = None, *, tooltip: str = "",
                shortcut: str | None = None, focusable: bool = True, enabled: bool = True,
                on_key: Callable[[pygame.event.Event], bool] | None = None,
                drag: Callable[[str, tuple[int, int]], None] | None = None) -> Control:
        """An area the scene draws itself that can be hovered (tooltip), clicked, focused or dragged."""
        control = Control(key, pygame.Rect(rect), action, tooltip, shortcut_label(shortcut) if shortcut else "",
                          enabled=enabled, focusable=focusable and (action is not None or on_key is not None),
                          on_key=on_key, drag=drag)
        self.ring.add(control)
        if shortcut:
            self.bind(shortcut, lambda: self.app.activate(self, control))
        return control

    def info(self, key: str, rect: pygame.Rect, tooltip: str) -> Control:
        """A number or label that explains itself on hover."""
        return self.hotspot(key, rect, tooltip=tooltip, focusable=False)

    def bind(self, spec: str, action: Callable[[], None]) -> None:
        self.shortcuts.setdefault(spec, action)

    def control_at(self, pos: tuple[int, int], acting: bool = False) -> Control | None:
        """The topmost control under the mouse (later controls are drawn over earlier ones).

        With `acting`, the topmost one that does something when clicked or dragged: a number that only explains
        itself (a dashboard row's outcome) must not swallow the click meant for the row beneath it.
        """
        for control in reversed(self.ring.controls):
            if acting and control.activate is None and control.drag is None:
                continue
            if control.rect.collidepoint(pos) and (control.element is None or control.element.visible):
                return control
        return None

    # ---------------------------------------------------------------- events the scene may handle

    def on_escape(self) -> None:
        """Esc: back out. A dialog closes; a screen goes back to the one below."""
        if len(self.app.stack) > 1:
            self.app.pop(self)

    def on_event(self, event: pygame.event.Event) -> bool:
        """Anything else (pygame_gui events, mouse wheel); return True if used."""
        return False

    def on_state_changed(self) -> None:
        self.rebuild()

    # ---------------------------------------------------------------- drawing

    def draw(self, surface: pygame.Surface) -> None:
        if self._cache is None or self._cache.get_size() != self.area.size:
            flags = pygame.SRCALPHA if self.modal else 0
            self._cache = pygame.Surface(self.area.size, flags)
            if not self.modal:
                self._cache.fill(self.theme.palette.bg)
            offset = pygame.Surface.subsurface(self._cache, self._cache.get_rect())
            self._paint_offset(offset)
        surface.blit(self._cache, self.area.topleft)
        self.draw_hover(surface)
        self.manager.draw_ui(surface)
        self.draw_overlay(surface)

    def _paint_offset(self, target: pygame.Surface) -> None:
        """Paint in window coordinates onto a cache that starts at `self.area.topleft`."""
        if self.area.topleft == (0, 0):
            self.paint(target)
            return
        full = pygame.Surface(self.app.size, pygame.SRCALPHA)
        self.paint(full)
        target.blit(full, (0, 0), self.area)

    def draw_hover(self, surface: pygame.Surface) -> None:
        """The highlight under the mouse for hand-drawn controls (pygame_gui highlights its own)."""
        c = self.hover
        if c is not None and c.element is None and c.activate is not None and c.enabled:
            overlay = pygame.Surface(c.rect.size, pygame.SRCALPHA)
            overlay.fill((*self.theme.palette.accent, 22))
            surface.blit(overlay, c.rect.topleft)
            pygame.draw.rect(surface, self.theme.tint(self.theme.palette.accent, 0.4), c.rect,
                             max(1, self.theme.px(1.5)), border_radius=self.theme.px(6))

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Drawn above the widgets: drag ghosts and the like."""

    # ---------------------------------------------------------------- helpers for subclasses

    def heading(self, surface: pygame.Surface, text: str, pos: tuple[int, int], role: str = "h2") -> pygame.Rect:
        return draw.text(surface, self.theme.font(role, "bold"), text, self.theme.palette.ink, pos)
