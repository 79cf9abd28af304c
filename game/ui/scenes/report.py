"""The end-of-quarter report: what changed and why, read from the engine's causal trace.

For every number the player can see that moved in the quarter (reserves,
income, each problem's outcome and demand, trust with each stakeholder) it
lists the causes that moved it, biggest first, in the wording the debrief
uses. Hidden numbers (a provider's financial health, a problem's true
domain) are never listed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...content.wording import cause_label, explain_text, feed_text, metric_label, money
from ...engine import State, changed_metrics, explain
from ...debrief.build import signed
from .common import date_text, is_setup
from .dialog import Dialog, esc

MAX_CAUSES = 4
THRESHOLD = {"reserves": 1.0, "income": 1.0, "outcome": 0.3, "demand": 0.05, "trust": 0.3}
"""smallest change worth a line: £k for money, points for outcome and trust, per cent for demand"""
ORDER = ("reserves", "income", "outcome", "demand", "trust")


@dataclass(frozen=True)
class Change:
    metric: str
    label: str
    start: float
    end: float
    causes: tuple[tuple[str, str, float], ...]
    """(who or what, why, amount)"""
    kind: str

    def amount_text(self, amount: float) -> str:
        return _fmt(self.kind, amount, signed_=True)

    def summary(self) -> str:
        return f"{_fmt(self.kind, self.start)} → {_fmt(self.kind, self.end)} ({_fmt(self.kind, self.end - self.start, True)})"


def _fmt(kind: str, value: float, signed_: bool = False) -> str:
    if kind in ("reserves", "income"):
        text = money(abs(value)) if signed_ else money(value)
        if kind == "income" and not signed_:
            text += " a year"
        return (("+" if value >= 0 else "−") + text) if signed_ else text
    if kind == "demand":  # a demand of 48 households moves by fractions: whole numbers read '48 → 49 (±0)'
        if signed_:
            return signed(value, 1 if abs(value) < 10 else 0)
        return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    return signed(value, 1) if signed_ else f"{value:.1f}"


def _kind(metric: str) -> str | None:
    parts = metric.split(".")
    if metric == "reserves":
        return "reserves"
    if parts[0] in ("income", "trust"):
        return parts[0]
    if parts[0] == "problem" and parts[-1] in ("outcome", "demand"):
        return parts[-1]
    return None


GENERIC_CAUSES = ("rule:", "income:", "outcome:", "unserved:")
"""causes whose explanation already says it all: naming them again would only repeat it"""


def _who(state: State, cause: str) -> str:
    return "" if cause.startswith(GENERIC_CAUSES) else cause_label(state, cause)


def turn_changes(state: State, turn: int) -> list[Change]:
    """The visible numbers that moved in `turn`, grouped money, outcomes, demand, trust."""
    out = []
    for metric in changed_metrics(state, turn):
        kind = _kind(metric)
        if kind is None:
            continue
        ex = explain(state, metric, turns=[turn])
        size = abs(ex.change)
        if kind == "demand":
            size = 100 * size / max(1e-9, abs(ex.start))
        if size < THRESHOLD[kind]:
            continue
        out.append(Change(metric, metric_label(state, metric), ex.start, ex.end, _causes(state, ex, kind), kind))
    out.sort(key=lambda c: (ORDER.index(c.kind), -abs(c.end - c.start) if c.kind != "demand" else c.label))
    return out


def _causes(state: State, ex, kind: str) -> tuple[tuple[str, str, float], ...]:  # noqa: ANN001 - an Explanation
    """The biggest causes one by one, then the rest summed up and down, so the lines add up to the change.

    Listing only the biggest would leave a learner adding +£100m and −£61m and wondering how reserves fell.
    """
    shown = [c for c in ex.contributions if abs(c.amount) > 1e-9]
    lines = [(_who(state, c.cause), explain_text(c.key), c.amount) for c in shown[:MAX_CAUSES]]
    money_ = kind in ("reserves", "income")
    for rest, noun in (([c for c in shown[MAX_CAUSES:] if c.amount > 0], "sources of income" if money_ else "causes"),
                       ([c for c in shown[MAX_CAUSES:] if c.amount < 0], "payments and costs" if money_ else "causes")):
        if len(rest) == 1:
            lines.append((_who(state, rest[0].cause), explain_text(rest[0].key), rest[0].amount))
        elif rest:
            lines.append(("", f"{len(rest)} other {noun}", sum(c.amount for c in rest)))
    return tuple(lines)


def quarter_news(state: State, turn: int) -> list[tuple]:
    """The quarter's news and what has just arrived for the next one; the starting position is not news."""
    return [item for item in state.feed if item[0] in (turn, turn + 1) and not is_setup(state, item)]


class TurnReport(Dialog):
    name = "report"
    design_size = (1500, 920)

    def __init__(self, app, turn: int) -> None:  # noqa: ANN001
        self.turn = turn
        super().__init__(app)

    def describe(self) -> None:
        self.title = f"Quarter {self.turn} resolved: what changed and why"
        self.subtitle = (f"{date_text(self.state, self.turn)}. Each line shows a number that moved, then the causes "
                         "behind it, biggest first.")

    def build(self) -> None:
        state = self.state
        t = self.theme
        self.changes = turn_changes(state, self.turn)
        news_w = round(self.body.width * 0.32)
        left = pygame.Rect(self.body.left, self.body.top, self.body.width - news_w - t.px(20), self.body.height)
        right = pygame.Rect(left.right + t.px(20), self.body.top, news_w, self.body.height)
        self.text_box("report.changes", left, self._changes_html(), "What changed this quarter. Scroll with the arrow keys.")
        self.text_box("report.news", right, self._news_html(), "The quarter's news, and what has just arrived.")
        follow = "See the final score" if state.is_over else "Answer the event" if state.pending else "Continue"
        self.actions([("continue", follow, self._continue, "Back to the council (Enter).", "primary", True)])
        self.ring.focus("continue", show=False)
        self.bind("return", self._continue)

    def _changes_html(self) -> str:
        p = self.theme.palette
        muted = "#%02X%02X%02X" % p.muted
        good = "#%02X%02X%02X" % p.good
        bad = "#%02X%02X%02X" % p.bad
        if not self.changes:
            return "Nothing you can see moved this quarter."
        size = self.theme.font_px["large"]
        titles = {"reserves": "Money", "income": "Money", "outcome": "Outcomes", "demand": "Demand", "trust": "Trust"}
        chunks: list[str] = []
        heading = None
        for ch in self.changes:
            if titles[ch.kind] != heading:
                heading = titles[ch.kind]
                chunks.append(f"{'<br>' if chunks else ''}<font pixel_size={size}><b>{heading}</b></font>")
            up_is_good = ch.kind in ("reserves", "income", "outcome", "trust")
            delta = ch.end - ch.start
            colour = good if (delta > 0) == up_is_good else bad
            chunks.append(f"<b>{esc(ch.label)}</b>  <font color='{colour}'>{esc(ch.summary())}</font>")
            for who, why, amount in ch.causes:
                source = f" <font color='{muted}'>— {esc(who)}</font>" if who else ""
                chunks.append(f"    <font color='{muted}'>{esc(ch.amount_text(amount))}</font>  {esc(why)}{source}")
        return "<br>".join(chunks)

    def _news_html(self) -> str:
        state = self.state
        size = self.theme.font_px["large"]
        items = quarter_news(state, self.turn)
        parts = [f"<font pixel_size={size}><b>News</b></font>"]
        parts.extend(f"<b>Q{item[0]}</b>  {esc(feed_text(state, item))}" for item in items)
        if len(parts) == 1:
            parts.append("No news this quarter.")
        return "<br>".join(parts)

    def _continue(self) -> None:
        self.close()
        self.app.next_step()

    def on_escape(self) -> None:
        self._continue()

    def on_state_changed(self) -> None:
        """The report is of a quarter already past: it does not change."""
