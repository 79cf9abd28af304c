"""Building the debrief from a state: score card, series, decisive decisions, Cynefin map, events, history."""

from __future__ import annotations

from typing import Iterable

from ..advice.model import HintUse
from ..advice.tuning import ADVICE
from ..content.wording import action_label, approach_label, cause_label, explain_text, loss_text, money
from ..engine import State, score, weighted_outcome
from ..engine.calendar import quarter_of
from ..engine.floats import add_up
from .attribution import Attribution, attribute, is_scored
from .history import cite, player_path, run_history, turn_date
from .model import AwardFit, CynefinEntry, Debrief, Decision, EventHit, HistoryView, Move, Series

DECISIVE = 3
FORCES_SHOWN = 3
MOVES_IN_SUMMARY = 4
BASELINE_PREFIXES = ("income:", "start:", "outcome:", "contract:", "cost:", "rule:fixed_costs", "rule:new_quarter")
"""roots that are the council's ordinary running, not shocks worth naming among the forces"""
DOMAIN_CHANGES = {"feed.domain_shift": 0, "feed.domain_learned": 1, "feed.domain_settled": 1}
"""feed keys that change a problem's true domain, and from how many turns after the item it applies"""


def build_debrief(state: State, hints_used: Iterable[HintUse] = (), *, with_history: bool = True) -> Debrief:
    game = state.game
    info = game.pack.info
    card = score(state)
    attribution = attribute(state, card)
    decisions = [_decision(state, attribution, root) for root, _ in attribution.ranked(decisions=True)]
    forces = [_decision(state, attribution, root) for root, _ in attribution.ranked(decisions=False)
              if not root.startswith(BASELINE_PREFIXES)]
    return Debrief(
        scenario=info.title, place=info.place,
        period=f"{turn_date(game, 1)} to {turn_date(game, state.turn)}", turn=state.turn, turns=game.turns,
        over=state.over, ending=_ending(state), card=card, series=series_of(state),
        decisions=tuple(decisions[:DECISIVE]), other_decisions=tuple(decisions[DECISIVE:]),
        forces=tuple(f for f in forces if abs(f.points) > 0)[:FORCES_SHOWN], cynefin=cynefin_map(state),
        events=events_hit(state, attribution), history=history_view(state) if with_history else None,
        hints_used=tuple(hints_used), goals=tuple((g.label, g.met) for g in card.goals),
        money_note=_money_note(card.components.get("finance"), bool(attribution.priced)),
    )


def _money_note(finance: float | None, priced: bool) -> str:
    """How money is counted: against the services' standard cost, and only between 0 and 100 finance points."""
    notes = []
    if priced:
        notes.append("Buying a service is charged only for what it cost beyond the standard cost of meeting that "
                     "service's starting demand (or credited with what it saved against it).")
    if finance is not None and not 0.0 < finance < 100.0:
        where = "its ceiling (100)" if finance >= 100.0 else "zero"
        notes.append(f"Your finance score ended at {where}, so money beyond that limit no longer changed the "
                     "total; the money effects below are what they are worth inside the limit.")
    return " ".join(notes)


def _ending(state: State) -> str:
    turns = state.game.turns
    if state.over == "completed":
        return f"Completed all {turns} quarters."
    if state.over == "section_114":
        return (f"Ended in quarter {state.turn}: reserves were below zero when the year's accounts closed, and the "
                "council issued a section 114 notice.")
    if state.over == "loss_condition":
        return f"Ended in quarter {state.turn}: the scenario's failure condition was met ({loss_text(state)})."
    return f"In progress: quarter {state.turn} of {turns}."


# ------------------------------------------------------------------------------------ series


def series_of(state: State) -> Series:
    game = state.game
    snaps = state.snapshots
    start = game.pack.info.start
    labels = ["start"] + ["{} Q{}".format(*quarter_of(start.year, start.quarter, i)) for i in range(1, len(snaps))]
    first = snaps[0]
    return Series(
        points=tuple(range(len(snaps))), labels=tuple(labels),
        reserves=tuple(s["reserves"] for s in snaps),
        weighted_outcome=tuple(weighted_outcome(game, s) for s in snaps),
        outcomes={p: tuple(s[f"problem.{p}.outcome"] for s in snaps) for p in game.problem},
        trust={sid: tuple(s[f"trust.{sid}"] for s in snaps) for sid in game.stakeholder},
        demand={p: tuple(100.0 * s[f"problem.{p}.demand"] / first[f"problem.{p}.demand"] for s in snaps)
                for p in game.problem},
        names={**{p.id: p.name for p in game.pack.problems}, **{s.id: s.name for s in game.pack.stakeholders}},
    )


# ------------------------------------------------------------------------------------ decisions


def _decision(state: State, attribution: Attribution, root: str) -> Decision:
    turn, title = _title(state, root)
    moves = moves_of(state, attribution, root)
    points = attribution.points(root)
    told = "; ".join(m.text for m in moves[:MOVES_IN_SUMMARY]) or "no traced change to the score"
    consequence = f"Because of it, by the end: {told}. Altogether it moved your score by {signed(points)} points."
    return Decision(root, turn, title, points, moves, consequence)


def _title(state: State, root: str) -> tuple[int | None, str]:
    kind, _, rest = root.partition(":")
    if kind == "action":
        index = int(rest)
        for i, (turn, action) in enumerate(state.actions):
            if i == index:
                return turn, action_label(state, action, turn)
    if kind == "choice":
        event, _, choice = rest.partition(".")
        turn = next((t for t, a in state.actions
                     if a.get("kind") == "choose" and a.get("event") == event and a.get("choice") == choice), None)
        label = cause_label(state, root)
        return turn, f"quarter {turn}: {label}" if turn is not None else label
    if kind == "start":
        return None, f"{state.game.problem[rest].name}'s starting position fading"
    return None, cause_label(state, root)


def moves_of(state: State, attribution: Attribution, root: str) -> tuple[Move, ...]:
    points = attribution.metric_points(root)
    out = []
    for metric, amount in attribution.amounts.get(root, {}).items():
        text = _move_text(state, metric, amount, root in attribution.priced)
        if text:
            out.append(Move(metric, amount, points.get(metric, 0.0), text))
    return tuple(sorted(out, key=lambda m: (not is_scored(m.metric), -abs(m.points), m.metric)))


def signed(value: float, digits: int = 1) -> str:
    """A change with its sign, as the reports print it: +1.5, −0.3 (a true minus sign), ±0.0."""
    text = f"{abs(value):,.{digits}f}"
    if text.strip("0.,") == "":
        return f"±{text}"
    return f"{'+' if value > 0 else '−'}{text}"


def _move_text(state: State, metric: str, amount: float, priced: bool = False) -> str | None:
    """A move in words, or None when it is too small to mention or not a number the debrief tells.

    `priced`: the decision bought services, so its money is what it paid beyond (or saved
    against) their standard cost, and is told that way.
    """
    game = state.game
    parts = metric.split(".")
    if metric == "reserves" and priced:
        where = "below" if amount > 0 else "above"
        return f"spent {money(abs(amount))} {where} the services' standard cost" if abs(amount) >= 1 else None
    if metric == "reserves":
        return f"reserves {'+' if amount > 0 else '−'}{money(abs(amount))}" if abs(amount) >= 1 else None
    if parts[0] == "trust" and abs(amount) >= 0.05:
        return f"trust of {game.stakeholder[parts[1]].name} {signed(amount)}"
    if parts[0] == "income" and amount:
        return f"{explain_text('explain.income_' + parts[1])} {'+' if amount > 0 else '−'}{money(abs(amount))} a year"
    if parts[0] == "problem" and parts[2] == "outcome" and abs(amount) >= 0.05:
        return f"{game.problem[parts[1]].name} outcomes {signed(amount)} points"
    if parts[0] == "problem" and parts[2] == "demand":
        spec = game.problem[parts[1]]
        if abs(amount) >= 0.005 * spec.demand:
            return f"demand for {spec.name} {signed(amount, 0)} {spec.demand_unit}"
    return None


# ------------------------------------------------------------------------------------ Cynefin


def domain_at(state: State, problem: str, turn: int) -> str:
    """The problem's true domain in `turn`, from the pack and the feed of domain changes."""
    domain = state.game.problem[problem].domain
    for t, _kind, key, params in state.feed:
        if key in DOMAIN_CHANGES and t + DOMAIN_CHANGES[key] <= turn:
            p = dict(params)
            if p.get("problem") == problem:
                domain = p["to"]
    return domain


def verdict(fit: float) -> str:
    return "good" if fit >= ADVICE["good_fit"] else "workable" if fit >= ADVICE["poor_fit"] else "poor"


def cynefin_map(state: State) -> tuple[CynefinEntry, ...]:
    game = state.game
    out = []
    for spec in game.pack.problems:
        p = state.problems[spec.id]
        awards = []
        for c in sorted((c for c in state.contracts.values() if c.problem == spec.id), key=lambda c: (c.awarded, c.id)):
            domain = spec.domain if c.origin == "pack" else domain_at(state, spec.id, c.awarded)
            fit = game.cfg.fit[c.approach][domain]
            awards.append(AwardFit(c.id, c.approach, approach_label(c.approach), game.provider[c.provider].name,
                                   c.awarded, c.origin == "pack", c.perceived, domain, fit, verdict(fit)))
        then = domain_at(state, spec.id, p.classified_turn) if p.classified_turn is not None else None
        out.append(CynefinEntry(spec.id, spec.name, spec.domain, p.domain, p.perceived, p.classified_turn, then,
                                p.evidence, tuple(awards)))
    return tuple(out)


# ------------------------------------------------------------------------------------ events


def events_hit(state: State, attribution: Attribution) -> tuple[EventHit, ...]:
    game = state.game
    turns: dict[str, list[int]] = {}
    for turn, _kind, key, params in state.feed:
        if key == "feed.event":
            turns.setdefault(dict(params)["event"], []).append(turn)
    out = []
    for eid, when in turns.items():
        event = game.event[eid]
        labels = {c.id: c.label for c in event.choices}
        answers = tuple((t, labels.get(a["choice"], a["choice"])) for t, a in state.actions
                        if a.get("kind") == "choose" and a.get("event") == eid)
        roots = [f"event:{eid}"] + [f"choice:{eid}.{c}" for c in labels]
        points = add_up(attribution.points(r) for r in roots)
        merged: dict[str, float] = {}
        for r in roots:
            for metric, v in attribution.amounts.get(r, {}).items():
                merged[metric] = merged.get(metric, 0.0) + v
        combined = Attribution({"event": merged}, attribution.factors)
        out.append(EventHit(eid, event.title, event.text, tuple(when), answers, points,
                            moves_of(state, combined, "event")))
    return tuple(sorted(out, key=lambda e: (e.turns[0], e.event)))


# ------------------------------------------------------------------------------------ history


def history_view(state: State) -> HistoryView | None:
    history = state.game.pack.history
    if history is None:
        return None
    card = series = None
    steps: tuple = ()
    if history.step:
        final, steps = run_history(state.game, state.seed)
        card, series = score(final), series_of(final)
    return HistoryView(
        direction=history.direction, steps=steps,
        outcomes=tuple((o.label, o.date, cite(o.source, history.sources)) for o in history.outcome),
        player=player_path(state), card=card, series=series,
    )
