"""Problem detail: history, contracts, and the approaches open to the player with what they know of each fit.

The fit shown is the engine's fit table read against the domain the player
has placed the problem in — never the true domain, which stays hidden. A
problem still in disorder shows no fit at all: classify it first.
"""

from __future__ import annotations

import pygame

from ...content.wording import APPROACH_BLURBS, approach_label, domain_label
from ...engine import MakeSense
from .. import draw
from ..charts import line_chart
from ..icons import icon
from ..scene import Scene
from .common import approach_capacity, break_words, contract_tooltip, per_year, short_approach, trust_needed
from .contract import ContractDialog

FIT_WORDS = ((1.0, "Strong fit"), (0.75, "Fair fit"), (0.0, "Poor fit"))


def fit_words(fit: float) -> str:
    return next(word for floor, word in FIT_WORDS if fit >= floor)


def perceived_fit(state, pid: str, approach: str) -> float | None:  # noqa: ANN001
    """The fit the player can expect: against their own classification (None while in disorder)."""
    perceived = state.problems[pid].perceived
    if perceived == "disorder":
        return None
    return state.game.cfg.fit[approach][perceived]


class ProblemDetail(Scene):
    name = "problem"

    def __init__(self, app, pid: str) -> None:  # noqa: ANN001
        self.pid = pid
        super().__init__(app)

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        m = t.px(32)
        state = self.state
        spec = state.game.problem[self.pid]
        self.header = pygame.Rect(0, 0, w, t.px(120))
        body = pygame.Rect(m, self.header.bottom + t.px(20), w - 2 * m, h - self.header.bottom - t.px(20) - m)
        self.charts, right = draw.split_cols(body, [0.50, None], gap=m)
        live = [c for c in state.contracts.values() if c.problem == self.pid and c.live]
        contract_h = t.px(70) + max(1, len(live)) * t.px(58)
        self.contracts_card, self.approaches_card = draw.split_rows(right, [contract_h, None], gap=m)
        bh = t.px(50)
        self.button("back", pygame.Rect(w - m - t.px(180), t.px(34), t.px(180), bh), "Back", lambda: self.app.pop(self),
                    tooltip="Return to the previous screen.", shortcut="escape")
        can = len(state.problems[self.pid].candidates) > 1
        cost = state.game.cfg.r.make_sense_cost
        self.button("make_sense", pygame.Rect(w - m - t.px(180) - t.px(12) - t.px(250), t.px(34), t.px(250), bh),
                    f"Make sense ({cost:g})", lambda: self.app.act(MakeSense(self.pid)), enabled=can, shortcut="s",
                    tooltip="Rule out one domain this problem is not in (see the Cynefin map for the evidence). "
                            f"Costs {cost:g} capacity point." if can else "The evidence is already conclusive.")
        self.contract_rows = []
        for i, c in enumerate(live):
            row = pygame.Rect(self.contracts_card.left + t.px(20), self.contracts_card.top + t.px(60) + i * t.px(58),
                              self.contracts_card.width - t.px(40), t.px(50))
            self.contract_rows.append((c.id, row))
            self.button(f"contract:{c.id}", pygame.Rect(row.right - t.px(170), row.top + t.px(4), t.px(170), t.px(42)),
                        "End or change…", lambda cid=c.id: self.app.push(ContractDialog(self.app, cid)),
                        tooltip=contract_tooltip(state, c.id),
                        style="small")
        self.approach_rows = []
        top = self.approaches_card.top + t.px(64)
        row_h = max(t.px(54), min(t.px(76), (self.approaches_card.bottom - top - t.px(12)) // max(1, len(spec.approaches))))
        for i, approach in enumerate(spec.approaches):
            row = pygame.Rect(self.approaches_card.left + t.px(20), top + i * row_h, self.approaches_card.width - t.px(40),
                              row_h - t.px(6))
            self.approach_rows.append((approach, row))
            self.info(f"approach:{approach}", pygame.Rect(row.left, row.top, row.width - t.px(170), row.height),
                      self._approach_tip(approach))
            self.button(f"commission:{approach}", pygame.Rect(row.right - t.px(170), row.centery - t.px(21), t.px(170),
                        t.px(42)), "Commission…", lambda a=approach: self._commission(a), style="small",
                        tooltip=f"Choose a provider, value and length for {approach_label(approach).lower()}.")
        self.bind("c", lambda: self._commission(spec.approaches[0]) if spec.approaches else None)

    def _approach_tip(self, approach: str) -> str:
        state = self.state
        params = state.game.cfg.approach[approach]
        fit = perceived_fit(state, self.pid, approach)
        perceived = domain_label(state.problems[self.pid].perceived).lower()
        lines = [f"{approach_label(approach)}: {APPROACH_BLURBS.get(approach, '')}"]
        if fit is None:
            lines.append("You have not classified this problem, so you cannot judge the fit yet.")
        else:
            lines.append(f"If the problem is {perceived}, as you judge, the fit is {fit:.2f} ({fit_words(fit).lower()}); "
                         "effectiveness scales with it. If your judgement is wrong, so is this.")
        lines.append(f"Procurement: {params.lead} quarter{'s' if params.lead != 1 else ''} before it starts; "
                     f"{params.ramp} more to reach full effect. {approach_capacity(state, approach)}")
        if params.trust_gate:
            lines.append(f"Needs trust of at least {params.trust_gate:.0f} on average among "
                         f"{trust_needed(state, approach)}.")
        return "\n".join(lines)

    def _commission(self, approach: str) -> None:
        from .commission import CommissionDialog

        self.app.push(CommissionDialog(self.app, self.pid, approach))

    # ---------------------------------------------------------------- painting

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        ps = state.problems[self.pid]
        spec = state.game.problem[self.pid]
        m = t.px(32)
        pygame.draw.rect(surface, p.surface, self.header)
        pygame.draw.line(surface, p.line, self.header.bottomleft, self.header.bottomright)
        ic = icon(f"domain:{ps.perceived}", t.px(48), p.domain_ink[ps.perceived])
        surface.blit(ic, (m, t.px(30)))
        x = m + t.px(64)
        draw.text(surface, t.font("h1", "bold"), spec.name, p.ink, (x, t.px(18)), max_width=t.px(900))
        tags = [f"You see it as {domain_label(ps.perceived).lower()}", f"outcome {ps.outcome:.0f}",
                f"demand {ps.demand:,.0f} {spec.demand_unit}"]
        if spec.statutory:
            tags.append("statutory duty")
        if ps.grade:
            tags.append(f"inspected: {ps.grade.replace('_', ' ')}")
        draw.text(surface, t.font("body"), " · ".join(tags), p.muted, (x, t.px(18) + t.font("h1").get_linesize()),
                  max_width=self.app.size[0] - x - t.px(500))
        self._paint_charts(surface)
        self._paint_contracts(surface)
        self._paint_approaches(surface)

    def _paint_charts(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        box = self.charts
        draw.card(surface, t, box)
        draw.text(surface, t.font("large", "bold"), "History", p.ink, (box.left + t.px(20), box.top + t.px(16)))
        snaps = state.snapshots
        labels = ["start"] + [f"Q{i}" for i in range(1, len(snaps))]
        key = f"problem.{self.pid}."
        outcome = [s.get(key + "outcome", 0.0) for s in snaps]
        demand = [s.get(key + "demand", 0.0) for s in snaps]
        funding = [100 * s.get(key + "funding", 0.0) for s in snaps]
        inner = pygame.Rect(box.left + t.px(20), box.top + t.px(60), box.width - t.px(40), box.height - t.px(76))
        rows = draw.split_rows(inner, [None, None, None], gap=t.px(18))
        if len(snaps) < 2:
            draw.text(surface, t.font("small"), "The lines grow as quarters pass.", p.muted,
                      (box.right - t.px(20), box.top + t.px(22)), align="right")
        line_chart(surface, t, rows[0], "Outcome (0–100)", [("outcome", outcome, t.outcome_colour(outcome[-1]))],
                   labels, lambda v: f"{v:.0f}", floor=0, ceiling=100)
        unit = state.game.problem[self.pid].demand_unit
        line_chart(surface, t, rows[1], f"Demand ({unit})", [("demand", demand, p.accent)], labels,
                   lambda v: f"{v:,.0f}")
        line_chart(surface, t, rows[2], "Spend as a share of need (%)", [("funding", funding, p.domain_ink["complex"])],
                   labels, lambda v: f"{v:.0f}%", floor=0, ceiling=100)

    def _paint_contracts(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        card = self.contracts_card
        draw.card(surface, t, card)
        draw.text(surface, t.font("large", "bold"), "Contracts", p.ink, (card.left + t.px(20), card.top + t.px(16)))
        if not self.contract_rows:
            draw.text(surface, t.font("body"), "No service in place: the outcome drifts down.", p.bad,
                      (card.left + t.px(20), card.top + t.px(66)))
        for cid, row in self.contract_rows:
            c = state.contracts[cid]
            name = state.game.provider[c.provider].name
            draw.text(surface, t.font("body", "semibold"), f"{name} · {short_approach(c.approach)}", p.ink,
                      (row.left, row.top), max_width=row.width - t.px(170))
            when = f"starts quarter {c.start}" if c.status == "pending" else f"runs to quarter {c.end}"
            draw.text(surface, t.font("small"), f"{per_year(c.value)} · {when} · {break_words(state, c)}",
                      p.muted, (row.left, row.top + t.font("body").get_linesize()), max_width=row.width - t.px(170))

    def _paint_approaches(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        card = self.approaches_card
        draw.card(surface, t, card)
        draw.text(surface, t.font("large", "bold"), "Approaches you can use", p.ink,
                  (card.left + t.px(20), card.top + t.px(16)))
        perceived = state.problems[self.pid].perceived
        note = "classify it to judge fit" if perceived == "disorder" else f"fit if it is {perceived}"
        draw.text(surface, t.font("small"), note, p.muted, (card.right - t.px(20), card.top + t.px(22)), align="right")
        for approach, row in self.approach_rows:
            params = state.game.cfg.approach[approach]
            draw.text(surface, t.font("body", "semibold"), approach_label(approach), p.ink, (row.left, row.top + t.px(2)),
                      max_width=row.width - t.px(420))
            detail = f"{params.lead}q to start · {params.cost} capacity"
            if params.trust_gate:
                detail += f" · trust {params.trust_gate:.0f}+"
            draw.text(surface, t.font("small"), detail, p.muted, (row.left, row.top + t.px(2) + t.font("body").get_linesize()),
                      max_width=row.width - t.px(420))
            fit = perceived_fit(state, self.pid, approach)
            fx = row.right - t.px(400)
            if fit is None:
                draw.text(surface, t.font("small"), "fit unknown", p.muted, (fx, row.centery - t.px(10)))
            else:
                colour = p.good if fit >= 1.0 else p.warn if fit >= 0.75 else p.bad
                draw.bar(surface, t, pygame.Rect(fx, row.centery - t.px(5), t.px(100), t.px(10)), fit / 1.2, colour)
                draw.text(surface, t.font("small", "semibold"), fit_words(fit), colour,
                          (fx + t.px(112), row.centery - t.px(10)))
