"""Events: scheduled, triggered by a condition with a probability, or injected; typed effects; choices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..content.models import EFFECT_TYPES
from .rules import contracts, oversight
from .state import Pending
from .tx import Tx

if TYPE_CHECKING:
    from .game import EffectTerms, EventTerms


def problems_for(tx: Tx, ref: str) -> Iterable[str]:
    game = tx.s.game
    if ref == "*":
        return list(game.problem)
    if ref == "@statutory":
        return game.statutory
    if ref == "@inspected":
        return game.inspected
    return [ref]


def providers_for(tx: Tx, ref: str) -> Iterable[str]:
    if ref == "@strategic":
        return [vid for vid in tx.s.game.strategic if not tx.s.providers[vid].collapsed]
    return [ref]


EFFECT_KEYS = {kind: f"explain.effect_{kind}" for kind in EFFECT_TYPES}
"""each effect type's explanation key"""


def apply_effects(tx: Tx, effects: Iterable[EffectTerms], cause: str) -> None:
    """`effects` are plain records of the pack's effects (`Game.event_terms`, `Game.choices`: a pydantic
    model's attribute reads are several times slower), dispatched on `type`."""
    s = tx.s
    for e in effects:
        kind = e.type
        key = EFFECT_KEYS[kind]
        if kind == "trust":
            targets = list(s.trust) if e.stakeholder == "*" else [e.stakeholder]
            for sid in targets:
                tx.trust(sid, e.delta, cause, key)
        elif kind == "money":
            tx.spend(-round(e.amount * 1000), "events", cause, key)
        elif kind == "income":
            tx.income(e.source, round(e.amount * 1000), cause, key)
        elif kind == "demand":
            for pid in problems_for(tx, e.problem):
                tx.demand(pid, s.problems[pid].demand * e.pct / 100.0, cause, key)
        elif kind == "demand_trend":
            for pid in problems_for(tx, e.problem):
                tx.trend(pid, e.delta, cause, key)
        elif kind == "outcome":
            for pid in problems_for(tx, e.problem):
                tx.outcome(pid, e.delta, cause, key)
        elif kind == "provider_health":
            for vid in providers_for(tx, e.provider):
                if not s.providers[vid].collapsed:
                    tx.health(vid, e.delta, cause, key)
                    if s.providers[vid].health <= 0:
                        contracts.collapse(tx, vid, cause)
        elif kind == "domain":
            for pid in problems_for(tx, e.problem):
                p = tx.problem(pid)
                p.domain = e.to
                p.domain_turns = e.turns
                if not e.turns:
                    p.base_domain = e.to
                tx.feed("domain", "feed.domain_shift", ("problem", pid), ("to", e.to))
        elif kind == "collapse":
            for vid in providers_for(tx, e.provider):
                contracts.collapse(tx, vid, cause)
        elif kind == "withdraw":
            for vid in providers_for(tx, e.provider):
                contracts.withdraw(tx, vid, cause)
        elif kind == "enable_provider":
            tx.availability(e.provider, True)
            tx.feed("provider", "feed.provider_available", ("provider", e.provider))
        elif kind == "inspection":
            for pid in problems_for(tx, e.problem):
                oversight.inspect(tx, pid, cause)
        elif kind == "capacity":
            s.capacity_mods = s.capacity_mods + ((e.delta, s.turn + e.turns - 1, cause),)
            tx.capacity(e.delta, cause, key)
        elif kind == "election":
            oversight.election(tx, cause)
        else:  # pragma: no cover - the pack schema admits no other type
            raise AssertionError(f"unhandled effect type {kind}")


def fire(tx: Tx, event: EventTerms) -> None:
    s = tx.s
    cause = f"event:{event.id}"
    s.fired[event.id] = s.fired.get(event.id, 0) + 1
    tx.feed("event", "feed.event", ("event", event.id))
    apply_effects(tx, event.effects, cause)
    if event.asks and not any(p.event == event.id for p in s.pending):
        s.pending = s.pending + (Pending(event.id, s.turn, cause),)


def fire_turn_events(tx: Tx, draws: list[float]) -> None:
    """Scheduled events for this turn, then triggered ones. `draws` has one uniform per triggered
    event in pack order, drawn whether or not its condition holds, so the same seed gives the same
    luck to every team in a room."""
    s = tx.s
    game = s.game
    for event in game.scheduled.get(s.turn, ()):
        fire(tx, event)
    if not game.triggered:
        return
    fired = s.fired
    for (event, condition, once, probability), u in zip(game.triggered, draws):
        if once and fired.get(event.id):
            continue
        if u < probability and condition(s):
            fire(tx, event)
