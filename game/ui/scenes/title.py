"""The title screen: start, continue, load, settings, quit."""

from __future__ import annotations

import math

import pygame

from .. import draw
from ..icons import icon
from ..scene import Scene

DOMAINS = (("complex", "Complex"), ("complicated", "Complicated"), ("chaotic", "Chaotic"), ("clear", "Clear"))


class Title(Scene):
    name = "title"

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        self.latest = self._latest_save()
        x = round(w * 0.08)
        y = round(h * 0.44)
        bw, bh, gap = t.px(420), t.px(60), t.px(14)
        continue_tip = (f"Resume '{self.latest.name}' ({self.latest.date})." if self.latest
                        else "No saved game yet: your games are saved automatically every quarter.")
        items = (
            ("new", "New game", self._new, "Choose a scenario and read its briefing.", "n", "primary", True),
            ("tutorial", "Tutorial", self._tutorial, "Ten minutes in Brookmere: the game asks you to try each control "
             "once and shows you where it is.", "t", None, True),
            ("continue", "Continue", self._continue, continue_tip, "c", None, self.latest is not None),
            ("load", "Load a saved game", self._load, "Pick any saved or autosaved game.", "l", None, True),
            ("join", "Join a room", self._join, "Play as a team in a facilitated room: the facilitator's screen "
             "shows the address and the join code.", "j", None, True),
            ("settings", "Settings", self._settings, "Screen size, full screen, text size, colours, sound.", "s",
             None, True),
            ("quit", "Quit", self.app.quit, "Close the game (your progress is autosaved every quarter).", "q", None,
             True),
        )
        for i, (key, label, action, tip, shortcut, style, enabled) in enumerate(items):
            self.button(key, pygame.Rect(x, y + i * (bh + gap), bw, bh), label, action, tooltip=tip,
                        shortcut=shortcut, style=style, enabled=enabled)
        self.ring.focus("new", show=False)

    def _latest_save(self):  # noqa: ANN202 - a SaveInfo or None
        try:
            from ...saves import list_saves

            return next((s for s in list_saves() if s.error is None and s.over is None), None)
        except OSError:
            return None

    def _new(self) -> None:
        from .scenarios import ScenarioSelect

        self.app.push(ScenarioSelect(self.app))

    def _tutorial(self) -> None:
        from ..tutorial import start_tutorial

        start_tutorial(self.app)

    def _continue(self) -> None:
        from .saves import open_save

        if self.latest is not None:
            open_save(self.app, self.latest.path)

    def _load(self) -> None:
        from .saves import SaveLoad

        self.app.push(SaveLoad(self.app, mode="load"))

    def _join(self) -> None:
        from .join import JoinScreen

        self.app.push(JoinScreen(self.app))

    def _settings(self) -> None:
        from .settings import SettingsScreen

        self.app.push(SettingsScreen(self.app))

    def on_escape(self) -> None:
        """Esc on the title does nothing: Quit is a deliberate choice (Q)."""

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        w, h = self.app.size
        self._paint_map(surface, pygame.Rect(round(w * 0.52), round(h * 0.14), round(w * 0.42), round(h * 0.72)))
        x = round(w * 0.08)
        big = t.font("display", "bold")
        draw.text(surface, big, "Common Ground", p.ink, (x, round(h * 0.16)))
        draw.paragraph(surface, t.font("large"), "Commissioning for public-service leaders: know what kind of problem "
                       "you face before you decide how to meet it.", p.muted,
                       pygame.Rect(x, round(h * 0.16) + big.get_linesize() + t.px(8), round(w * 0.4), t.px(120)))
        draw.text(surface, t.font("tiny"), "Tab or arrows to move · Enter to choose · letters are shortcuts",
                  p.muted, (x, h - t.px(50)))

    def _paint_map(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """A Cynefin picture as the title's emblem."""
        t = self.theme
        p = t.palette
        cx, cy = rect.center
        quads = draw.split_cols(rect, [None, None], gap=t.px(10))
        cells = [r for col in quads for r in draw.split_rows(col, [None, None], gap=t.px(10))]
        order = ("complex", "chaotic", "complicated", "clear")
        for domain, cell in zip(order, cells):
            pygame.draw.rect(surface, p.domain_fill[domain], cell, border_radius=t.px(28))
            ic = icon(f"domain:{domain}", t.px(64), p.domain_ink[domain])
            surface.blit(ic, ic.get_rect(center=(cell.centerx, cell.centery - t.px(24))))
            draw.text(surface, t.font("large", "bold"), dict(DOMAINS)[domain], p.domain_ink[domain],
                      (cell.centerx, cell.centery + t.px(24)), align="center")
        r = min(rect.width, rect.height) * 0.16
        points = [(cx + r * 1.15 * math.cos(a / 24 * 2 * math.pi) * (1 + 0.08 * math.sin(a * 1.7)),
                   cy + r * math.sin(a / 24 * 2 * math.pi) * (1 + 0.08 * math.cos(a * 1.3))) for a in range(24)]
        pygame.draw.polygon(surface, p.domain_fill["disorder"], points)
        pygame.draw.polygon(surface, p.bg, points, t.px(6))
        ic = icon("domain:disorder", t.px(44), p.domain_ink["disorder"])
        surface.blit(ic, ic.get_rect(center=(cx, cy)))
