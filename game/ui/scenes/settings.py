"""Settings: window size, full screen, UI scale, text size, colour-blind-safe palette, sound.

Each change applies at once (the screens relay out around it, the game in
progress untouched) and is remembered for next time.
"""

from __future__ import annotations

from typing import Any, Sequence

import pygame

from .. import draw
from ..focus import Control
from ..settings import PALETTES, RESOLUTIONS, TEXT_SIZES, UI_SCALES
from .dialog import Dialog

PALETTE_NAMES = {"standard": "Standard", "colour_blind": "Colour-blind safe"}


def _next(options: Sequence[Any], current: Any, direction: int) -> Any:
    if current in options:
        return options[(list(options).index(current) + direction) % len(options)]
    return options[0]


class SettingsScreen(Dialog):
    name = "settings"
    design_size = (980, 760)
    title = "Settings"
    subtitle = "Changes apply at once and are kept for next time. F11 toggles full screen anywhere."

    def rows(self) -> list[tuple[str, str, str, Sequence[Any], Any, Any]]:
        s = self.app.settings
        return [
            ("resolution", "Window size", "The window's size when not full screen.", RESOLUTIONS,
             tuple(s.resolution), lambda v: f"{v[0]} × {v[1]}"),
            ("fullscreen", "Full screen", "Fill the whole screen (F11).", (False, True), s.fullscreen,
             lambda v: "On" if v else "Off"),
            ("ui_scale", "Interface scale", "Make everything bigger or smaller (for projectors, choose bigger).",
             UI_SCALES, s.ui_scale, lambda v: f"{v:.0%}"),
            ("text_size", "Text size", "Make the text bigger or smaller.", TEXT_SIZES, s.text_size,
             lambda v: f"{v:.0%}"),
            ("palette", "Colours", "The colour-blind-safe palette keeps good/bad and the Cynefin domains apart "
             "for every common colour-vision type.", PALETTES, s.palette, lambda v: PALETTE_NAMES[v]),
            ("sound", "Sound", "Quiet interface sounds." + ("" if self.app.sounds.available or not self.app.settings.sound
                                                          else " (No audio device was found.)"),
             (False, True), s.sound, lambda v: "On" if v else "Off"),
        ]

    def build(self) -> None:
        t = self.theme
        row_h, gap = t.px(58), t.px(12)
        self.row_rects = []
        for i, (key, label, tip, options, current, fmt) in enumerate(self.rows()):
            rect = pygame.Rect(self.body.left, self.body.top + i * (row_h + gap), self.body.width, row_h)
            self.row_rects.append((rect, label, fmt(current)))
            cycler = pygame.Rect(rect.right - t.px(420), rect.top, t.px(420), row_h)
            w = t.px(56)
            self.button(f"{key}:less", pygame.Rect(cycler.left, cycler.top, w, row_h), "◀",
                        lambda k=key, o=options, c=current: self._set(k, _next(o, c, -1)), style="small", tooltip=tip)
            self.button(f"{key}:more", pygame.Rect(cycler.right - w, cycler.top, w, row_h), "▶",
                        lambda k=key, o=options, c=current: self._set(k, _next(o, c, 1)), style="small", tooltip=tip)
            middle = pygame.Rect(cycler.left + w, cycler.top, cycler.width - 2 * w, row_h)
            self.ring.add(Control(key, middle, lambda k=key, o=options, c=current: self._set(k, _next(o, c, 1)),
                                  f"{tip} Left/Right or Enter to change.",
                                  on_key=lambda e, k=key, o=options, c=current: self._key(e, k, o, c)))
        self.actions([("done", "Done", self.close, "Close the settings (Esc).", "primary", True)])
        if self.ring.focused_key is None:
            self.ring.focus("resolution", show=False)

    def _key(self, event: pygame.event.Event, key: str, options: Sequence[Any], current: Any) -> bool:
        step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(event.key)
        if step is None:
            return False
        self._set(key, _next(options, current, step))
        return True

    def _set(self, key: str, value: Any) -> None:
        focus, shown = self.ring.focused_key, self.ring.visible
        self.app.apply_settings(self.app.settings.model_copy(update={key: value}))
        self.ring.focus(focus, show=shown)

    def paint_body(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        for rect, label, value in self.row_rects:
            draw.text(surface, t.font("large", "semibold"), label, p.ink,
                      (rect.left, rect.centery - t.font("large").get_height() // 2))
            middle_x = rect.right - t.px(210)
            draw.text(surface, t.font("body", "bold"), value, p.ink,
                      (middle_x, rect.centery - t.font("body").get_height() // 2), align="center")
