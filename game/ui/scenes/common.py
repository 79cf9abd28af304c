"""What several game screens share: the status strip (date, reserves, capacity) and number wording.

Every number here comes with the sentence its tooltip shows, so the same
figure is explained the same way on every screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...content.wording import PROVIDER_TYPE_LABELS, SIGNAL_LABELS, approach_label, money
from ...engine import State
from ...engine.calendar import financial_year, fy_label, label, quarter_of
from .. import draw

if TYPE_CHECKING:
    from ..scene import Scene

APPROACH_CAPACITY = "Commissioning it takes {cost} capacity point{s} this quarter."


def date_of(state: State, turn: int | None = None) -> tuple[int, int]:
    start = state.game.pack.info.start
    return quarter_of(start.year, start.quarter, state.turn if turn is None else turn)


def date_text(state: State, turn: int | None = None) -> str:
    return label(*date_of(state, turn))


def turn_text(state: State) -> str:
    return f"Quarter {state.turn} of {state.game.turns}"


def per_year(value_per_turn: float) -> str:
    """A contract's £k a quarter as the game states it: £m a year."""
    return f"{money(value_per_turn * 4)} a year"


def contract_text(state: State, cid: str) -> str:
    c = state.contracts[cid]
    game = state.game
    status = {"pending": f"starts quarter {c.start}", "active": f"runs to quarter {c.end}",
              "ended": f"ended quarter {c.ended}"}[c.status]
    return (f"{approach_label(c.approach)} with {game.provider[c.provider].name} on "
            f"{game.problem[c.problem].name}: {per_year(c.value)}, {status}")


def break_words(state: State, c) -> str:  # noqa: ANN001 - a Contract
    """'break at quarter 9', or 'past its break point' (which for a contract inherited can be before quarter 1)."""
    return f"break at quarter {c.break_at}" if state.turn < c.break_at else "past its break point"


def contract_tooltip(state: State, cid: str) -> str:
    c = state.contracts[cid]
    origin = "already running when you took over" if c.origin == "pack" else f"awarded in quarter {c.awarded}"
    lines = [contract_text(state, cid) + ".", f"It was {origin}, when you saw the problem as {c.perceived}."]
    if c.live:
        lines.append(f"Ending early costs half of what is left before the break point, a tenth after it: "
                     f"{break_words(state, c)}. Select it to end or change it.")
    return "\n".join(lines)


def provider_tooltip(state: State, vid: str) -> str:
    v = state.providers[vid]
    spec = state.game.provider[vid]
    held = sum(1 for c in state.contracts.values() if c.live and c.provider == vid)
    kind = PROVIDER_TYPE_LABELS.get(spec.type, spec.type)
    lines = [f"{spec.name}: {kind}{', strategic contractor' if spec.strategic else ''}."]
    if spec.description:
        lines.append(spec.description)
    if v.collapsed:
        lines.append("It has collapsed and can take no contracts.")
    elif not v.available:
        lines.append("Not available yet" + (" — the council can set it up (Establish)." if spec.type == "council_company" else "."))
    else:
        lines.append(f"Holds {held} of the {spec.capacity} contracts it can take. Price level {spec.price:.2f}× standard, "
                     f"quality {spec.quality:.2f}.")
        lines.append(f"Financial signals: {SIGNAL_LABELS.get(v.signal, v.signal)}. (Its books are private: you see "
                     "only warning signs.)")
    if v.contingency:
        lines.append("A contingency plan is in place.")
    return "\n".join(lines)


def reserves_tooltip(state: State) -> str:
    start = state.game.pack.info.budget.reserves * 1000
    income = sum(state.income.values())
    year, quarter = date_of(state)
    close = "this quarter" if quarter == 1 else "after the next January–March quarter"
    return (f"Usable reserves: {money(state.reserves)} ({money(state.reserves - start)} since the start). "
            f"Income is {money(income)} a year. If reserves are below zero when the {fy_label(year, quarter)} "
            f"books close ({close}), the council must issue a section 114 notice and the game ends.")


def capacity_tooltip(state: State) -> str:
    r = state.game.cfg.r
    return (f"Leadership capacity: {state.capacity} of {state.capacity_max} points left this quarter. "
            f"Making sense costs {r.make_sense_cost:g}, commissioning 1–2, ending or changing a contract "
            f"{r.end_contract_cost:g}. Classifying a problem is free. Capacity refreshes each quarter: trusted staff "
            "and strong partnerships add to it, crises and intervention take it away.")


def date_tooltip(state: State) -> str:
    year, quarter = date_of(state)
    fy = financial_year(year, quarter)
    left = state.game.turns - state.turn
    return (f"{date_text(state)}, financial year {fy_label(year, quarter)} (April to March; council tax for "
            f"{fy + 1}/{str(fy + 2)[-2:]} is set during this year). {left} quarter{'s' if left != 1 else ''} "
            "after this one.")


def status_strip(scene: "Scene", rect: pygame.Rect) -> None:
    """Register the info hotspots of the status strip (painted by `paint_status`)."""
    for key, r, tip in status_layout(scene, rect):
        scene.info(key, r, tip)


def status_layout(scene: "Scene", rect: pygame.Rect) -> list[tuple[str, pygame.Rect, str]]:
    t = scene.theme
    state = scene.state
    cols = draw.split_cols(rect, [0.42, 0.26, None], gap=t.px(24))
    return [("status.date", cols[0], date_tooltip(state)), ("status.reserves", cols[1], reserves_tooltip(state)),
            ("status.capacity", cols[2], capacity_tooltip(state))]


def paint_status(scene: "Scene", surface: pygame.Surface, rect: pygame.Rect) -> None:
    """Date and quarter, reserves, capacity pips: what a leader glances at first."""
    t = scene.theme
    p = t.palette
    state = scene.state
    small = t.font("small")
    big = t.font("large", "bold")
    (date_r, money_r, cap_r) = (r for _, r, _ in status_layout(scene, rect))
    y_label = rect.top
    y_value = rect.top + small.get_linesize()
    draw.text(surface, small, turn_text(state).upper(), p.muted, (date_r.left, y_label))
    draw.text(surface, big, date_text(state), p.ink, (date_r.left, y_value), max_width=date_r.width)
    draw.text(surface, small, "RESERVES", p.muted, (money_r.left, y_label))
    colour = p.bad if state.reserves < 0 else p.ink
    draw.text(surface, big, money(state.reserves), colour, (money_r.left, y_value))
    draw.text(surface, small, "CAPACITY LEFT", p.muted, (cap_r.left, y_label))
    size = big.get_height() - t.px(8)
    pips = draw.pips(surface, t, (cap_r.left, y_value + t.px(4)), state.capacity, state.capacity_max, p.accent, size)
    draw.text(surface, t.font("body", "semibold"), f"{state.capacity}/{state.capacity_max}", p.ink,
              (pips.right + t.px(10), y_value + t.px(2)))


def provider_type(state: State, vid: str) -> str:
    return PROVIDER_TYPE_LABELS.get(state.game.provider[vid].type, state.game.provider[vid].type)


def approach_capacity(state: State, approach: str) -> str:
    cost = state.game.cfg.approach[approach].cost
    return APPROACH_CAPACITY.format(cost=cost, s="s" if cost != 1 else "")


SHORT_APPROACH = {"in_house": "in-house", "step_in": "step-in"}


def trust_needed(state: State, approach: str) -> str:
    """Who must trust the council for an approach, by name ('Residents, Voluntary sector'), never by id."""
    return ", ".join(state.game.stakeholder[sid].name for sid in state.game.cfg.approach[approach].trust_with
                     if sid in state.game.stakeholder)


def short_approach(approach: str) -> str:
    """The approach in one word, for tight rows (the full label is in the tooltip)."""
    return SHORT_APPROACH.get(approach, approach)


def is_setup(state: State, item: tuple) -> bool:
    """A feed line recording the starting position (a contract already running), not news."""
    _turn, _kind, key, params = item
    if key not in ("feed.contract_awarded", "feed.contract_started"):
        return False
    cid = dict(params).get("contract")
    return cid in state.contracts and state.contracts[cid].origin == "pack"
