"""One provider: its public signals, its contracts, contingency planning, setting up a council company.

A provider's financial health is hidden; the dialog shows only what a
council would see — warning signals — and lets the player plan for failure.
"""

from __future__ import annotations

import pygame

from ...content.wording import SIGNAL_LABELS, money
from ...engine import Establish, PlanContingency
from .. import draw
from ..icons import icon
from .common import contract_tooltip, per_year, provider_tooltip, provider_type, short_approach
from .dialog import Dialog


class ProviderDialog(Dialog):
    name = "provider"
    design_size = (1100, 760)

    def __init__(self, app, vid: str) -> None:  # noqa: ANN001
        self.vid = vid
        super().__init__(app)

    def describe(self) -> None:
        spec = self.state.game.provider[self.vid]
        self.title = spec.name
        self.subtitle = provider_type(self.state, self.vid) + (" · strategic contractor" if spec.strategic else "")

    def build(self) -> None:
        t = self.theme
        state = self.state
        self.contracts = [c.id for c in state.contracts.values() if c.provider == self.vid and c.live]
        y = self.body.top + t.px(190)
        for cid in self.contracts:
            rect = pygame.Rect(self.body.left, y, self.body.width, t.px(46))
            c = state.contracts[cid]  # the row names what it is for; the whole sentence overran the row
            label = f"{state.game.problem[c.problem].name} · {short_approach(c.approach)} · {per_year(c.value)}"
            self.button(f"contract:{cid}", rect, label, lambda cid=cid: self._contract(cid),
                        style="option", tooltip=contract_tooltip(state, cid))
            y += t.px(54)
        plan, why_plan = self.session.preview(PlanContingency(self.vid))
        cost = state.game.cfg.r.contingency_cost
        items = [("close", "Close", self.close, "Back (Esc).", None, True),
                 ("contingency", f"Plan for failure ({money(cost * 1000)})", lambda: self.app.act(PlanContingency(self.vid)),
                  why_plan or "Work out now how services would continue if this provider failed: softens the blow "
                  f"of a collapse. Costs {money(cost * 1000)} and {state.game.cfg.r.contingency_capacity:g} capacity.",
                  None, plan is not None)]
        spec = state.game.provider[self.vid]
        if spec.type == "council_company" and not state.providers[self.vid].available:
            made, why = self.session.preview(Establish(self.vid))
            items.append(("establish", f"Set it up ({money(spec.setup_cost * 1000)})",
                          lambda: self.app.act(Establish(self.vid)),
                          why or f"Establish the company so it can take contracts: {money(spec.setup_cost * 1000)} "
                          f"and {state.game.cfg.r.establish_cost:g} capacity.", "primary", made is not None))
        self.actions(items)
        if self.ring.focused_key is None:
            self.ring.focus("close", show=False)

    def _contract(self, cid: str) -> None:
        from .contract import ContractDialog

        self.app.push(ContractDialog(self.app, cid))

    def paint_body(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        v = state.providers[self.vid]
        spec = state.game.provider[self.vid]
        ic = icon(f"type:{spec.type}", t.px(72), p.ink)
        surface.blit(ic, (self.body.left, self.body.top))
        signal = "Collapsed" if v.collapsed else SIGNAL_LABELS.get(v.signal, v.signal)
        colour = p.bad if v.collapsed or v.signal == "warning" else p.warn if v.signal == "watch" else p.good
        chip = draw.chip(surface, t, (self.body.left, self.body.top + t.px(90)), signal, colour, p.surface, role="small")
        indent = max(t.px(96), chip.width + t.px(16))  # the text starts right of the signal chip (it ran over it)
        draw.paragraph(surface, t.font("body"), provider_tooltip(state, self.vid), p.ink,
                       pygame.Rect(self.body.left + indent, self.body.top, self.body.width - indent, t.px(150)),
                       max_lines=6)
        draw.text(surface, t.font("large", "bold"), "Contracts" if self.contracts else "No live contracts", p.ink,
                  (self.body.left, self.body.top + t.px(150)))
