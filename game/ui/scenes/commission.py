"""The commission dialog: approach, provider, value and length, with every consequence shown before confirming.

Only choices the rules could allow are offered: approaches the scenario
permits for this problem, providers of a type that can deliver the chosen
approach. Anything not allowed *now* (trust too low, provider full, not
enough capacity) is shown disabled with the engine's own reason. The summary
comes from running the action on a copy of the game (`Session.preview`), so
the value, start quarter and capacity shown are exactly what will happen.
"""

from __future__ import annotations

import pygame

from ...content.wording import approach_label, domain_label, money
from ...engine import Commission
from .. import draw
from ..focus import Control
from .common import date_text, provider_type, trust_needed
from .dialog import Dialog
from .problem import fit_words, perceived_fit

STEP = 0.05
"""value steps, as a share of what today's demand needs"""


class CommissionDialog(Dialog):
    name = "commission"
    design_size = (1560, 900)

    def __init__(self, app, pid: str, approach: str | None = None) -> None:  # noqa: ANN001
        self.pid = pid
        spec = app.session.state.game.problem[pid]
        self.approach = approach if approach in spec.approaches else (spec.approaches[0] if spec.approaches else "")
        self.provider: str | None = None
        self.share: float | None = None
        """value as a share of need; None funds it to need at the provider's price"""
        self.length: int | None = None
        super().__init__(app)

    def describe(self) -> None:
        spec = self.state.game.problem[self.pid]
        perceived = domain_label(self.state.problems[self.pid].perceived).lower()
        self.title = f"Commission: {spec.name}"
        self.subtitle = f"You see it as {perceived}. Choose how, who, how much and for how long."

    # ---------------------------------------------------------------- choices

    def providers_for(self, approach: str) -> list[str]:
        types = self.state.game.cfg.approach[approach].types
        return [vid for vid, spec in self.state.game.provider.items()
                if spec.type in types and not self.state.providers[vid].collapsed]

    def action(self, provider: str | None = None) -> Commission | None:
        vid = provider or self.provider
        if vid is None:
            return None
        value = None if self.share is None else round(self.share * self.need() * 4 / 1000, 3)
        return Commission(self.pid, self.approach, vid, value, self.length)

    def need(self) -> float:
        return self.state.game.need(self.pid, self.state.problems[self.pid].demand)

    def build(self) -> None:
        t = self.theme
        state = self.state
        spec = state.game.problem[self.pid]
        cols = draw.split_cols(self.body, [0.30, 0.30, None], gap=t.px(28))
        self.cols = cols
        row_h, gap = t.px(50), t.px(8)
        top = cols[0].top + t.px(40)
        for i, approach in enumerate(spec.approaches):
            rect = pygame.Rect(cols[0].left, top + i * (row_h + gap), cols[0].width, row_h)
            _, why = self.session.preview(Commission(self.pid, approach, self._any_provider(approach) or "", None, None))
            fit = perceived_fit(state, self.pid, approach)
            label = approach_label(approach) + (f" · {fit_words(fit).lower()}" if fit is not None else "")
            blocked = self._approach_blocked(approach, why)
            self.button(f"approach:{approach}", rect, label, lambda a=approach: self._set_approach(a),
                        style="option_chosen" if approach == self.approach else "option", enabled=not blocked,
                        tooltip=blocked or self._approach_tip(approach))
        providers = self.providers_for(self.approach) if self.approach else []
        if self.provider not in providers:
            legal = (v for v in providers if self.session.preview(self.action(v))[0] is not None)
            self.provider = next(legal, providers[0] if providers else None)
        for i, vid in enumerate(providers):
            rect = pygame.Rect(cols[1].left, top + i * (row_h + gap), cols[1].width, row_h)
            if rect.bottom > cols[1].bottom:
                break
            _, why = self.session.preview(self.action(vid))
            name = state.game.provider[vid].name
            self.button(f"provider:{vid}", rect, name, lambda v=vid: self._set_provider(v),
                        style="option_chosen" if vid == self.provider else "option",
                        enabled=not why or vid == self.provider,
                        tooltip=why or f"{name} ({provider_type(state, vid)}): price {state.game.provider[vid].price:.2f}× "
                                       f"standard, quality {state.game.provider[vid].quality:.2f}.")
        self._terms(cols[2])
        self.preview, self.why = self.session.preview(self.action()) if self.provider else (None, self._no_provider())
        self.actions([
            ("cancel", "Cancel", self.close, "Close without commissioning (Esc).", None, True),
            ("confirm", "Commission", self._confirm, "Award the contract now (Ctrl+Enter)." if self.preview else self.why,
             "primary", self.preview is not None),
        ])
        self.bind("ctrl+return", self._confirm)
        if self.ring.focused_key is None:
            self.ring.focus(f"approach:{self.approach}", show=False)

    def _any_provider(self, approach: str) -> str | None:
        return next(iter(self.providers_for(approach)), None)

    def _approach_blocked(self, approach: str, why: str) -> str:
        """Only reasons that belong to the approach itself (trust, capacity) block choosing it."""
        if not self.providers_for(approach):
            return "No provider in this scenario can deliver this approach now."
        if why.startswith(("Not enough trust", "Not enough leadership capacity")):
            return why
        return ""

    def _approach_tip(self, approach: str) -> str:
        params = self.state.game.cfg.approach[approach]
        fit = perceived_fit(self.state, self.pid, approach)
        judged = "Classify the problem to judge the fit." if fit is None else \
            f"Fit {fit:.2f} if the problem is what you judge it to be."
        return (f"{approach_label(approach)}: {params.lead} quarter(s) to procure, {params.ramp} more to full effect, "
                f"{params.cost} capacity. {judged}")

    def _no_provider(self) -> str:
        return "No provider can take this contract now." if self.approach else "This problem allows no approach."

    def _terms(self, col: pygame.Rect) -> None:
        t = self.theme
        y = col.top + t.px(76)
        bh = t.px(46)
        self.value_row = pygame.Rect(col.left, y, col.width, bh)
        self._stepper("value", self.value_row, self._value_text(), self._nudge_value,
                      "Contract value a year. Below the need, the service does less; above "
                      f"{self.state.game.cfg.r.funding_cap:.0%} of need buys nothing more. Left/Right change it.")
        self.button("fund_to_need", pygame.Rect(col.left, y + bh + t.px(8), col.width, t.px(40)),
                    "Fund to today's need", self._fund_to_need, style="small",
                    tooltip="Pay what today's demand needs at this provider's price (the default).")
        y += bh + t.px(100)
        self.length_row = pygame.Rect(col.left, y, col.width, bh)
        default = self.state.game.cfg.approach[self.approach].length if self.approach else 0
        length = self.length or default
        self._stepper("length", self.length_row, f"{length} quarters", self._nudge_length,
                      "How long the contract runs. Ending it before the break point (half-way) costs half of what "
                      "is left; after it, a tenth. Left/Right change it.")
        self.summary_top = y + bh + t.px(24)

    def _stepper(self, key: str, rect: pygame.Rect, text: str, nudge, tooltip: str) -> None:  # noqa: ANN001
        t = self.theme
        w = t.px(52)
        self.button(f"{key}:less", pygame.Rect(rect.left, rect.top, w, rect.height), "−", lambda: nudge(-1),
                    tooltip=tooltip, style="small")
        self.button(f"{key}:more", pygame.Rect(rect.right - w, rect.top, w, rect.height), "+", lambda: nudge(1),
                    tooltip=tooltip, style="small")
        middle = pygame.Rect(rect.left + w + t.px(6), rect.top, rect.width - 2 * w - t.px(12), rect.height)
        control = Control(key, middle, None, tooltip,
                          on_key=lambda e: self._stepper_key(e, nudge))
        self.ring.add(control)
        setattr(self, f"{key}_text", text)

    @staticmethod
    def _stepper_key(event: pygame.event.Event, nudge) -> bool:  # noqa: ANN001
        if event.key in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS):
            nudge(-1)
            return True
        if event.key in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            nudge(1)
            return True
        return False

    def _value_summary(self, c) -> str:  # noqa: ANN001 - the contract the preview would award
        """The value against need two ways: a cheap provider is fully funded below the standard cost, and says so.

        The dashboard's funding column counts need at a standard price; the service's effect counts it at the
        provider's price. Showing one figure next to "funded to need" read as a contradiction (85% of need).
        """
        standard = c.value / self.need()
        at_price = c.value / (self.need() * self.state.game.provider[c.provider].price
                              * self.state.game.cfg.approach[c.approach].premium)
        return (f"{money(c.value * 4)} a year: {at_price:.0%} of today's need at this provider's price "
                f"({standard:.0%} at a standard price)")

    def _value_text(self) -> str:
        if self.share is None:
            return "today's need at its price"
        return f"{money(self.share * self.need() * 4)} a year ({self.share:.0%})"

    # ---------------------------------------------------------------- changes

    def _current_share(self) -> float:
        if self.share is not None:
            return self.share
        if self.preview is not None:
            c = self._new_contract()
            if c is not None:
                return round(c.value / self.need() / STEP) * STEP
        return 1.0

    def _nudge_value(self, direction: int) -> None:
        ceiling = self.state.game.cfg.r.max_funding_multiple
        self.share = round(max(STEP, min(ceiling, self._current_share() + direction * STEP)), 2)
        self._refresh("value")

    def _nudge_length(self, direction: int) -> None:
        default = self.state.game.cfg.approach[self.approach].length
        self.length = max(1, min(40, (self.length or default) + direction))
        self._refresh("length")

    def _fund_to_need(self) -> None:
        self.share = None
        self._refresh("fund_to_need")

    def _set_approach(self, approach: str) -> None:
        self.approach = approach
        self.length = None
        self._refresh(f"approach:{approach}")

    def _set_provider(self, vid: str) -> None:
        self.provider = vid
        self._refresh(f"provider:{vid}")

    def _refresh(self, focus: str) -> None:
        shown = self.ring.visible
        self.rebuild()
        self.ring.focus(focus, show=shown)
        self.app.request_redraw()

    def _new_contract(self):  # noqa: ANN202
        if self.preview is None:
            return None
        return next((c for cid, c in self.preview.contracts.items() if cid not in self.state.contracts), None)

    def _confirm(self) -> None:
        action = self.action()
        if action is None or self.preview is None:
            self.app.toast(self.why or self._no_provider(), "bad")
            return
        if self.app.act(action):
            self.app.pop(self)

    # ---------------------------------------------------------------- painting

    def paint_body(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        heads = ("1. Approach", "2. Provider", "3. Terms")
        for col, head in zip(self.cols, heads):
            draw.text(surface, t.font("large", "bold"), head, p.ink, (col.left, col.top))
        if not self.providers_for(self.approach):
            draw.paragraph(surface, t.font("small"), "No provider here can deliver this approach.", p.muted,
                           pygame.Rect(self.cols[1].left, self.cols[1].top + t.px(44), self.cols[1].width, t.px(60)))
        for key, row, label in (("value", self.value_row, "Value"), ("length", self.length_row, "Length")):
            draw.text(surface, t.font("small", "semibold"), label, p.muted, (row.left, row.top - t.px(26)))
            draw.text(surface, t.font("body", "bold"), getattr(self, f"{key}_text"), p.ink,
                      (row.centerx, row.centery - t.font("body").get_height() // 2), align="center",
                      max_width=row.width - t.px(120))
        self._paint_summary(surface)

    def _paint_summary(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        col = self.cols[2]
        box = pygame.Rect(col.left, self.summary_top, col.width, self.body.bottom - self.summary_top)
        draw.card(surface, t, box, fill=p.surface_alt)
        x, y = box.left + t.px(18), box.top + t.px(14)
        width = box.width - t.px(36)
        state = self.state
        c = self._new_contract()
        if c is None:
            draw.text(surface, t.font("body", "bold"), "Cannot commission this", p.bad, (x, y))
            draw.paragraph(surface, t.font("small"), self.why, p.ink,
                           pygame.Rect(x, y + t.font("body").get_linesize() + t.px(6), width, box.height - t.px(60)))
            return
        params = state.game.cfg.approach[self.approach]
        cost = state.capacity - self.preview.capacity
        rows = [
            ("Value", self._value_summary(c)),
            ("Capacity", f"{cost} point{'s' if cost != 1 else ''} of {state.capacity} left"),
            ("Procurement", f"{params.lead} quarter{'s' if params.lead != 1 else ''}: starts {date_text(state, c.start)}"
             if c.start > state.turn else "starts at once"),
            ("Full effect", f"{params.ramp} quarter{'s' if params.ramp != 1 else ''} after it starts"),
            ("Runs to", f"quarter {c.end}, break at quarter {c.break_at}"),
        ]
        if params.trust_gate:
            rows.append(("Trust", f"needs {params.trust_gate:.0f} from {trust_needed(state, self.approach)}: met"))
        label_w = t.px(130)
        for label, value in rows:
            draw.text(surface, t.font("small", "semibold"), label, p.muted, (x, y))
            y = draw.paragraph(surface, t.font("small"), value, p.ink,
                               pygame.Rect(x + label_w, y, width - label_w, t.px(50)), max_lines=2) + t.px(4)
