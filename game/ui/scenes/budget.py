"""The budget: income by source, spending by service from the ledger, council tax, contract values."""

from __future__ import annotations

import pygame

from ...content.wording import explain_text, money
from ...engine import SetCouncilTax
from ...engine.calendar import financial_year, fy_label
from .. import draw
from ..scene import Scene
from .common import date_of, paint_status, per_year, short_approach, status_strip
from .contract import ContractDialog, trust_moves

TAX_STEP = 0.5
ACCOUNT_LABELS = {
    "spend:fixed": "Running the rest of the council", "spend:penalties": "Contract penalties",
    "spend:emergency": "Emergency cover after a collapse", "spend:contingency": "Contingency planning",
    "spend:setup": "Setting up companies", "events": "One-off costs and windfalls",
}


def spending(state, turns: set[int]) -> dict[str, int]:  # noqa: ANN001
    """£k spent (net) by ledger account over the given turns, biggest first."""
    out: dict[str, int] = {}
    for turn, debit, credit, amount, _cause, _key in state.ledger:
        if turn not in turns:
            continue
        if credit == "reserves" and debit != "reserves" and not debit.startswith("income:"):
            out[debit] = out.get(debit, 0) + amount
        elif debit == "reserves" and (credit.startswith("spend:") or credit == "events"):
            out[credit] = out.get(credit, 0) - amount
    return dict(sorted(out.items(), key=lambda kv: -abs(kv[1])))


def account_label(state, account: str) -> str:  # noqa: ANN001
    kind, _, rest = account.partition(":")
    if kind == "spend" and rest in state.game.problem:
        return state.game.problem[rest].name
    return ACCOUNT_LABELS.get(account, account)


class Budget(Scene):
    name = "budget"

    def __init__(self, app) -> None:  # noqa: ANN001
        self.rise = 0.0
        super().__init__(app)

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        m = t.px(28)
        state = self.state
        self.header = pygame.Rect(0, 0, w, t.px(104))
        body = pygame.Rect(m, self.header.bottom + m, w - 2 * m, h - self.header.bottom - 2 * m)
        left, self.spend_card = draw.split_cols(body, [0.34, None], gap=m)
        self.income_card, self.tax_card = draw.split_rows(left, [t.px(300), None], gap=m)
        self.button("back", pygame.Rect(w - m - t.px(200), t.px(26), t.px(200), t.px(52)), "Back to council",
                    lambda: self.app.pop(self), tooltip="Return to the dashboard.", shortcut="escape")
        self.strip = pygame.Rect(m + t.px(300), t.px(20), w - 2 * m - t.px(300) - t.px(230), t.px(70))
        status_strip(self, self.strip)
        # council tax
        cap = state.game.pack.info.budget.council_tax_cap
        floor = state.game.cfg.r.council_tax_floor
        self.rise = max(floor, min(cap, self.rise))
        tc = self.tax_card
        row = pygame.Rect(tc.left + t.px(20), tc.top + t.px(150), tc.width - t.px(40), t.px(50))
        self.tax_row = row
        self.button("tax:less", pygame.Rect(row.left, row.top, t.px(56), row.height), "−", lambda: self._nudge(-1),
                    style="small", tooltip="A smaller rise (or a cut).", shortcut="-")
        self.button("tax:more", pygame.Rect(row.right - t.px(56), row.top, t.px(56), row.height), "+",
                    lambda: self._nudge(1), style="small", tooltip=f"A bigger rise (the cap is {cap:g}%).", shortcut="=")
        self.tax_preview, self.tax_why = self.session.preview(SetCouncilTax(self.rise))
        self.button("tax:set", pygame.Rect(tc.left + t.px(20), tc.bottom - t.px(72), tc.width - t.px(40), t.px(52)),
                    f"Set {self.rise:+.1f}% from April", lambda: self.app.act(SetCouncilTax(self.rise)),
                    style="primary", enabled=self.tax_preview is not None,
                    tooltip=self.tax_why or "Declare next year's council tax change. Residents and members feel a "
                    "rise now; the income arrives from April. It can be set once a year.")
        # contracts: change value
        live = [c for c in state.contracts.values() if c.status == "active"]
        self.contract_rows = []
        y = self.spend_card.top + t.px(64)
        line = t.px(44)
        half = self.spend_card.width // 2
        for c in sorted(live, key=lambda c: -c.value):
            if y + line > self.spend_card.bottom - t.px(10):
                break
            rect = pygame.Rect(self.spend_card.left + half + t.px(10), y, half - t.px(30), line - t.px(6))
            self.contract_rows.append((c.id, rect))
            self.button(f"vary:{c.id}", rect, "", lambda cid=c.id: self.app.push(ContractDialog(self.app, cid)),
                        style="option",
                        tooltip=f"{state.game.problem[c.problem].name} with {state.game.provider[c.provider].name}: "
                                f"{per_year(c.value)}. Select to change its value or end it.")
            y += line
        self.spend_rows = spending(state, {state.turn - 1}) if state.turn > 1 else {}
        year, quarter = date_of(state)
        fy = financial_year(year, quarter)
        fy_turns = {turn for turn in range(1, state.turn + 1) if financial_year(*date_of(state, turn)) == fy}
        self.year_rows = spending(state, fy_turns)
        self.fy = fy_label(year, quarter)

    def _nudge(self, direction: int) -> None:
        cap = self.state.game.pack.info.budget.council_tax_cap
        floor = self.state.game.cfg.r.council_tax_floor
        value = round((self.rise + direction * TAX_STEP) / TAX_STEP) * TAX_STEP
        if direction > 0 and self.rise < cap < value:
            value = cap
        self.rise = max(floor, min(cap, value))
        shown, focus = self.ring.visible, self.ring.focused_key
        self.rebuild()
        self.ring.focus(focus, show=shown)
        self.app.request_redraw()

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        pygame.draw.rect(surface, p.surface, self.header)
        pygame.draw.line(surface, p.line, self.header.bottomleft, self.header.bottomright)
        draw.text(surface, t.font("h2", "bold"), "Budget", p.ink, (t.px(28), t.px(22)))
        draw.text(surface, t.font("small"), f"Financial year {self.fy}", p.muted,
                  (t.px(28), t.px(22) + t.font("h2").get_linesize()))
        paint_status(self, surface, self.strip)
        # income
        ic = self.income_card
        draw.card(surface, t, ic)
        draw.text(surface, t.font("large", "bold"), "Income a year", p.ink, (ic.left + t.px(20), ic.top + t.px(16)))
        y = ic.top + t.px(64)
        for source, amount in state.income.items():
            draw.text(surface, t.font("body"), explain_text(f"explain.income_{source}").capitalize(), p.ink,
                      (ic.left + t.px(20), y))
            draw.text(surface, t.font("body", "semibold"), money(amount), p.ink, (ic.right - t.px(20), y), align="right")
            y += t.font("body").get_linesize() + t.px(8)
        pygame.draw.line(surface, p.line, (ic.left + t.px(20), y), (ic.right - t.px(20), y))
        draw.text(surface, t.font("body", "bold"), "Total", p.ink, (ic.left + t.px(20), y + t.px(8)))
        draw.text(surface, t.font("body", "bold"), money(sum(state.income.values())), p.ink,
                  (ic.right - t.px(20), y + t.px(8)), align="right")
        # council tax
        tc = self.tax_card
        draw.card(surface, t, tc)
        draw.text(surface, t.font("large", "bold"), "Council tax for next April", p.ink, (tc.left + t.px(20), tc.top + t.px(16)))
        cap = state.game.pack.info.budget.council_tax_cap
        note = (f"Declared: {state.tax_rise:+.1f}% from April." if state.tax_rise is not None
                else f"Up to {cap:g}% without a referendum; once a year.")
        draw.paragraph(surface, t.font("small"), note, p.muted,
                       pygame.Rect(tc.left + t.px(20), tc.top + t.px(58), tc.width - t.px(40), t.px(80)))
        r = self.tax_row
        draw.text(surface, t.font("h2", "bold"), f"{self.rise:+.1f}%", p.ink,
                  (r.centerx, r.centery - t.font("h2").get_height() // 2), align="center")
        y = r.bottom + t.px(16)
        income = state.income["council_tax"] * self.rise / 100
        draw.text(surface, t.font("body"), f"Income from April: {'+' if income >= 0 else '−'}{money(abs(income))} a year",
                  p.ink, (tc.left + t.px(20), y))
        y += t.font("body").get_linesize() + t.px(4)
        if self.tax_preview is not None:
            for name, delta in trust_moves(state, self.tax_preview):
                draw.text(surface, t.font("body"), f"Trust: {name} {delta:+.1f}", p.bad if delta < 0 else p.good,
                          (tc.left + t.px(20), y))
                y += t.font("body").get_linesize()
        elif self.tax_why:  # once declared, the refusal is a fact of the calendar, not a mistake
            draw.paragraph(surface, t.font("small"), self.tax_why, p.bad if state.tax_rise is None else p.muted,
                           pygame.Rect(tc.left + t.px(20), y, tc.width - t.px(40), tc.bottom - t.px(90) - y), max_lines=3)
        # spending
        sc = self.spend_card
        draw.card(surface, t, sc)
        half = sc.width // 2
        draw.text(surface, t.font("large", "bold"), "Spending by service", p.ink, (sc.left + t.px(20), sc.top + t.px(16)))
        draw.text(surface, t.font("large", "bold"), "Contracts running", p.ink, (sc.left + half + t.px(10), sc.top + t.px(16)))
        x0, x1, x2 = sc.left + t.px(20), sc.left + half - t.px(150), sc.left + half - t.px(20)
        y = sc.top + t.px(64)
        draw.text(surface, t.font("tiny", "semibold"), "LAST QUARTER", p.muted, (x1, y), align="right")
        draw.text(surface, t.font("tiny", "semibold"), f"YEAR {self.fy}", p.muted, (x2, y), align="right")
        y += t.font("tiny").get_linesize() + t.px(6)
        if not self.year_rows:
            draw.paragraph(surface, t.font("body"), "Nothing spent yet this year: the first quarter's bills arrive "
                           "when it ends.", p.muted, pygame.Rect(x0, y, half - t.px(40), t.px(90)))
        for account, amount in self.year_rows.items():
            if y > sc.bottom - t.px(40):
                break
            draw.text(surface, t.font("body"), account_label(state, account), p.ink, (x0, y), max_width=x1 - x0 - t.px(110))
            draw.text(surface, t.font("body"), money(self.spend_rows.get(account, 0)), p.muted, (x1, y), align="right")
            draw.text(surface, t.font("body", "semibold"), money(amount), p.ink, (x2, y), align="right")
            y += t.font("body").get_linesize() + t.px(6)

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Contract rows are blank buttons: their text is painted over them."""
        t = self.theme
        p = self.theme.palette
        for cid, rect in self.contract_rows:
            c = self.state.contracts[cid]
            label = f"{self.state.game.problem[c.problem].name} · {short_approach(c.approach)}"
            draw.text(surface, t.font("small"), label, p.ink, (rect.left + t.px(14), rect.centery - t.px(10)),
                      max_width=rect.width - t.px(150))
            draw.text(surface, t.font("small", "bold"), per_year(c.value), p.ink,
                      (rect.right - t.px(14), rect.centery - t.px(10)), align="right")
