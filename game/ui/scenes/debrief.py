"""The debrief on screen (DESIGN §6): what happened, why, and what the real council did, a page at a time.

It shows the model `game.debrief.build_debrief` makes — the same one the
HTML report renders — and never recomputes any of it: the score card, the
charts over the quarters, the three decisions that mattered most with what
they caused, the player's Cynefin map beside the true domains and the fit of
each approach chosen, the real council's path when the pack has one, the
events and answers, and the hints used. Tabs keep each page readable at
1280×720; 1–6 or Tab and Enter move between them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable, Sequence

import pygame

from ...content.wording import GRADE_LABELS, domain_label, money
from ...debrief import CynefinEntry, Debrief, build_debrief, write_html
from ...debrief.build import signed
from ...debrief.charts import PALETTE
from .. import draw
from ..charts import line_chart
from ..icons import icon
from ..theme import Colour, hex_colour
from .cynefin import PRACTICE, QUADRANT
from .dialog import Dialog, esc
from .game_over import COMPONENT_LABELS

if TYPE_CHECKING:
    from ..app import App

TABS = (("score", "Score card"), ("charts", "Charts"), ("decisions", "Decisions that mattered"),
        ("cynefin", "Cynefin map"), ("history", "What really happened"), ("events", "Events and hints"))
VERDICT_WORDS = {"good": "good fit", "workable": "workable fit", "poor": "poor fit"}


def export_debrief(app: "App", debrief: Debrief) -> None:
    """Write the debrief as one HTML file beside the saves folder and say where (or why not)."""
    from ...saves import saves_dir

    target = saves_dir().parent / "debriefs" / f"{app.session.state.game.pack.info.id}-debrief.html"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_html(debrief, target)
    except OSError as exc:
        app.toast(f"Could not write the debrief: {exc.strerror or exc}", "bad")
        return
    app.toast(f"Debrief written to {target}", "good")


def capital(text: str) -> str:
    """A decision's title starts a sentence on screen ('turn 4: commissioned …' → 'Turn 4: commissioned …')."""
    return text[:1].upper() + text[1:]


def quarters(turns: Sequence[int]) -> str:
    """'quarter 5' or 'quarters 5, 9 and 13'."""
    if len(turns) == 1:
        return f"quarter {turns[0]}"
    return f"quarters {', '.join(map(str, turns[:-1]))} and {turns[-1]}"


class DebriefScreen(Dialog):
    name = "debrief"
    design_size = (1860, 1040)

    def __init__(self, app: "App", tab: str = "score") -> None:
        session = app.session
        assert session is not None
        self.debrief = build_debrief(session.state, session.hints_used)
        self.tab = tab
        self.html: dict[str, str] = {}
        """the rich text each text box of the current tab shows, by control key"""
        super().__init__(app)

    @property
    def tabs(self) -> list[tuple[str, str]]:
        """The pages this debrief has (no 'what really happened' for a pack without history)."""
        return [(k, label) for k, label in TABS if k != "history" or self.debrief.history is not None]

    def describe(self) -> None:
        d = self.debrief
        self.title = f"Debrief: {d.scenario}"
        self.subtitle = f"{d.place + ' · ' if d.place else ''}{d.period}. {d.ending}"

    def build(self) -> None:
        t = self.theme
        tabs = self.tabs
        if self.tab not in dict(tabs):
            self.tab = tabs[0][0]
        bar = pygame.Rect(self.body.left, self.body.top, self.body.width, t.px(50))
        x = bar.left
        font = t.font("body", "bold")
        for i, (key, label) in enumerate(tabs, start=1):
            width = font.size(f"{i}  {label}")[0] + t.px(36)
            self.button(f"tab:{key}", pygame.Rect(x, bar.top, width, bar.height), f"{i}  {label}",
                        lambda k=key: self.show(k), style="option_chosen" if key == self.tab else "option",
                        tooltip=f"Open the page '{label}'.", shortcut=str(i))
            x += width + t.px(8)
        self.content = pygame.Rect(self.body.left, bar.bottom + t.px(18), self.body.width,
                                   self.body.bottom - bar.bottom - t.px(18))
        self.html = {}
        getattr(self, f"_build_{self.tab}")()
        self.actions([
            ("export", "Export debrief (HTML)", self._export, "Write this debrief as one HTML file you can keep, "
             "print or send to a tutor (X).", None, True),
            ("close", "Back", self.close, "Back to the score card (Esc).", "primary", True),
        ])
        self.bind("x", self._export)
        if self.ring.focused_key is None:
            self.ring.focus(f"tab:{self.tab}", show=False)

    def show(self, tab: str) -> None:
        """Open another page; the keyboard focus stays on the tab that opened it."""
        self.tab = tab
        shown = self.ring.visible
        self.rebuild()
        self.ring.focus(f"tab:{tab}", show=shown)
        self.app.request_redraw()

    def on_state_changed(self) -> None:
        """The debrief is of a finished game: nothing it shows can change."""

    def _export(self) -> None:
        export_debrief(self.app, self.debrief)

    def _box(self, key: str, rect: pygame.Rect, html: str, tooltip: str) -> None:
        self.html[key] = html
        self.text_box(key, rect, html, tooltip)

    # ---------------------------------------------------------------- pages: layout

    def _build_score(self) -> None:
        t = self.theme
        self.grade_rect, rest = draw.split_cols(self.content, [0.24, None], gap=t.px(28))
        self._box("score.card", rest, self._score_html(), "How the score adds up. Scroll with the arrow keys.")
        card = self.debrief.card
        self.info("grade", self.grade_rect, f"Total {card.total:.1f} out of 100: grade {card.grade}. Each part is "
                  "scored out of 100 and counts for the share shown beside it.")

    def _build_charts(self) -> None:
        t = self.theme
        top, bottom = draw.split_rows(self.content, [None, None], gap=t.px(20))
        self.chart_cells = [*draw.split_cols(top, [None, None], gap=t.px(28)),
                            *draw.split_cols(bottom, [None, None], gap=t.px(28))]
        for (key, title, _, _), cell in zip(self._charts(), self.chart_cells):
            self.info(f"chart:{key}", cell, title)

    def _build_decisions(self) -> None:
        t = self.theme
        d = self.debrief
        cards_h = round(self.content.height * 0.62)
        cards, rest = draw.split_rows(self.content, [cards_h, None], gap=t.px(20))
        self.decision_cards = list(zip(d.decisions, draw.split_cols(cards, [None] * max(1, len(d.decisions)),
                                                                   gap=t.px(24))))
        for i, (decision, rect) in enumerate(self.decision_cards, start=1):
            self.info(f"decision:{i}", rect, f"{decision.summary}\n" + "\n".join(m.text for m in decision.moves))
        self._box("decisions.more", rest, self._forces_html(), "What else moved the score. Scroll with the arrows.")

    def _build_cynefin(self) -> None:
        t = self.theme
        self.map_rect, rest = draw.split_cols(self.content, [0.5, None], gap=t.px(28))
        self._box("cynefin.fit", rest, self._fit_html(), "Each approach you chose against the problem's true "
                  "domain at the time. Scroll with the arrow keys.")
        for entry, rect, _ in self._map_entries():
            truth = domain_label(entry.true_domain).split(" (")[0].lower()
            placed = domain_label(entry.perceived).split(" (")[0].lower()
            self.info(f"placed:{entry.problem}", rect, f"{entry.name}: you placed it in {placed}; it is {truth}.")

    def _build_history(self) -> None:
        t = self.theme
        left, right = draw.split_cols(self.content, [None, None], gap=t.px(28))
        self._box("history.real", left, self._history_html(), "What the real council did, with sources.")
        self._box("history.yours", right, self._yours_html(), "What you did, quarter by quarter.")

    def _build_events(self) -> None:
        t = self.theme
        left, right = draw.split_cols(self.content, [0.6, None], gap=t.px(28))
        self._box("events.list", left, self._events_html(), "The events that hit and how you answered.")
        self._box("events.hints", right, self._hints_html(), "The advisor's hints you were shown.")

    # ---------------------------------------------------------------- pages: rich text

    def _colour(self, colour: Colour) -> str:
        return "#%02X%02X%02X" % colour

    def _head(self, text: str) -> str:
        return f"<font pixel_size={self.theme.font_px['large']}><b>{esc(text)}</b></font>"

    def _points(self, points: float) -> str:
        p = self.theme.palette
        colour = p.good if points > 0.05 else p.bad if points < -0.05 else p.muted
        return f"<font color='{self._colour(colour)}'><b>{signed(points)} points</b></font>"

    def _score_html(self) -> str:
        d = self.debrief
        card = d.card
        p = self.theme.palette
        muted = self._colour(p.muted)
        out = [self._head("Goals") if d.goals else self._head("How it ended"), esc(d.ending)]
        if d.goals:
            for label, met in d.goals:
                colour = self._colour(p.good if met else p.bad)
                out.append(f"<font color='{colour}'><b>{'met' if met else 'missed'}</b></font>  {esc(label)}")
        out += ["", self._head("Money"), f"Reserves at the end {money(card.reserves * 1000)} "
                f"({money(card.reserves_change * 1000)} since the start); contracts cost "
                f"{money(abs(card.savings) * 1000)} a year {'less' if card.savings >= 0 else 'more'} than at the "
                "start."]
        if d.money_note:
            out.append(f"<font color='{muted}'>{esc(d.money_note)}</font>")
        out += ["", self._head("Outcomes at the end")]
        for pid, value in card.outcomes.items():
            grade = card.inspections.get(pid)
            note = f"  <font color='{muted}'>inspected: {esc(GRADE_LABELS.get(grade, grade).lower())}</font>" \
                if grade else ""
            out.append(f"{esc(d.series.names.get(pid, pid))}  <b>{value:.0f}</b>{note}")
        out += ["", self._head("Trust at the end")]
        out += [f"{esc(d.series.names.get(sid, sid))}  <b>{value:.0f}</b>" for sid, value in card.trust.items()]
        return "<br>".join(out)

    def _forces_html(self) -> str:
        d = self.debrief
        muted = self._colour(self.theme.palette.muted)
        out = [self._head("Beyond your decisions")]
        if not d.forces:
            out.append("No shock or rule outside your decisions moved the score much.")
        for force in d.forces:
            out.append(f"<b>{esc(capital(force.title))}</b>  {self._points(force.points)}  "
                       f"<font color='{muted}'>{esc(force.consequence)}</font>")
        if d.other_decisions:
            out += ["", self._head("Your other decisions, by effect")]
            out += [f"{esc(capital(x.title))}  {self._points(x.points)}"
                    for x in d.other_decisions[:8]]
        return "<br>".join(out)

    def _fit_html(self) -> str:
        p = self.theme.palette
        muted = self._colour(p.muted)
        colours = {"good": p.good, "workable": p.warn, "poor": p.bad}
        out = [self._head("The approaches you chose, against their fit")]
        for entry in self.debrief.cynefin:
            truth = domain_label(entry.true_domain).split(" (")[0].lower()
            placed = domain_label(entry.perceived).split(" (")[0].lower()
            then = " (right when you placed it; it has moved since)" if entry.placed_right_then else ""
            out.append(f"<b>{esc(entry.name)}</b>  <font color='{muted}'>you: {placed} · truly: {truth}{then}</font>")
            awards = [a for a in entry.awards if not a.inherited]
            if not awards:
                out.append(f"    <font color='{muted}'>nothing commissioned by you</font>")
            for a in awards:
                colour = self._colour(colours[a.verdict])
                seen = "" if a.perceived == a.domain else f"; it was {esc(a.domain)}, you saw {esc(a.perceived)}"
                out.append(f"    quarter {a.awarded}: {esc(a.approach_label)}, {esc(a.provider)} — "
                           f"<font color='{colour}'><b>{VERDICT_WORDS[a.verdict]}</b></font> "
                           f"<font color='{muted}'>({a.fit:.2f}{seen})</font>")
        return "<br>".join(out)

    def _history_html(self) -> str:
        history = self.debrief.history
        assert history is not None
        muted = self._colour(self.theme.palette.muted)
        out = [self._head("What the real council did"), esc(history.direction)]
        if history.card is not None:
            mine = self.debrief.card
            out.append(f"Played in this game, the real decisions reach <b>{history.card.total:.1f}</b> "
                       f"(grade {esc(history.card.grade)}); yours reached <b>{mine.total:.1f}</b> "
                       f"(grade {esc(mine.grade)}).")
        if history.steps:
            out += ["", self._head("Their decisions")]
        for s in history.steps:
            why = "" if s.ran else f"  <font color='{muted}'>(could not run here: {esc(s.why_not)})</font>"
            out.append(f"<b>{esc(s.date)}</b>  {esc(s.note)}{why}<br>    <font color='{muted}'>{esc(s.action)} · "
                       f"source: {esc(s.source)}</font>")
        if history.outcomes:
            out += ["", self._head("Documented outcomes")]
        for label, when, source in history.outcomes:
            out.append(f"<b>{esc(when)}</b>  {esc(label)}<br>    <font color='{muted}'>source: {esc(source)}</font>")
        return "<br>".join(out)

    def _yours_html(self) -> str:
        history = self.debrief.history
        assert history is not None
        out = [self._head("What you did")]
        for turn in sorted(history.player):
            out.append(f"<b>Quarter {turn}</b>")
            out += [f"    {esc(text)}" for text in history.player[turn]]
        if not history.player:
            out.append("You made no decisions beyond ending quarters.")
        return "<br>".join(out)

    def _events_html(self) -> str:
        d = self.debrief
        muted = self._colour(self.theme.palette.muted)
        out = [self._head("Events that hit, and your answers")]
        if not d.events:
            out.append("No event hit this council.")
        for e in d.events:
            by_answer: dict[str, list[int]] = {}
            for turn, label in e.answers:
                by_answer.setdefault(label, []).append(turn)
            out.append(f"<b>{esc(e.title)}</b>  <font color='{muted}'>{quarters(e.turns)}</font>  "
                       f"{self._points(e.points)}")
            for label, turns in by_answer.items():
                out.append(f"    You answered: {esc(label)} <font color='{muted}'>({quarters(turns)})</font>")
            moved = "; ".join(m.text for m in e.moves[:4])
            if moved:
                out.append(f"    <font color='{muted}'>What it did: {esc(moved)}</font>")
        return "<br>".join(out)

    def _hints_html(self) -> str:
        used = self.debrief.hints_used
        muted = self._colour(self.theme.palette.muted)
        out = [self._head(f"Hints used: {len(used)}")]
        if not used:
            out.append("You did not ask the advisor. (Asking is free; hints are listed here when you do.)")
        out += [f"<b>Quarter {u.turn}</b> <font color='{muted}'>{esc(u.severity)}</font>  {esc(u.text)}"
                for u in used]
        return "<br>".join(out)

    # ---------------------------------------------------------------- pages: painting

    def paint_body(self, surface: pygame.Surface) -> None:
        painter = getattr(self, f"_paint_{self.tab}", None)
        if painter is not None:
            painter(surface)

    def _paint_score(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        card = self.debrief.card
        box = self.grade_rect
        draw.card(surface, t, box, fill=p.surface_alt)
        colour = p.good if card.won else p.bad if card.failed else p.warn
        radius = min(box.width // 2 - t.px(24), t.px(90))
        centre = (box.centerx, box.top + t.px(24) + radius)
        pygame.draw.circle(surface, t.tint(colour, 0.8), centre, radius)
        pygame.draw.circle(surface, colour, centre, radius, t.px(6))
        big = t.font("display", "bold")
        draw.text(surface, big, card.grade, colour, (centre[0], centre[1] - big.get_height() // 2), align="center")
        y = centre[1] + radius + t.px(18)
        draw.text(surface, t.font("h2", "bold"), f"{card.total:.1f} / 100", p.ink, (box.centerx, y), align="center")
        y += t.font("h2").get_linesize()
        verdict = "A success" if card.won else "Failed" if card.failed else "Not good enough"
        draw.text(surface, t.font("large", "semibold"), verdict, colour, (box.centerx, y), align="center")
        y += t.font("large").get_linesize() + t.px(12)
        weights = self.state.game.pack.info.scoring.weights
        for key, value in card.components.items():
            if y + t.px(40) > box.bottom:
                break
            label = f"{COMPONENT_LABELS.get(key, key)} · {getattr(weights, key):.0%}"
            draw.text(surface, t.font("small"), label, p.ink, (box.left + t.px(18), y), max_width=box.width - t.px(80))
            draw.text(surface, t.font("small", "bold"), f"{value:.0f}", p.ink, (box.right - t.px(18), y), align="right")
            y += t.font("small").get_linesize()
            draw.bar(surface, t, pygame.Rect(box.left + t.px(18), y, box.width - t.px(36), t.px(8)), value / 100,
                     t.outcome_colour(value))
            y += t.px(16)

    def _charts(self) -> list[tuple[str, str, list[tuple[str, Sequence[float], Colour]], Callable[[float], str]]]:
        """(key, title, series, number format) for the four charts, from the debrief's own series."""
        d = self.debrief
        s = d.series
        colours = [hex_colour(c) for c in PALETTE]

        def lines(values: dict[str, tuple[float, ...]]) -> list[tuple[str, Sequence[float], Colour]]:
            return [(s.names.get(k, k), v, colours[i % len(colours)]) for i, (k, v) in enumerate(values.items())]

        reserves = [("your council", s.reserves, colours[0])]
        if d.history is not None and d.history.series is not None:
            reserves.append(("the real council's decisions", d.history.series.reserves, self.theme.palette.muted))
        return [
            ("reserves", "Reserves (£m)", reserves, lambda v: f"£{v:,.0f}m"),
            ("outcomes", "Outcomes by problem (0–100)", lines(s.outcomes), lambda v: f"{v:.0f}"),
            ("trust", "Trust by stakeholder (0–100)", lines(s.trust), lambda v: f"{v:.0f}"),
            ("demand", "Demand by problem (start = 100)", lines(s.demand), lambda v: f"{v:.0f}"),
        ]

    def _paint_charts(self, surface: pygame.Surface) -> None:
        t = self.theme
        labels = self.debrief.series.labels
        for (key, title, series, fmt), cell in zip(self._charts(), self.chart_cells):
            draw.card(surface, t, cell)
            inner = cell.inflate(-t.px(28), -t.px(20))
            legend_h = self._legend(surface, inner, series, measure=True)
            plot = pygame.Rect(inner.left, inner.top, inner.width, inner.height - legend_h)
            floor, ceiling = (0.0, 100.0) if key in ("outcomes", "trust") else (None, None)
            line_chart(surface, t, plot, title, series, labels, fmt, floor, ceiling, label_ends=len(series) <= 2)
            self._legend(surface, pygame.Rect(inner.left, plot.bottom, inner.width, legend_h), series)

    def _legend(self, surface: pygame.Surface, rect: pygame.Rect, series: list[tuple[str, Sequence[float], Colour]],
                measure: bool = False) -> int:
        """Colour keys under a chart, wrapped into rows; returns the height used (only measured if `measure`)."""
        t = self.theme
        font = t.font("tiny")
        swatch, gap = t.px(16), t.px(16)
        x, y = rect.left + t.px(64), rect.top + t.px(4)
        for name, _, colour in series:
            width = swatch + t.px(6) + font.size(name)[0]
            if x + width > rect.right and x > rect.left + t.px(64):
                x, y = rect.left + t.px(64), y + font.get_linesize()
            if not measure:
                mid = y + font.get_height() // 2
                pygame.draw.line(surface, colour, (x, mid), (x + swatch, mid), max(2, t.px(4)))
                draw.text(surface, font, name, self.theme.palette.ink, (x + swatch + t.px(6), y))
            x += width + gap
        return y + font.get_linesize() + t.px(4) - rect.top

    def _paint_decisions(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        if not self.decision_cards:
            draw.text(surface, t.font("body"), "No decision of yours moved the score.", p.muted, self.content.topleft)
        for i, (decision, rect) in enumerate(self.decision_cards, start=1):
            up = decision.points >= 0
            draw.card(surface, t, rect, fill=p.surface_alt)
            pygame.draw.rect(surface, p.good if up else p.bad, pygame.Rect(rect.left, rect.top, t.px(8), rect.height),
                             border_top_left_radius=t.px(10), border_bottom_left_radius=t.px(10))
            x, right = rect.left + t.px(26), rect.right - t.px(18)
            y = rect.top + t.px(16)
            draw.text(surface, t.font("tiny", "semibold"), f"DECISION {i} OF {len(self.decision_cards)}", p.muted,
                      (x, y))
            draw.text(surface, t.font("large", "bold"), f"{signed(decision.points)} points", p.good if up else p.bad,
                      (right, y - t.px(4)), align="right")
            y += t.font("large").get_linesize() + t.px(4)
            title = capital(decision.title)
            y = draw.paragraph(surface, t.font("body", "bold"), title, p.ink, pygame.Rect(x, y, right - x, t.px(90)),
                               max_lines=3, spacing=1.1) + t.px(8)
            y = draw.paragraph(surface, t.font("body"), decision.consequence, p.ink,
                               pygame.Rect(x, y, right - x, rect.bottom - y - t.px(12)), max_lines=6,
                               spacing=1.1) + t.px(10)
            scored = [m for m in decision.moves if abs(m.points) >= 0.05]
            if scored and y + 2 * t.font("small").get_linesize() < rect.bottom:
                draw.text(surface, t.font("tiny", "semibold"), "WHERE THE POINTS CAME FROM", p.muted, (x, y))
                y += t.font("tiny").get_linesize() + t.px(4)
            for move in scored:
                if y + t.font("small").get_linesize() > rect.bottom - t.px(10):
                    break
                colour = p.good if move.points > 0 else p.bad
                points = f"{signed(move.points)}"
                width = t.font("small", "bold").size(points)[0]
                draw.text(surface, t.font("small"), move.text, p.ink, (x, y), max_width=right - x - width - t.px(12))
                draw.text(surface, t.font("small", "bold"), points, colour, (right, y), align="right")
                y += t.font("small").get_linesize()

    def _map_entries(self) -> list[tuple[CynefinEntry, pygame.Rect, bool]]:
        """Where each problem sits on the painted map, in the domain the player placed it (disorder in a band).

        (entry, rect, roomy): a roomy entry has a second line for its true domain; a crowded domain gets one
        line per problem, in two columns if need be, so every problem is always on the map.
        """
        t = self.theme
        entries = self.debrief.cynefin
        by_domain: dict[str, list[CynefinEntry]] = {}
        for entry in entries:
            by_domain.setdefault(entry.perceived, []).append(entry)
        one = t.font("small").get_linesize() + t.px(2)
        lost = len(by_domain.get("disorder", []))
        band_h = (math.ceil(lost / 3) * one + t.px(20)) if lost else t.px(44)
        gap = t.px(8)
        grid = pygame.Rect(self.map_rect.left, self.map_rect.top, self.map_rect.width,
                           self.map_rect.height - band_h - gap)
        half_w, half_h = (grid.width - gap) // 2, (grid.height - gap) // 2
        self.quads = {d: pygame.Rect(grid.left + qx * (half_w + gap), grid.top + qy * (half_h + gap), half_w, half_h)
                      for d, (qx, qy) in QUADRANT.items()}
        self.band = pygame.Rect(grid.left, grid.bottom + gap, grid.width, band_h)
        out = []
        for domain, placed in by_domain.items():
            if domain in self.quads:
                quad = self.quads[domain]
                area = pygame.Rect(quad.left + t.px(14), quad.top + t.px(62), quad.width - t.px(28),
                                   quad.height - t.px(68))
                shapes = ((2 * one + t.px(4), 1, True), (one, 1, False), (one, 2, False), (one, 3, False))
            else:
                area = self.band.inflate(-t.px(24), -t.px(20))
                shapes = ((one, 3, False),)
            fits = (shape for shape in shapes if math.ceil(len(placed) / shape[1]) * shape[0] <= area.height)
            height, cols, roomy = next(fits, shapes[-1])
            width = area.width // cols
            rows = math.ceil(len(placed) / cols)
            for i, entry in enumerate(placed):
                col, row = divmod(i, rows)
                out.append((entry, pygame.Rect(area.left + col * width, area.top + row * height, width - t.px(8),
                                               height), roomy))
        return out

    def _paint_cynefin(self, surface: pygame.Surface) -> None:
        t = self.theme
        p = t.palette
        entries = self._map_entries()
        for domain, quad in self.quads.items():
            pygame.draw.rect(surface, p.domain_fill[domain], quad, border_radius=t.px(14))
            ic = icon(f"domain:{domain}", t.px(28), p.domain_ink[domain])
            surface.blit(ic, (quad.left + t.px(14), quad.top + t.px(12)))
            draw.text(surface, t.font("large", "bold"), domain_label(domain).split(" (")[0], p.domain_ink[domain],
                      (quad.left + t.px(50), quad.top + t.px(10)))
            draw.text(surface, t.font("tiny"), PRACTICE[domain], p.domain_ink[domain],
                      (quad.left + t.px(50), quad.top + t.px(10) + t.font("large").get_linesize()))
        draw.card(surface, t, self.band, fill=p.domain_fill["disorder"], border=p.line)
        if not any(e.perceived == "disorder" for e, _, _ in entries):
            draw.text(surface, t.font("small"), "Disorder: every problem was placed.", p.muted,
                      (self.band.left + t.px(14), self.band.centery - t.font("small").get_height() // 2))
        small, bold = t.font("small"), t.font("small", "bold")
        for entry, rect, roomy in entries:
            right = entry.placed_right
            mark, colour = ("✓", p.good) if right else ("~", p.warn) if entry.placed_right_then else ("✗", p.bad)
            truth = domain_label(entry.true_domain).split(" (")[0].lower()
            note = "right" if right else f"truly {truth}" + (" (right when placed)" if entry.placed_right_then else "")
            x = rect.left + t.px(22)
            draw.text(surface, bold, mark, colour, (rect.left, rect.top))
            if roomy:
                draw.text(surface, bold, entry.name, p.ink, (x, rect.top), max_width=rect.right - x)
                draw.text(surface, small, note, colour if not right else p.muted, (x, rect.top + small.get_linesize()),
                          max_width=rect.right - x)
                continue
            tail = "" if right else f" · {note}"
            tail_w = min(small.size(tail)[0], (rect.right - x) // 2)
            name = draw.text(surface, bold, entry.name, p.ink, (x, rect.top), max_width=rect.right - x - tail_w)
            draw.text(surface, small, tail, colour, (name.right, rect.top), max_width=rect.right - name.right)
