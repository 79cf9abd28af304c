"""The council dashboard: the whole council on one screen, and the way to every decision.

Problems (with the player's classification, outcome, demand and funding),
providers (with their public warning signals, never their hidden health)
and contracts, trust with each stakeholder, the news feed, and the quarter,
reserves and capacity. Every row opens what it stands for; every number
explains itself on hover or focus.
"""

from __future__ import annotations

import pygame

from ...content.wording import SIGNAL_LABELS, approach_label, domain_label, feed_text, money
from ...engine import EndTurn
from .. import draw
from ...debrief.build import signed
from ..icons import icon
from ..scene import Scene
from .lobby import room_bar
from .common import (
    contract_tooltip, is_setup, paint_status, per_year, provider_tooltip, provider_type, short_approach, status_strip,
)

PROBLEM_HEADINGS = ("PROBLEM · YOUR CLASSIFICATION", "PROBLEM · YOUR VIEW")
"""the problem column's heading, the shorter one where the long one does not fit (1280×720)"""
HELP = "Tab / arrows: move   Enter: open   M: Cynefin map   B: budget   H: advisor   E: end quarter   Esc: menu"


class Dashboard(Scene):
    name = "dashboard"

    def layout(self) -> None:
        t = self.theme
        w, h = self.app.size
        m = t.px(24)
        self.header = pygame.Rect(0, 0, w, t.px(104))
        self.footer = pygame.Rect(0, h - t.px(40), w, t.px(40))
        self.room = room_bar(self, self.header.bottom)
        top = self.room.rect.bottom if self.room else self.header.bottom
        body = pygame.Rect(m, top + m, w - 2 * m, self.footer.top - top - 2 * m)
        self.problems_card, self.providers_card, right = draw.split_cols(body, [0.40, 0.32, None], gap=m)
        self.trust_card, self.feed_card = draw.split_rows(
            right, [t.px(70) + len(self.state.trust) * t.px(46), None], gap=m)
        self._header_controls()
        self._problem_rows()
        self._provider_rows()
        self._trust_rows()
        self._feed_rows()

    # ---------------------------------------------------------------- layout parts

    def _header_controls(self) -> None:
        t = self.theme
        w = self.app.size[0]
        m = t.px(24)
        bh = t.px(52)
        y = (self.header.height - bh) // 2
        end_w = t.px(220)
        end = pygame.Rect(w - m - end_w, y, end_w, bh)
        end_tip = ("Resolve this quarter: contracts deliver and are paid, outcomes and demand move, trust follows "
                   "results, then the next quarter's events arrive. You will see what changed and why.")
        if self.state.pending:
            end_tip = "An event is waiting for your answer before the quarter can end."
        if self.session.finished:
            self.button("end_turn", end, "Score card  →", self._score_card, tooltip="The game is over: see how it "
                        "went.", shortcut="e", style="primary")
        elif self.session.waiting:
            self.button("end_turn", end, "Take back", self._take_back, tooltip="Your team has ended the quarter and "
                        "the room waits for the others. Take it back to act again this quarter.", shortcut="u")
        else:
            self.button("end_turn", end, "End quarter  →", self._end_turn, tooltip=end_tip, shortcut="e",
                        style="primary")
        x = end.left - t.px(16)
        for key, label, action, shortcut, tip in reversed((
            ("map", "Cynefin map", self._open_map, "m",
             "Place each problem in a Cynefin domain by dragging it, and make sense of the evidence."),
            ("budget", "Budget", self._open_budget, "b",
             "Income, spending on each service, council tax for next April, and contract values."),
            ("advisor", "Advisor", self._open_advisor, "h",
             "Ask for a hint about what needs attention (free; the debrief lists hints used)."),
            ("menu", "Menu", self._open_menu, "escape", "Pause: save, load, settings, or quit." if self.session.local
             else "Pause: settings, or leave the room."),
        )):
            bw = max(t.px(120), t.font("body").size(label)[0] + t.px(36))
            x -= bw
            self.button(key, pygame.Rect(x, y, bw, bh), label, action, tooltip=tip, shortcut=shortcut)
            x -= t.px(10)
        self.nav_left = x
        title_w = t.px(430)
        strip = pygame.Rect(m + title_w, t.px(20), max(t.px(300), self.nav_left - m - title_w - t.px(12)), t.px(70))
        self.strip = strip
        status_strip(self, strip)
        if self.session.local:
            self.bind("ctrl+s", self._open_save)
        self.bind("f1", self._open_advisor)

    def _problem_rows(self) -> None:
        t = self.theme
        card = self.problems_card
        top = card.top + t.px(92)
        n = max(1, len(self.state.problems))
        row_h = max(t.px(46), min(t.px(76), (card.bottom - t.px(10) - top) // n))
        self.problem_rows: list[tuple[str, pygame.Rect]] = []
        for i, pid in enumerate(self.state.problems):
            rect = pygame.Rect(card.left + t.px(8), top + i * row_h, card.width - t.px(16), row_h)
            self.problem_rows.append((pid, rect))
            spec = self.state.game.problem[pid]
            self.hotspot(f"problem:{pid}", rect, lambda pid=pid: self._open_problem(pid),
                         tooltip=f"{spec.name}: open the detail — history, contracts and the approaches open to you.")
            cols = self._problem_cols(rect)
            self.info(f"problem:{pid}:outcome", cols[2], self._outcome_tip(pid))
            self.info(f"problem:{pid}:demand", cols[3], self._demand_tip(pid))
            self.info(f"problem:{pid}:funding", cols[4], self._funding_tip(pid))

    def _problem_cols(self, rect: pygame.Rect) -> list[pygame.Rect]:
        t = self.theme
        return draw.split_cols(rect.inflate(-t.px(12), 0), [t.px(40), None, 0.22, 0.15, 0.16], gap=t.px(12))

    def _provider_rows(self) -> None:
        t = self.theme
        card = self.providers_card
        state = self.state
        y = card.top + t.px(60)
        line = t.font("small").get_linesize() + t.px(4)
        head = t.px(46)
        self.provider_rows: list[tuple[str, pygame.Rect, list[tuple[str, pygame.Rect]]]] = []
        shown = [vid for vid, v in state.providers.items()
                 if v.available or v.collapsed or state.game.provider[vid].type == "council_company"]
        hidden = 0
        for vid in shown:
            contracts = [c.id for c in state.contracts.values() if c.provider == vid and c.live]
            height = head + len(contracts) * line + (t.px(6) if contracts else 0)
            if y + height > card.bottom - t.px(8):
                hidden += 1
                continue
            rect = pygame.Rect(card.left + t.px(8), y, card.width - t.px(16), head)
            self.hotspot(f"provider:{vid}", rect, lambda vid=vid: self._open_provider(vid),
                         tooltip=provider_tooltip(state, vid))
            lines = []
            for j, cid in enumerate(contracts):
                r = pygame.Rect(card.left + t.px(60), y + head + j * line, card.width - t.px(76), line)
                lines.append((cid, r))
                self.hotspot(f"contract:{cid}", r, lambda cid=cid: self._open_contract(cid),
                             tooltip=contract_tooltip(state, cid))
            self.provider_rows.append((vid, rect, lines))
            y += height
        self.providers_hidden = hidden

    def _trust_rows(self) -> None:
        t = self.theme
        card = self.trust_card
        self.trust_rows: list[tuple[str, pygame.Rect]] = []
        for i, sid in enumerate(self.state.trust):
            rect = pygame.Rect(card.left + t.px(16), card.top + t.px(60) + i * t.px(46), card.width - t.px(32), t.px(42))
            self.trust_rows.append((sid, rect))
            self.info(f"trust:{sid}", rect, self._trust_tip(sid))

    def _feed_rows(self) -> None:
        t = self.theme
        card = self.feed_card
        font = t.font("small")
        width = card.width - t.px(32) - t.px(58)
        y = card.top + t.px(56)
        self.feed_items: list[tuple[int, list[str], int]] = []
        for item in reversed(list(self.state.feed)):
            if is_setup(self.state, item):
                continue
            lines = draw.wrap(font, feed_text(self.state, item), width, 3)
            height = len(lines) * font.get_linesize() + t.px(10)
            if y + height > card.bottom - t.px(8):
                break
            self.feed_items.append((item[0], lines, y))
            y += height

    # ---------------------------------------------------------------- tooltips

    def _last(self, key: str) -> float | None:
        snaps = self.state.snapshots
        if len(snaps) < 2:
            return None
        return snaps[-1].get(key, 0.0) - snaps[-2].get(key, 0.0)

    def _outcome_tip(self, pid: str) -> str:
        p = self.state.problems[pid]
        start = self.state.game.problem[pid].outcome
        last = self._last(f"problem.{pid}.outcome")
        moved = f" ({signed(last)} last quarter)" if last is not None else ""
        grade = f" Last inspection: {p.grade.replace('_', ' ')}." if p.grade else ""
        return (f"Outcome {p.outcome:.0f} out of 100{moved}; {start:.0f} at the start. Outcomes move toward the level "
                f"the services on this problem achieve: fit to the true domain × provider quality × trust × "
                f"funding.{grade}")

    def _demand_tip(self, pid: str) -> str:
        p = self.state.problems[pid]
        spec = self.state.game.problem[pid]
        change = 100 * (p.demand - spec.demand) / spec.demand
        return (f"Demand: {p.demand:,.0f} {spec.demand_unit} ({signed(change)}% since the start), growing "
                f"{signed(p.trend * 100, 2)}% a quarter. Poor outcomes add failure demand; prevention bends growth "
                "down after a lag.")

    def _funding_tip(self, pid: str) -> str:
        spend = sum(c.value for c in self.state.contracts.values() if c.problem == pid and c.status == "active")
        need = self.state.game.need(pid, self.state.problems[pid].demand)
        share = spend / need if need else 0
        cap = self.state.game.cfg.r.funding_cap
        return (f"Funding: active contracts pay {per_year(spend)}, {share:.0%} of the {per_year(need)} that meeting "
                f"today's demand costs at a standard price. Above {cap:.0%} buys nothing more; with nothing active "
                "the outcome drifts down.")

    def _trust_tip(self, sid: str) -> str:
        state = self.state
        s = state.game.stakeholder[sid]
        last = self._last(f"trust.{sid}")
        moved = f" ({signed(last)} last quarter)" if last is not None else ""
        gates = [f"{approach_label(a).lower()} (needs {params.trust_gate:.0f})"
                 for a, params in state.game.cfg.approach.items() if sid in params.trust_with and params.trust_gate]
        cares = [state.game.problem[pid].name for pid in state.game.caring.get(sid, ())]
        lines = [f"{s.name}: trust {state.trust[sid]:.0f} out of 100{moved}."]
        if s.description:
            lines.append(s.description)
        if cares:
            lines.append("Follows the outcomes of " + ", ".join(cares) + ".")
        if gates:
            lines.append("Counts toward the trust needed for " + ", ".join(gates) + ".")
        return "\n".join(lines)

    # ---------------------------------------------------------------- actions

    def _end_turn(self) -> None:
        self.app.act(EndTurn())

    def _take_back(self) -> None:
        outcome = self.session.take_back()  # type: ignore[attr-defined]  # only a room's session waits
        if not outcome.ok:
            self.app.toast(outcome.message, "bad")
        self.app.state_changed()

    def _score_card(self) -> None:
        self.app.next_step()

    def _open_map(self) -> None:
        from .cynefin import CynefinMap

        self.app.push(CynefinMap(self.app))

    def _open_budget(self) -> None:
        from .budget import Budget

        self.app.push(Budget(self.app))

    def _open_advisor(self) -> None:
        from .advisor import Advisor

        self.app.push(Advisor(self.app))

    def _open_menu(self) -> None:
        from .pause import PauseMenu

        self.app.push(PauseMenu(self.app))

    def _open_save(self) -> None:
        from .saves import SaveLoad

        self.app.push(SaveLoad(self.app, mode="save"))

    def _open_problem(self, pid: str) -> None:
        from .problem import ProblemDetail

        self.app.push(ProblemDetail(self.app, pid))

    def _open_provider(self, vid: str) -> None:
        from .provider import ProviderDialog

        self.app.push(ProviderDialog(self.app, vid))

    def _open_contract(self, cid: str) -> None:
        from .contract import ContractDialog

        self.app.push(ContractDialog(self.app, cid))

    def on_escape(self) -> None:
        self._open_menu()

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """The room's bar, drawn every frame so its clock ticks without repainting the dashboard."""
        if self.room is not None:
            self.room.draw(surface)

    # ---------------------------------------------------------------- painting

    def paint(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        pygame.draw.rect(surface, p.surface, self.header)
        pygame.draw.line(surface, p.line, self.header.bottomleft, self.header.bottomright, max(1, t.px(1.5)))
        info = self.state.game.pack.info
        m = t.px(24)
        draw.text(surface, t.font("h2", "bold"), info.place or info.title, p.ink, (m, t.px(22)), max_width=t.px(420))
        draw.text(surface, t.font("small"), info.title, p.muted, (m, t.px(22) + t.font("h2").get_linesize()),
                  max_width=t.px(420))
        paint_status(self, surface, self.strip)
        self._paint_problems(surface)
        self._paint_providers(surface)
        self._paint_trust(surface)
        self._paint_feed(surface)
        keys = HELP.replace("E: end quarter", "U: take back") if self.session.waiting else HELP
        draw.text(surface, t.font("tiny"), keys, p.muted, (m, self.footer.top + t.px(10)),
                  max_width=self.footer.width - 2 * m)

    def _card(self, surface: pygame.Surface, rect: pygame.Rect, title: str, note: str = "") -> None:
        t = self.theme
        draw.card(surface, t, rect)
        draw.text(surface, t.font("large", "bold"), title, t.palette.ink, (rect.left + t.px(20), rect.top + t.px(16)))
        if note:
            draw.text(surface, t.font("small"), note, t.palette.muted, (rect.right - t.px(20), rect.top + t.px(20)),
                      align="right")

    def _paint_problems(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        card = self.problems_card
        self._card(surface, card, "Problems", "select one for detail")
        small, tiny = t.font("small"), t.font("tiny", "semibold")
        if self.problem_rows:
            cols = self._problem_cols(self.problem_rows[0][1])
            y = card.top + t.px(62)
            first = next(label for label in PROBLEM_HEADINGS if draw.fit(tiny, label, cols[1].width) == label
                         or label == PROBLEM_HEADINGS[-1])
            for col, label in zip(cols[1:], (first, "OUTCOME", "DEMAND", "FUNDING")):
                draw.text(surface, tiny, label, p.muted, (col.left, y), max_width=col.width)
        snaps = state.snapshots
        for i, (pid, rect) in enumerate(self.problem_rows):
            ps = state.problems[pid]
            spec = state.game.problem[pid]
            cols = self._problem_cols(rect)
            if i:
                pygame.draw.line(surface, t.tint(p.line, 0.4), (rect.left + t.px(8), rect.top),
                                 (rect.right - t.px(8), rect.top))
            ink = p.domain_ink[ps.perceived]
            size = min(cols[0].width, rect.height - t.px(16))
            pygame.draw.circle(surface, p.domain_fill[ps.perceived], cols[0].center, size // 2 + t.px(4))
            surface.blit(icon(f"domain:{ps.perceived}", round(size * 0.7), ink),
                         icon(f"domain:{ps.perceived}", round(size * 0.7), ink).get_rect(center=cols[0].center))
            name_font = t.font("body", "semibold")
            y = rect.centery - (name_font.get_linesize() + small.get_linesize()) // 2
            draw.text(surface, name_font, spec.name, p.ink, (cols[1].left, y), max_width=cols[1].width)
            tags = [domain_label(ps.perceived).split(" (")[0]]
            if spec.statutory:
                tags.append("statutory")
            if ps.grade:
                tags.append(ps.grade.replace("_", " "))
            if ps.perceived != "disorder" and len(ps.candidates) == 1:
                tags[0] += " ✓"
            draw.text(surface, small, " · ".join(tags), ink if ps.perceived != "disorder" else p.muted,
                      (cols[1].left, y + name_font.get_linesize()), max_width=cols[1].width)
            # outcome: bar and number
            oc = cols[2]
            bar_h = t.px(10)
            num_w = t.px(44)
            bar_rect = pygame.Rect(oc.left, rect.centery - bar_h // 2, oc.width - num_w, bar_h)
            start = snaps[0].get(f"problem.{pid}.outcome", spec.outcome) if snaps else spec.outcome
            draw.bar(surface, t, bar_rect, ps.outcome / 100, t.outcome_colour(ps.outcome), marker=start / 100)
            draw.text(surface, t.font("body", "bold"), f"{ps.outcome:.0f}", p.ink,
                      (oc.right, rect.centery - t.font("body").get_height() // 2), align="right")
            # demand
            dc = cols[3]
            change = 100 * (ps.demand - spec.demand) / spec.demand
            arrow = "▲" if ps.trend > 0.0005 else "▼" if ps.trend < -0.0005 else "■"
            draw.text(surface, t.font("body", "semibold"), f"{ps.demand:,.0f}", p.ink, (dc.left, y), max_width=dc.width)
            trend_colour = p.bad if ps.trend > 0.0005 else p.good if ps.trend < -0.0005 else p.muted
            draw.text(surface, small, f"{arrow} {signed(change, 0)}%", trend_colour,
                      (dc.left, y + name_font.get_linesize()), max_width=dc.width)
            # funding
            fc = cols[4]
            spend = sum(c.value for c in state.contracts.values() if c.problem == pid and c.status == "active")
            need = state.game.need(pid, ps.demand)
            share = spend / need if need else 0.0
            colour = p.bad if share < 0.6 else p.warn if share < 0.9 else p.ink
            draw.text(surface, t.font("body", "semibold"), f"{share:.0%}" if spend else "none", colour,
                      (fc.left, y), max_width=fc.width)
            live = len([c for c in state.contracts.values() if c.problem == pid and c.live])
            draw.text(surface, small, f"{live} contract{'s' if live != 1 else ''}", p.muted,
                      (fc.left, y + name_font.get_linesize()), max_width=fc.width)

    def _paint_providers(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        card = self.providers_card
        live = sum(1 for c in state.contracts.values() if c.live)
        self._card(surface, card, "Providers and contracts", f"{live} contract{'s' if live != 1 else ''}")
        small = t.font("small")
        for vid, rect, lines in self.provider_rows:
            v = state.providers[vid]
            spec = state.game.provider[vid]
            ic = icon(f"type:{spec.type}", t.px(30), p.muted if not v.available else p.ink)
            surface.blit(ic, (rect.left + t.px(10), rect.top + (rect.height - ic.get_height()) // 2))
            x = rect.left + t.px(52)
            name_font = t.font("body", "semibold")
            colour = p.muted if (v.collapsed or not v.available) else p.ink
            chip_room = t.px(150)
            draw.text(surface, name_font, spec.name, colour, (x, rect.top + t.px(4)),
                      max_width=rect.width - t.px(60) - chip_room)
            sub = provider_type(state, vid) + (" · strategic" if spec.strategic else "")
            draw.text(surface, t.font("tiny"), sub, p.muted, (x, rect.top + t.px(4) + name_font.get_linesize()))
            status, fill, ink = self._provider_status(vid)
            if status:
                font = t.font("tiny", "semibold")
                chip_w = font.size(status)[0] + t.px(14)
                draw.chip(surface, t, (rect.right - chip_w - t.px(6), rect.top + t.px(10)), status, fill, ink)
            for cid, r in lines:
                c = state.contracts[cid]
                pname = state.game.problem[c.problem].name
                when = f"from Q{c.start}" if c.status == "pending" else f"to Q{c.end}"
                label = f"{pname} · {short_approach(c.approach)} · {money(c.value * 4)}/yr · {when}"
                pygame.draw.circle(surface, p.accent if c.status == "active" else p.line,
                                   (r.left - t.px(12), r.centery), t.px(4))
                draw.text(surface, small, label, p.ink if c.status == "active" else p.muted, (r.left, r.top + t.px(2)),
                          max_width=r.width)
        if self.providers_hidden:
            draw.text(surface, small, f"+ {self.providers_hidden} more providers (see each problem's detail)", p.muted,
                      (card.left + t.px(20), card.bottom - t.px(30)))

    def _provider_status(self, vid: str) -> tuple[str, tuple, tuple]:
        t = self.theme
        p = t.palette
        v = self.state.providers[vid]
        if v.collapsed:
            return "Collapsed", p.bad, p.surface
        if not v.available:
            return "Not set up", t.tint(p.muted, 0.8), p.ink
        if v.signal == "warning":
            return SIGNAL_LABELS["warning"], p.bad, p.surface
        if v.signal == "watch":
            return SIGNAL_LABELS["watch"], t.tint(p.warn, 0.6), p.ink
        if v.contingency:
            return "Contingency plan", t.tint(p.good, 0.8), p.ink
        return "", p.surface, p.ink

    def _paint_trust(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        state = self.state
        self._card(surface, self.trust_card, "Trust", "0–100")
        for sid, rect in self.trust_rows:
            name_w = round(rect.width * 0.45)
            value = state.trust[sid]
            s = state.game.stakeholder[sid]
            ic = icon(sid, t.px(24), p.ink)
            surface.blit(ic, (rect.left, rect.centery - ic.get_height() // 2))
            draw.text(surface, t.font("small", "semibold"), s.name, p.ink,
                      (rect.left + t.px(34), rect.centery - t.font("small").get_height() // 2), max_width=name_w)
            bar_rect = pygame.Rect(rect.left + t.px(34) + name_w + t.px(8), rect.centery - t.px(6),
                                   rect.width - name_w - t.px(34) - t.px(70), t.px(12))
            start = state.snapshots[0].get(f"trust.{sid}", value) if state.snapshots else value
            draw.bar(surface, t, bar_rect, value / 100, t.trust_colour(value), marker=start / 100)
            draw.text(surface, t.font("body", "bold"), f"{value:.0f}", p.ink,
                      (rect.right, rect.centery - t.font("body").get_height() // 2), align="right")
            last = self._last(f"trust.{sid}")
            if last is not None and abs(last) >= 0.5:
                colour = p.good if last > 0 else p.bad
                draw.text(surface, t.font("tiny", "semibold"), signed(last, 0), colour,
                          (rect.right - t.px(40), rect.centery - t.font("tiny").get_height() // 2), align="right")

    def _paint_feed(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        self._card(surface, self.feed_card, "News", f"quarter {self.state.turn}")
        small = t.font("small")
        x = self.feed_card.left + t.px(16)
        for turn, lines, y in self.feed_items:
            draw.chip(surface, t, (x, y), f"Q{turn}", t.tint(p.accent, 0.85) if turn == self.state.turn
                      else t.tint(p.line, 0.5), p.ink)
            for j, line in enumerate(lines):
                draw.text(surface, small, line, p.ink if turn == self.state.turn else p.muted,
                          (x + t.px(58), y + j * small.get_linesize()))
        if not self.feed_items:
            draw.text(surface, small, "Nothing yet: news appears as the quarters pass.", p.muted,
                      (x, self.feed_card.top + t.px(60)))
