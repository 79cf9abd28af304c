"""Contracts: award, start, expiry, early termination, and a provider's collapse."""

from __future__ import annotations

from ..state import Contract
from ..tx import Tx


def award(tx: Tx, problem: str, approach: str, provider: str, value: int, length: int, origin: str,
          age: int = 0) -> Contract:
    """Create a contract. A new award starts after the approach's procurement lead time and runs
    `length` quarters from then; a pack's starting contract (`age` > 0) has been running for `age`
    quarters already and has `length` quarters left from now."""
    s = tx.s
    start = s.turn + s.game.cfg.approach[approach].lead if age == 0 else s.turn - age
    cid = f"c{s.next_contract}"
    s.next_contract += 1
    c = Contract(
        id=cid, provider=provider, problem=problem, approach=approach, value=value, awarded=s.turn,
        start=start, end=start + age + length - 1, break_at=start + (age + length) // 2,
        perceived=s.problems[problem].perceived, origin=origin,
        status="active" if start <= s.turn else "pending",
    )
    tx.add_contract(c)
    tx.feed("contract", "feed.contract_awarded", ("approach", approach), ("contract", cid), ("problem", problem),
            ("provider", provider), ("start", start))
    return c


def penalty(tx_turn: int, c: Contract, before_break: float, after_break: float) -> int:
    remaining = (c.end - max(tx_turn, c.start) + 1) * c.value
    rate = before_break if tx_turn < c.break_at else after_break
    return round(max(0, remaining) * rate)


def close(tx: Tx, cid: str, reason: str) -> None:
    c = tx.contract_status(cid, "ended")
    c.ended = tx.s.turn
    c.reason = reason
    tx.feed("contract", f"feed.contract_{reason}", ("contract", c.id), ("problem", c.problem),
            ("provider", c.provider))


def terminate(tx: Tx, c: Contract, cause: str) -> None:
    """End a contract early: a penalty, and the market remembers."""
    s = tx.s
    r = s.game.cfg.r
    tx.spend(penalty(s.turn, c, r.penalty_before_break, r.penalty_after_break), "spend:penalties", cause,
             "explain.termination_penalty")
    tx.trust("providers", r.end_contract_providers, cause, "explain.end_contract_market")
    kind = s.game.provider[c.provider].type
    if kind in ("vcse", "community"):
        tx.trust("vcse", r.end_contract_vcse, cause, "explain.end_contract_vcse")
    elif kind in ("in_house", "council_company"):
        tx.trust("staff", r.end_contract_staff, cause, "explain.end_contract_staff")
    close(tx, c.id, "terminated")


def start_and_expire(tx: Tx, phase: str) -> None:
    """`start`: pending contracts due this turn go live. `expire`: contracts on their last turn end."""
    s = tx.s
    turn = s.turn
    # Those due are listed first (in loops: on Python 3.11 a comprehension is a call), then changed:
    # changing a contract replaces its record in the table being read.
    due = []
    if phase == "start":
        for c in s.contracts.values():
            if c.status == "pending" and c.start <= turn:
                due.append(c)
        for c in due:
            tx.contract_status(c.id, "active")
            tx.feed("contract", "feed.contract_started", ("contract", c.id), ("problem", c.problem),
                    ("provider", c.provider))
    else:
        for c in s.contracts.values():
            if c.status != "ended" and c.end <= turn:
                due.append(c)
        for c in due:
            close(tx, c.id, "expired")


def collapse(tx: Tx, provider: str, cause: str) -> None:
    """A provider fails: every contract it holds ends this turn; contingency softens the blow."""
    s = tx.s
    r = s.game.cfg.r
    if s.providers[provider].collapsed:
        return
    v = tx.provider(provider)
    tx.health(provider, -v.health, cause, "explain.collapse")
    tx.availability(provider, False, collapsed=True)
    soft = r.contingency_softening if v.contingency else 1.0
    tx.feed("collapse", "feed.collapse", ("contingency", v.contingency), ("provider", provider))
    hit_any = False
    for c in list(s.contracts.values()):
        if c.provider != provider or not c.live:
            continue
        if c.status == "active":
            hit_any = True
            tx.outcome(c.problem, -r.collapse_outcome_hit * soft, cause, "explain.collapse_service")
            tx.spend(round(c.value * r.collapse_cost_turns * soft), "spend:emergency", cause,
                     "explain.collapse_cost")
        close(tx, c.id, "collapsed")
    if hit_any:
        tx.trust("residents", r.collapse_residents * soft, cause, "explain.collapse_trust")
        tx.trust("members", r.collapse_members * soft, cause, "explain.collapse_trust")


def withdraw(tx: Tx, provider: str, cause: str) -> None:
    """A partner walks away: its contracts end with no penalty either way."""
    s = tx.s
    tx.availability(provider, False)
    tx.feed("provider", "feed.withdraw", ("provider", provider))
    for c in list(s.contracts.values()):
        if c.provider == provider and c.live:
            close(tx, c.id, "withdrawn")
