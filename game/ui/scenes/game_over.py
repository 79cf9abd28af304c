"""The end of the game: how it ended and the score card, with no single number hiding the trade-offs."""

from __future__ import annotations

import pygame

from ...content.wording import GRADE_LABELS, loss_text, money
from ...engine import score
from .. import draw
from ..icons import icon
from ..scene import Scene
from .common import date_text

ENDINGS = {
    "completed": "The term is over.",
    "section_114": "Reserves ran out at the year end: the council issued a section 114 notice.",
    "loss_condition": "The scenario's failure condition was met.",
}
COMPONENT_LABELS = {"outcomes": "Outcomes (weighted)", "finance": "Financial sustainability", "trust": "Trust (mean)",
                    "goals": "Scenario goals met", "inspections": "Inspection grades"}


class GameOver(Scene):
    name = "game_over"

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        m = t.px(40)
        self.card = score(self.state)
        self.left, self.middle, self.right = draw.split_cols(
            pygame.Rect(m, t.px(150), w - 2 * m, h - t.px(150) - t.px(130)), [0.26, 0.36, None], gap=m)
        bh = t.px(56)
        y = h - t.px(100)
        x = w - m
        for key, label, action, tip, style, shortcut in reversed((
            ("debrief", "Debrief", self._debrief, "What happened and why: the decisions that mattered most, charts, "
             "your Cynefin map beside the true one, and what the real council did.", "primary", "d"),
            ("export", "Export debrief (HTML)", self._export,
             "Write the full debrief — decisive decisions, charts, your Cynefin map beside the true one — as one "
             "HTML file you can open in a browser.", None, "x"),
            ("council", "Look at the council", self._view, "See the final dashboard (no more actions).", None, "v"),
            ("title", "Back to the title", self._to_title, "Start another game or load one.", None, "t"),
        )):
            bw = t.font("body", "bold").size(label)[0] + t.px(48)
            x -= bw
            self.button(key, pygame.Rect(x, y, bw, bh), label, action, tooltip=tip, style=style, shortcut=shortcut)
            x -= t.px(12)
        self.ring.focus("debrief", show=False)
        self._infos()

    def _infos(self) -> None:
        t = self.theme
        c = self.card
        weights = self.state.game.pack.info.scoring.weights
        y = self.middle.top + t.px(64)
        self.component_rows = []
        for key, value in c.components.items():
            rect = pygame.Rect(self.middle.left, y, self.middle.width, t.px(58))
            self.component_rows.append((key, value, rect))
            self.info(f"component:{key}", rect,
                      f"{COMPONENT_LABELS[key]}: {value:.0f} out of 100, weighted {getattr(weights, key):.0%} "
                      "in the total.")
            y += t.px(66)
        self.info("grade", pygame.Rect(self.left.left, self.left.top, self.left.width, t.px(300)),
                  f"Total {c.total:.1f} out of 100: grade {c.grade}. The scenario counts grade "
                  f"{self.state.game.pack.info.scoring.win_grade} or better, with no section 114, as a success.")

    def _debrief(self) -> None:
        from .debrief import DebriefScreen

        self.app.push(DebriefScreen(self.app))

    def _export(self) -> None:
        from ...debrief import build_debrief
        from .debrief import export_debrief

        export_debrief(self.app, build_debrief(self.state, self.session.hints_used))

    def _view(self) -> None:
        self.app.pop(self)

    def _to_title(self) -> None:
        from .title import Title

        self.app.session = None
        self.app.replace_all(Title(self.app))

    def on_escape(self) -> None:
        self._view()

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        c = self.card
        w = self.app.size[0]
        m = t.px(40)
        info = state.game.pack.info
        draw.text(surface, t.font("h1", "bold"), f"{info.place or info.title}: the score card", p.ink, (m, t.px(36)),
                  max_width=w - 2 * m)
        ending = ENDINGS.get(state.over or "", "")
        if state.over == "loss_condition" and loss_text(state):
            ending = f"The scenario's failure condition was met: {loss_text(state)}."
        top = t.px(36) + t.font("h1").get_linesize()
        draw.paragraph(surface, t.font("body"), f"{ending} {date_text(state)}, quarter {state.turn} of "
                       f"{state.game.turns}.", p.muted, pygame.Rect(m, top, w - 2 * m, self.left.top - top),
                       max_lines=2, spacing=1.0)
        # grade
        left = self.left
        draw.card(surface, t, left)
        colour = p.good if c.won else p.bad if c.failed else p.warn
        centre = (left.centerx, left.top + t.px(150))
        pygame.draw.circle(surface, t.tint(colour, 0.8), centre, t.px(100))
        pygame.draw.circle(surface, colour, centre, t.px(100), t.px(6))
        big = t.font("display", "bold")
        draw.text(surface, big, c.grade, colour, (centre[0], centre[1] - big.get_height() // 2), align="center")
        y = left.top + t.px(280)
        draw.text(surface, t.font("h2", "bold"), f"{c.total:.1f} / 100", p.ink, (left.centerx, y), align="center")
        y += t.font("h2").get_linesize() + t.px(6)
        verdict = "A success" if c.won else "Failed" if c.failed else "Not good enough"
        draw.text(surface, t.font("large", "semibold"), verdict, colour, (left.centerx, y), align="center")
        y += t.px(60)
        rows = [("Reserves", money(c.reserves * 1000)), ("Change in reserves", money(c.reserves_change * 1000)),
                ("Savings a year", money(c.savings * 1000)), ("Mean trust", f"{c.mean_trust:.0f}")]
        for label, value in rows:
            draw.text(surface, t.font("body"), label, p.muted, (left.left + t.px(24), y))
            draw.text(surface, t.font("body", "bold"), value, p.ink, (left.right - t.px(24), y), align="right")
            y += t.font("body").get_linesize() + t.px(8)
        # components
        mid = self.middle
        draw.card(surface, t, mid)
        draw.text(surface, t.font("large", "bold"), "How the score adds up", p.ink, (mid.left + t.px(24), mid.top + t.px(20)))
        for key, value, rect in self.component_rows:
            draw.text(surface, t.font("body", "semibold"), COMPONENT_LABELS[key], p.ink, (rect.left + t.px(24), rect.top))
            draw.text(surface, t.font("body", "bold"), f"{value:.0f}", p.ink, (rect.right - t.px(24), rect.top), align="right")
            draw.bar(surface, t, pygame.Rect(rect.left + t.px(24), rect.top + t.px(32), rect.width - t.px(48), t.px(12)),
                     value / 100, t.outcome_colour(value))
        y = self.component_rows[-1][2].bottom + t.px(20) if self.component_rows else mid.top + t.px(80)
        if c.goals:
            draw.text(surface, t.font("large", "bold"), "Goals", p.ink, (mid.left + t.px(24), y))
            y += t.font("large").get_linesize() + t.px(6)
            for goal in c.goals:
                mark, colour = ("✓", p.good) if goal.met else ("✗", p.bad)
                draw.text(surface, t.font("body", "bold"), mark, colour, (mid.left + t.px(24), y))
                y = draw.paragraph(surface, t.font("body"), goal.label, p.ink,
                                   pygame.Rect(mid.left + t.px(56), y, mid.width - t.px(80), t.px(60)), max_lines=2)
                y += t.px(4)
        # outcomes and trust
        right = self.right
        draw.card(surface, t, right)
        draw.text(surface, t.font("large", "bold"), "Outcomes", p.ink, (right.left + t.px(24), right.top + t.px(20)))
        y = right.top + t.px(64)
        row = max(t.px(30), min(t.px(40), (right.height // 2 - t.px(70)) // max(1, len(c.outcomes))))
        for pid, value in c.outcomes.items():
            self._row(surface, right, y, state.game.problem[pid].name, value, c.inspections.get(pid))
            y += row
        y += t.px(14)
        draw.text(surface, t.font("large", "bold"), "Trust", p.ink, (right.left + t.px(24), y))
        y += t.font("large").get_linesize() + t.px(4)
        row = max(t.px(28), min(t.px(40), (right.bottom - y - t.px(10)) // max(1, len(c.trust))))
        for sid, value in c.trust.items():
            ic = icon(sid, t.px(20), p.ink)
            surface.blit(ic, (right.left + t.px(24), y + t.px(2)))
            self._row(surface, right, y, state.game.stakeholder[sid].name, value, None, indent=t.px(32))
            y += row

    def _row(self, surface: pygame.Surface, box: pygame.Rect, y: int, label: str, value: float, grade: str | None,
             indent: int = 0) -> None:
        t = self.theme
        p = t.palette
        name_w = round(box.width * 0.42)
        text = label + (f" ({GRADE_LABELS.get(grade, grade).lower()})" if grade else "")
        draw.text(surface, t.font("small"), text, p.ink, (box.left + t.px(24) + indent, y), max_width=name_w - indent)
        bar = pygame.Rect(box.left + t.px(24) + name_w + t.px(8), y + t.px(6), box.width - name_w - t.px(110), t.px(10))
        draw.bar(surface, t, bar, value / 100, t.outcome_colour(value))
        draw.text(surface, t.font("small", "bold"), f"{value:.0f}", p.ink, (box.right - t.px(24), y), align="right")
