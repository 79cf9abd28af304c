"""Checks that need the whole pack: ids that refer across files, conditions, and a game that can start.

Each finding is (file, location inside that file, message), so the loader can
point at the line of the *referring* key.
"""

from __future__ import annotations

import difflib
from typing import Iterable, Iterator

from ..engine.calendar import turn_of
from ..engine.defaults import APPROACHES
from ..engine.observe import value_names
from .expr import check_expr
from .models import CORE_STAKEHOLDERS, Pack

Finding = tuple[str, tuple, str]
PROBLEM_SELECTORS = ("*", "@statutory", "@inspected")
PROVIDER_SELECTORS = ("@strategic",)


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    known = list(known)
    hint = difflib.get_close_matches(value, known, n=1)
    suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"expected the id of a {kind} in this pack, found '{value}'{suffix}"


def _duplicates(file: str, key: str, ids: list[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield file, (key, i, "id"), f"the id '{ident}' is used twice; ids must be unique"
        seen.add(ident)


def check_references(pack: Pack) -> list[Finding]:
    return list(_check(pack))


def _check(pack: Pack) -> Iterator[Finding]:
    problems = {p.id for p in pack.problems}
    providers = {v.id: v for v in pack.providers}
    stakeholders = {s.id for s in pack.stakeholders}
    yield from _duplicates("problems.toml", "problem", [p.id for p in pack.problems])
    yield from _duplicates("providers.toml", "provider", [v.id for v in pack.providers])
    yield from _duplicates("stakeholders.toml", "stakeholder", [s.id for s in pack.stakeholders])
    yield from _duplicates("events.toml", "event", [e.id for e in pack.events])
    missing = [s for s in CORE_STAKEHOLDERS if s not in stakeholders]
    if missing:
        yield "stakeholders.toml", ("stakeholder",), f"expected the core stakeholders, missing: {', '.join(missing)}"

    for i, p in enumerate(pack.problems):
        for j, sid in enumerate(p.stakeholders):
            if sid not in stakeholders:
                yield "problems.toml", ("problem", i, "stakeholders", j), _unknown("stakeholder", sid, stakeholders)
        for target in p.bends:
            if target not in problems or target == p.id:
                yield "problems.toml", ("problem", i, "bends"), _unknown("problem (other than this one)", target, problems)
        if not p.approaches:
            yield "problems.toml", ("problem", i, "approaches"), "expected at least one approach, found none"
        elif not any(v.type in APPROACHES[a]["types"] for a in p.approaches for v in pack.providers):  # type: ignore[operator]
            yield ("problems.toml", ("problem", i, "approaches"),
                   "no provider in providers.toml can deliver any of these approaches, so the problem can never "
                   "be served; add a provider of a suitable type")

    for i, c in enumerate(pack.contracts):
        loc = ("contract", i)
        if c.provider not in providers:
            yield "providers.toml", loc + ("provider",), _unknown("provider", c.provider, providers)
        if c.problem not in problems:
            yield "providers.toml", loc + ("problem",), _unknown("problem", c.problem, problems)
            continue
        spec = next(p for p in pack.problems if p.id == c.problem)
        if c.approach not in spec.approaches:
            yield "providers.toml", loc + ("approach",), (
                f"expected one of the approaches {spec.id} allows ({', '.join(spec.approaches)}), found '{c.approach}'")
        if c.provider in providers and providers[c.provider].type not in APPROACHES[c.approach]["types"]:  # type: ignore[operator]
            yield "providers.toml", loc + ("provider",), (
                f"a {providers[c.provider].type} provider cannot deliver {c.approach}; it takes one of: "
                f"{', '.join(APPROACHES[c.approach]['types'])}")  # type: ignore[arg-type]

    info = pack.info
    names = value_names(pack)
    for i, e in enumerate(pack.events):
        loc = ("event", i)
        turn = e.turn
        if e.date is not None:
            turn = turn_of(info.start.year, info.start.quarter, int(e.date[:4]), int(e.date[-1]))
            if not 1 <= turn <= info.turns:
                yield "events.toml", loc + ("date",), (
                    f"expected a quarter inside the game ({info.start.year}Q{info.start.quarter} and "
                    f"{info.turns} turns), found {e.date} (turn {turn})")
        elif turn is not None and turn > info.turns:
            yield "events.toml", loc + ("turn",), f"expected a turn from 1 to {info.turns}, found {turn}"
        if e.trigger is not None:
            for err in check_expr(e.trigger, names):
                yield "events.toml", loc + ("trigger",), err.message
        yield from _effects(loc + ("effects",), e.effects, problems, providers, stakeholders)
        for j, choice in enumerate(e.choices):
            yield from _effects(loc + ("choices", j, "effects"), choice.effects, problems, providers, stakeholders)

    if info.loss:
        for err in check_expr(info.loss, names):
            yield "pack.toml", ("loss",), err.message
    for i, goal in enumerate(info.goals):
        for err in check_expr(goal.condition, names):
            yield "pack.toml", ("goals", i, "condition"), err.message
    unknown_rules = set(info.tuning.rules) - set(_rule_names())
    for name in sorted(unknown_rules):
        yield "pack.toml", ("tuning", "rules", name), _unknown("rule coefficient", name, _rule_names()).replace(
            "the id of a rule coefficient in this pack", "a rule coefficient name")

    if pack.history is not None:
        yield from _history(pack)


def _rule_names() -> list[str]:
    from ..engine.defaults import RULES

    return list(RULES)


def _effects(loc: tuple, effects: list, problems: set[str], providers: dict, stakeholders: set[str]) -> Iterator[Finding]:
    for k, eff in enumerate(effects):
        where = loc + (k,)
        problem = getattr(eff, "problem", None)
        if problem is not None and problem not in problems and problem not in PROBLEM_SELECTORS:
            yield "events.toml", where, _unknown("problem (or *, @statutory, @inspected)", problem, problems)
        provider = getattr(eff, "provider", None)
        if provider is not None and provider not in providers and provider not in PROVIDER_SELECTORS:
            yield "events.toml", where, _unknown("provider (or @strategic)", provider, providers)
        stake = getattr(eff, "stakeholder", None)
        if stake is not None and stake not in stakeholders and stake != "*":
            yield "events.toml", where, _unknown("stakeholder (or *)", stake, stakeholders)


def _history(pack: Pack) -> Iterator[Finding]:
    from ..engine.actions import IllegalAction, action_from_dict

    assert pack.history is not None
    for i, s in enumerate(pack.history.step):
        if s.turn > pack.info.turns:
            yield "history.toml", ("step", i, "turn"), f"expected a turn from 1 to {pack.info.turns}, found {s.turn}"
        try:
            action_from_dict(s.action)
        except IllegalAction as exc:
            yield "history.toml", ("step", i, "action"), str(exc)
