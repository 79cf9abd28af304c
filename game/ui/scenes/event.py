"""An event that needs a decision: it blocks the quarter until one of its choices is taken."""

from __future__ import annotations

import pygame

from ...engine import Choose
from .. import draw
from ..icons import icon
from .dialog import Dialog


WIDTH = 1100
"""design width of the dialog"""
CHOICE_TEXT_LEFT = 16 + 40 + 18
"""design pixels from a choice card's left edge to its words: padding, the number badge, a gap"""


class EventDialog(Dialog):
    name = "event"
    design_size = (WIDTH, 760)
    choice_h = 96
    """pixels: one choice's card"""

    def describe(self) -> None:
        pending = self.state.pending[0]
        self.event = self.state.game.event[pending.event]
        self.title = self.event.title
        self.subtitle = "A decision is needed before the quarter can end."
        t = self.theme
        width = t.px(WIDTH) - t.px(56) - t.px(72)
        self.lines = draw.wrap(t.font("body"), self.event.text or self.event.title, width)
        text_h = max(2, len(self.lines)) * t.font("body").get_linesize() / t.unit
        # a choice whose explanation runs to two lines gets a taller card (its second line fell off the bottom)
        said = t.px(WIDTH) - t.px(56) - t.px(CHOICE_TEXT_LEFT + 16)
        two = any(len(draw.wrap(t.font("small"), c.text, said, 2)) > 1 for c in self.event.choices if c.text)
        self.choice_h = t.px(96) + (round(t.font("small").get_linesize() * 1.2) if two else 0)
        self.design_size = (WIDTH, round(170 + text_h + len(self.event.choices) * (self.choice_h / t.unit + 12)))

    def build(self) -> None:
        t = self.theme
        choices = self.event.choices
        gap = t.px(12)
        choice_h = self.choice_h
        list_h = len(choices) * (choice_h + gap)
        text_h = max(t.px(60), self.body.height + self.buttons_row.height - list_h)
        self.text_rect = pygame.Rect(self.body.left + t.px(72), self.body.top, self.body.width - t.px(72), text_h)
        self.choice_rects = []
        y = self.body.top + text_h + t.px(8)
        for i, choice in enumerate(choices):
            rect = pygame.Rect(self.body.left, y, self.body.width, choice_h)
            self.choice_rects.append((choice, rect))
            self.hotspot(f"choice:{choice.id}", rect, lambda c=choice.id: self._choose(c),
                         tooltip=f"Choose: {choice.label}." + (f"\n{choice.text}" if choice.text else ""),
                         shortcut=str(i + 1))
            y += choice_h + gap
        self.buttons_row.height = 0
        if choices:
            self.ring.focus(f"choice:{choices[0].id}", show=False)

    def _choose(self, choice: str) -> None:
        event_id = self.event.id
        self.close()
        if not self.app.act(Choose(event_id, choice)):
            self.app.next_step()

    def on_escape(self) -> None:
        self.app.toast("This needs an answer: choose one of the options (1, 2, …) to carry on.", "warn")

    def paint_body(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        bell = icon("event", t.px(52), p.warn)
        surface.blit(bell, (self.body.left, self.body.top + t.px(4)))
        y = self.text_rect.top
        for line in self.lines:
            if y + t.font("body").get_linesize() > self.text_rect.bottom:
                break
            draw.text(surface, t.font("body"), line, p.ink, (self.text_rect.left, y))
            y += t.font("body").get_linesize()
        for i, (choice, rect) in enumerate(self.choice_rects):
            draw.card(surface, t, rect, fill=p.surface_alt, border=p.line)
            badge = pygame.Rect(rect.left + t.px(16), rect.top + t.px(16), t.px(40), t.px(40))
            pygame.draw.rect(surface, p.accent, badge, border_radius=t.px(8))
            draw.text(surface, t.font("large", "bold"), str(i + 1), p.accent_ink,
                      (badge.centerx, badge.centery - t.font("large").get_height() // 2), align="center")
            x = rect.left + t.px(CHOICE_TEXT_LEFT)
            draw.text(surface, t.font("large", "bold"), choice.label, p.ink, (x, rect.top + t.px(14)),
                      max_width=rect.right - x - t.px(16))
            if choice.text:
                draw.paragraph(surface, t.font("small"), choice.text, p.muted,
                               pygame.Rect(x, rect.top + t.px(50), rect.right - x - t.px(16), rect.height - t.px(54)),
                               max_lines=2)
