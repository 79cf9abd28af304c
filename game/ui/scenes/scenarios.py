"""Scenario select: every built-in pack with its briefing, length and difficulty."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from .. import draw
from ..catalogue import ScenarioInfo, catalogue
from ..focus import Control
from ..scene import Scene
from ..session import Session
from .dialog import esc, markdown_html, scroll_text

DIFFICULTY = {"introductory": "Introductory", "standard": "Standard", "hard": "Hard"}


class ScenarioSelect(Scene):
    name = "scenarios"

    def __init__(self, app) -> None:  # noqa: ANN001
        self.items: list[ScenarioInfo] = catalogue()
        self.chosen = 0
        super().__init__(app)

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        m = t.px(40)
        top = t.px(130)
        self.list_rect = pygame.Rect(m, top, round(w * 0.30), h - top - t.px(120))
        self.detail = pygame.Rect(self.list_rect.right + m, top, w - self.list_rect.right - 2 * m, h - top - t.px(120))
        row_h = t.px(84)
        for i, info in enumerate(self.items):
            rect = pygame.Rect(self.list_rect.left, self.list_rect.top + i * (row_h + t.px(10)), self.list_rect.width, row_h)
            if rect.bottom > self.list_rect.bottom:
                break
            self.hotspot(f"scenario:{info.id}", rect, lambda i=i: self._pick(i), on_key=lambda e, i=i: self._arrow(i, e),
                         tooltip=f"{info.title}: {info.pitch or 'read the briefing'} Select again (Enter) to start.")
        info = self.current
        # the pitch may take two lines (Wigan's was cut off at one): what sits below it moves down
        self.pitch_lines = draw.wrap(t.font("body", "semibold"), info.pitch, self.detail.width - t.px(48), 2) \
            if info is not None and info.pitch else []
        self.pitch_extra = max(0, len(self.pitch_lines) - 1) * t.font("body").get_linesize()
        brief_top = self.detail.top + t.px(190) + self.pitch_extra
        brief = pygame.Rect(self.detail.left + t.px(24), brief_top, self.detail.width - t.px(48),
                            self.detail.bottom - brief_top - t.px(24))
        text = (f"<font color='#B83227'>{esc(info.error)}</font>" if info and info.error
                else markdown_html(info.briefing, t) if info and info.briefing
                else "This scenario has no briefing yet.")
        box = pygame_gui.elements.UITextBox(text, brief, self.manager, object_id=ObjectID(class_id="@plain_text"))
        self.ring.add(Control("briefing", brief, None, "The briefing. Scroll with the arrow keys or Page Up/Down.",
                              element=box, on_key=lambda e: scroll_text(box, e), focusable=box.scroll_bar is not None))
        bh = t.px(58)
        self.button("back", pygame.Rect(m, h - t.px(94), t.px(160), bh), "Back", lambda: self.app.pop(self),
                    tooltip="Back to the title screen.", shortcut="escape")
        can_start = info is not None and not info.error
        self.button("start", pygame.Rect(w - m - t.px(300), h - t.px(94), t.px(300), bh),
                    "Start this scenario  →", self._start, style="primary", enabled=can_start,
                    tooltip="Take charge: the first quarter begins." if can_start else
                    "This scenario cannot be started until its pack is fixed.", shortcut="return")
        if info is not None and self.ring.focused_key is None:
            self.ring.focus(f"scenario:{info.id}", show=False)

    @property
    def current(self) -> ScenarioInfo | None:
        return self.items[self.chosen] if self.items else None

    def _pick(self, index: int) -> None:
        """Selecting the chosen scenario again (Enter twice, or a second click) starts it."""
        if index == self.chosen:
            self._start()
        else:
            self._choose(index)

    def _choose(self, index: int) -> None:
        if index != self.chosen:
            self.chosen = index
            self.rebuild()
            self.app.request_redraw()

    def _arrow(self, index: int, event: pygame.event.Event) -> bool:
        """Up and Down choose the scenario above or below and show its briefing; Tab only moves the focus.

        Choosing on every focus change made Tab from the chosen scenario to Start choose each scenario
        it passed: a learner who picked Wigan and tabbed to Start began Hounslow.
        """
        step = {pygame.K_UP: -1, pygame.K_DOWN: 1}.get(event.key)
        if step is None or not 0 <= index + step < len(self.items):
            return False
        self._choose(index + step)
        self.ring.focus(f"scenario:{self.items[index + step].id}")
        return True

    def _start(self) -> None:
        from ...content.loader import PackError, load_pack
        from ...engine import new_game

        info = self.current
        if info is None:
            return
        try:
            pack = load_pack(info.folder)
        except PackError as exc:
            self.app.toast(f"{info.title} cannot be started: {str(exc).splitlines()[0]}", "bad")
            return
        self.app.start(Session(new_game(pack), pack_path=info.folder))

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        m = t.px(40)
        draw.text(surface, t.font("h1", "bold"), "Choose a scenario", p.ink, (m, t.px(40)))
        if not self.items:
            draw.text(surface, t.font("body"), "No scenarios are installed.", p.muted, (m, t.px(140)))
            return
        row_h = t.px(84)
        for i, info in enumerate(self.items):
            rect = pygame.Rect(self.list_rect.left, self.list_rect.top + i * (row_h + t.px(10)), self.list_rect.width, row_h)
            if rect.bottom > self.list_rect.bottom:
                break
            chosen = i == self.chosen
            draw.card(surface, t, rect, fill=t.tint(p.accent, 0.85) if chosen else p.surface,
                      border=p.accent if chosen else p.line, width=t.px(2) if chosen else 1)
            title_font = next((f for f in (t.font("large", "bold"), t.font("body", "bold"))  # a long title steps down
                               if draw.fit(f, info.title, rect.width - t.px(40)) == info.title), t.font("body", "bold"))
            draw.text(surface, title_font, info.title, p.ink, (rect.left + t.px(20), rect.top + t.px(12)),
                      max_width=rect.width - t.px(40))
            meta = info.error and "Cannot be loaded" or f"{info.years} · {info.turns} quarters · " \
                f"{DIFFICULTY.get(info.difficulty, info.difficulty)}"
            draw.text(surface, t.font("small"), meta, p.bad if info.error else p.muted,
                      (rect.left + t.px(20), rect.top + t.px(48)), max_width=rect.width - t.px(40))
        info = self.current
        if info is None:
            return
        d = self.detail
        draw.card(surface, t, d)
        draw.text(surface, t.font("h2", "bold"), info.title, p.ink, (d.left + t.px(24), d.top + t.px(22)),
                  max_width=d.width - t.px(48))
        y = d.top + t.px(22) + t.font("h2").get_linesize()
        if info.place:
            draw.text(surface, t.font("body"), info.place, p.muted, (d.left + t.px(24), y), max_width=d.width - t.px(48))
            y += t.font("body").get_linesize()
        for line in self.pitch_lines:
            draw.text(surface, t.font("body", "semibold"), line, p.ink, (d.left + t.px(24), y + t.px(4)))
            y += t.font("body").get_linesize()
        x = d.left + t.px(24)
        chips = [f"{info.start} to {info.end}" if info.start else "", f"{info.turns} quarters" if info.turns else "",
                 DIFFICULTY.get(info.difficulty, info.difficulty)]
        chips_y = d.top + t.px(140) + self.pitch_extra
        for label in filter(None, chips):
            x = draw.chip(surface, t, (x, chips_y), label, t.tint(p.accent, 0.85), p.ink, role="small").right + t.px(10)
        rule_y = d.top + t.px(180) + self.pitch_extra
        pygame.draw.line(surface, p.line, (d.left + t.px(24), rule_y), (d.right - t.px(24), rule_y))
