"""One contract: end it (showing the penalty and who will mind) or change what it is worth.

The penalty and trust effects are read from the engine running the action
on a copy of the game, so the dialog shows exactly what ending it would cost.
"""

from __future__ import annotations

import pygame

from ...content.wording import money
from ...engine import EndContract, VaryContract
from .. import draw
from .common import contract_text
from .dialog import Dialog

VALUE_STEP = 0.05
"""changes offered, as a share of the contract's current value"""


def trust_moves(before, after) -> list[tuple[str, float]]:  # noqa: ANN001
    """(stakeholder name, change) for every trust an action would move."""
    game = before.game
    return [(game.stakeholder[sid].name, after.trust[sid] - before.trust[sid]) for sid in before.trust
            if abs(after.trust[sid] - before.trust[sid]) >= 0.05]


class ContractDialog(Dialog):
    name = "contract"
    design_size = (1100, 700)

    def __init__(self, app, cid: str) -> None:  # noqa: ANN001
        self.cid = cid
        self.factor = 1.0
        super().__init__(app)

    def describe(self) -> None:
        c = self.state.contracts[self.cid]
        game = self.state.game
        self.title = f"{game.provider[c.provider].name}: {game.problem[c.problem].name}"
        self.subtitle = contract_text(self.state, self.cid)

    def build(self) -> None:
        t = self.theme
        c = self.state.contracts[self.cid]
        self.end_state, self.end_why = self.session.preview(EndContract(self.cid))
        new_value = round(c.value * 4 * self.factor / 1000, 3)
        self.vary_state, self.vary_why = self.session.preview(VaryContract(self.cid, new_value))
        left, right = draw.split_cols(self.body, [None, None], gap=t.px(32))
        self.left, self.right = left, right
        stepper = pygame.Rect(right.left, right.top + t.px(100), right.width, t.px(48))
        w = t.px(56)
        self.button("less", pygame.Rect(stepper.left, stepper.top, w, stepper.height), "−", lambda: self._nudge(-1),
                    style="small", tooltip="Offer less a year (−5%). Providers dislike cuts.", shortcut="-")
        self.button("more", pygame.Rect(stepper.right - w, stepper.top, w, stepper.height), "+", lambda: self._nudge(1),
                    style="small", tooltip="Offer more a year (+5%).", shortcut="=")
        self.stepper = stepper
        self.button("vary", pygame.Rect(right.left, right.bottom - t.px(52), right.width, t.px(52)),
                    f"Change to {money(c.value * 4 * self.factor)} a year", self._vary,
                    enabled=self.vary_state is not None,
                    tooltip=self.vary_why or "Renegotiate the contract's value from now on.")
        self.button("end", pygame.Rect(left.left, left.bottom - t.px(52), left.width, t.px(52)), "End this contract",
                    self._end, style="danger", enabled=self.end_state is not None,
                    tooltip=self.end_why or "End it now, paying the penalty shown.")
        self.actions([("close", "Close", self.close, "Back without changing anything (Esc).", None, True)])
        if self.ring.focused_key is None:
            self.ring.focus("close", show=False)

    def _nudge(self, direction: int) -> None:
        self.factor = max(VALUE_STEP, round(self.factor + direction * VALUE_STEP, 2))
        shown = self.ring.visible
        focus = self.ring.focused_key
        self.rebuild()
        self.ring.focus(focus, show=shown)
        self.app.request_redraw()

    def _end(self) -> None:
        if self.app.act(EndContract(self.cid)):
            self.close()

    def _vary(self) -> None:
        c = self.state.contracts[self.cid]
        if self.app.act(VaryContract(self.cid, round(c.value * 4 * self.factor / 1000, 3))):
            self.close()

    def on_state_changed(self) -> None:
        if self.state.contracts[self.cid].live:
            self.rebuild()

    def paint_body(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        c = state.contracts[self.cid]
        left, right = self.left, self.right
        draw.text(surface, t.font("large", "bold"), "End it early", p.ink, (left.left, left.top))
        y = left.top + t.font("large").get_linesize() + t.px(8)
        if self.end_state is None:
            draw.paragraph(surface, t.font("body"), self.end_why, p.bad, pygame.Rect(left.left, y, left.width, t.px(120)))
        else:
            penalty = state.reserves - self.end_state.reserves
            before = "before" if state.turn < c.break_at else "after"
            draw.text(surface, t.font("body"), "Penalty", p.muted, (left.left, y))
            draw.text(surface, t.font("h2", "bold"), money(penalty), p.bad, (left.left, y + t.font("body").get_linesize()))
            y += t.font("body").get_linesize() + t.font("h2").get_linesize() + t.px(8)
            left_to_pay = money(max(0, c.end - max(state.turn, c.start) + 1) * c.value)
            # a contract running from before the game began may have passed its break point before quarter 1
            point = f"the break point (quarter {c.break_at})" if c.break_at >= 1 else "its break point"
            y = draw.paragraph(surface, t.font("small"), f"Ending {before} {point} costs "
                               f"{'half' if before == 'before' else 'a tenth'} of what is left to pay "
                               f"({left_to_pay}).", p.ink, pygame.Rect(left.left, y, left.width, t.px(80))) + t.px(8)
            for name, delta in trust_moves(state, self.end_state):
                draw.text(surface, t.font("body"), f"Trust: {name} {delta:+.0f}", p.bad if delta < 0 else p.good,
                          (left.left, y))
                y += t.font("body").get_linesize()
            y = draw.paragraph(surface, t.font("small"), "The service stops: with nothing else in place, the outcome "
                               "drifts down.", p.muted, pygame.Rect(left.left, y + t.px(6), left.width, t.px(60)))
            if self.end_state.reserves < 0:  # the penalty alone can sink the council: say so before the click
                draw.paragraph(surface, t.font("small", "semibold"), f"This leaves reserves at "
                               f"{money(self.end_state.reserves)}: still below zero when the year closes in March, "
                               "the council must issue a section 114 notice and the game ends.", p.bad,
                               pygame.Rect(left.left, y + t.px(6), left.width, t.px(80)))
        draw.text(surface, t.font("large", "bold"), "Change its value", p.ink, (right.left, right.top))
        draw.paragraph(surface, t.font("small"), f"Now {money(c.value * 4)} a year. Cutting it upsets the market; "
                       "it also cuts what the service can do.", p.muted,
                       pygame.Rect(right.left, right.top + t.font("large").get_linesize() + t.px(6), right.width, t.px(60)))
        s = self.stepper
        draw.text(surface, t.font("body", "bold"), f"{money(c.value * 4 * self.factor)} a year ({self.factor:.0%})",
                  p.ink, (s.centerx, s.centery - t.font("body").get_height() // 2), align="center")
        if self.vary_state is None and self.factor != 1.0:
            draw.paragraph(surface, t.font("small"), self.vary_why, p.bad,
                           pygame.Rect(right.left, s.bottom + t.px(12), right.width, t.px(90)))
        elif self.vary_state is not None:
            y = s.bottom + t.px(12)
            for name, delta in trust_moves(state, self.vary_state):
                draw.text(surface, t.font("body"), f"Trust: {name} {delta:+.0f}", p.bad if delta < 0 else p.good,
                          (right.left, y))
                y += t.font("body").get_linesize()
