"""`Tx`: the only way rules change numbers, so that every change is traced.

Each method applies one change to the working state, clamps it to its range,
and records the change actually applied with its cause and explanation key.
Money moves as double-entry postings between named accounts, so the books
balance by construction and `reserves` is always the reserves account.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from .observe import PROBLEM_FIELDS, PROVIDER_FIELDS
from .state import Contract, FeedItem, LedgerEntry, ProblemState, ProviderState, State, TraceEntry

OUTCOME, DEMAND = PROBLEM_FIELDS.index("outcome"), PROBLEM_FIELDS.index("demand")
HEALTH = PROVIDER_FIELDS.index("health")
"""positions of these metrics' names in `Game.problem_keys` and `Game.provider_keys`"""
Change = tuple[float, str, str]
"""(delta, cause, explanation key)"""


def _is_closed(s: State, vid: str) -> bool:
    """Whether provider `vid` can take no contract now (what `State.closed` holds)."""
    v = s.providers[vid]
    return not v.available or v.collapsed or s.held.get(vid, 0) >= s.game.provider_terms[vid].capacity


def _own_all(records: dict[str, Any], owned: set[str]) -> dict[str, Any]:
    for key, record in records.items():
        if key not in owned:
            records[key] = record.clone()
    owned.update(records)
    return records


class Tx:
    __slots__ = ("s", "record", "trace", "ledger", "feed_items", "_problems", "_providers", "_contracts")

    def __init__(self, state: State) -> None:
        self.s = state
        self.record = state.record
        """False in a game played without its logs (see `State.record`): the numbers change exactly as
        they would, but no trace, ledger or feed entry is made"""
        self.trace: list[TraceEntry] = []
        self.ledger: list[LedgerEntry] = []
        self.feed_items: list[FeedItem] = []
        self._problems: set[str] = set()
        self._providers: set[str] = set()
        self._contracts: set[str] = set()
        """ids of the records this Tx has copied, and may change in place"""

    # ------------------------------------------------------------------ records, copied on first write
    # A cloned state shares its records with its parent; anything that changes a record fetches it
    # through these, so the parent's record is never touched.

    def problem(self, pid: str) -> ProblemState:
        if pid in self._problems:
            return self.s.problems[pid]
        p = self.s.problems[pid] = self.s.problems[pid].clone()
        self._problems.add(pid)
        return p

    def provider(self, vid: str) -> ProviderState:
        if vid in self._providers:
            return self.s.providers[vid]
        v = self.s.providers[vid] = self.s.providers[vid].clone()
        self._providers.add(vid)
        return v

    def contract(self, cid: str) -> Contract:
        if cid in self._contracts:
            return self.s.contracts[cid]
        c = self.s.contracts[cid] = self.s.contracts[cid].clone()
        self._contracts.add(cid)
        return c

    def problems(self) -> dict[str, ProblemState]:
        """Every problem's record, owned: the end of a quarter changes them all, so it takes them in one
        call rather than one each (and `providers` likewise)."""
        return _own_all(self.s.problems, self._problems)

    def providers(self) -> dict[str, ProviderState]:
        return _own_all(self.s.providers, self._providers)

    def share_records(self) -> None:
        """From now on, copy a record before changing it even if this Tx made it: a copy of the
        state taken now (a snapshot) shares the records as they are."""
        self._problems.clear()
        self._providers.clear()
        self._contracts.clear()

    # A contract's status and value, and a provider's availability, move only through these, which keep
    # the state's running totals (`State.held`, `State.funded`, `State.placed`, `State.closed`) equal to
    # a count over its contracts and providers.

    def add_contract(self, c: Contract) -> None:
        s = self.s
        s.contracts[c.id] = c
        self._contracts.add(c.id)
        if c.status != "ended":
            s.held[c.provider] = s.held.get(c.provider, 0) + 1
            s.placed[c.problem] = s.placed.get(c.problem, ()) + ((c.approach, c.provider),)
            self._recheck(c.provider)
        if c.status == "active":
            s.funded[c.problem] = s.funded.get(c.problem, 0) + c.value

    def contract_status(self, cid: str, status: str) -> Contract:
        s = self.s
        c = self.contract(cid)
        if c.status == "active":
            s.funded[c.problem] -= c.value
        if status == "active":
            s.funded[c.problem] = s.funded.get(c.problem, 0) + c.value
        if status == "ended" and c.status != "ended":
            s.held[c.provider] -= 1
            pairs = list(s.placed[c.problem])
            pairs.remove((c.approach, c.provider))
            s.placed[c.problem] = tuple(pairs)
            self._recheck(c.provider)
        c.status = status
        return c

    def recount(self) -> None:
        """Work the running totals out afresh from the state's contracts and providers: a loaded state
        (which never saves them) and a new game's opening (before its first contract) start here."""
        s = self.s
        contracts = s.contracts
        s.contracts, s.held, s.funded, s.placed = {}, {}, {}, {}
        s.closed = frozenset(vid for vid in s.providers if _is_closed(s, vid))
        for c in contracts.values():
            self.add_contract(c)

    def availability(self, vid: str, available: bool, collapsed: bool = False) -> None:
        """Open or close provider `vid` to new contracts; a collapse is for good (`collapsed` only sets)."""
        v = self.provider(vid)
        v.available, v.collapsed = available, collapsed or v.collapsed
        self._recheck(vid)

    def _recheck(self, vid: str) -> None:
        s = self.s
        shut = _is_closed(s, vid)
        if shut != (vid in s.closed):
            s.closed = s.closed | {vid} if shut else s.closed - {vid}

    def contract_value(self, cid: str, value: int) -> Contract:
        c = self.contract(cid)
        if c.status == "active":
            self.s.funded[c.problem] += value - c.value
        c.value = value
        return c

    # ------------------------------------------------------------------ money

    def post(self, amount: int, debit: str, credit: str, cause: str, key: str) -> None:
        """Move £k from `credit` to `debit`. Zero postings are dropped."""
        if amount == 0:
            return
        s = self.s
        accounts = s.accounts
        accounts[debit] = accounts.get(debit, 0) + amount
        accounts[credit] = accounts.get(credit, 0) - amount
        if self.record:
            self.ledger.append((s.turn, debit, credit, amount, cause, key))
        if debit == "reserves":
            s.reserves += amount
            if self.record:
                self.trace.append((s.turn, "reserves", amount, cause, key))
        elif credit == "reserves":
            s.reserves -= amount
            if self.record:
                self.trace.append((s.turn, "reserves", -amount, cause, key))

    def spend(self, amount: int, account: str, cause: str, key: str) -> None:
        if amount < 0:
            self.post(-amount, "reserves", account, cause, key)
        else:
            self.post(amount, account, "reserves", cause, key)

    def income(self, source: str, delta: int, cause: str, key: str) -> None:
        s = self.s
        new = max(0, s.income[source] + delta)
        applied = new - s.income[source]
        if applied:
            s.income[source] = new
            if self.record:
                self.trace.append((s.turn, f"income.{source}", applied, cause, key))

    # ------------------------------------------------------------------ bounded numbers
    # Every change to a bounded number goes through `series`: a series of (delta, cause, key)
    # changes applied in order, each clamped and traced. The end of a quarter changes one number
    # several times in a row (each contract's pull on an outcome, each problem's pull on a
    # stakeholder's trust) and passes them all at once, on records it owns; the single-change
    # methods below pass one. Trace names come from the Game's tables rather than being formatted
    # every time.

    def series(self, metric: str, value: float, changes: Iterable[Change], lo: float, hi: float) -> float:
        """`value` after `changes`, each clamped to [lo, hi] and traced under `metric`."""
        record, turn, trace = self.record, self.s.turn, self.trace
        for delta, cause, key in changes:
            new = value + delta
            new = lo if new < lo else hi if new > hi else new
            if new != value:
                if record:
                    trace.append((turn, metric, new - value, cause, key))
                value = new
        return value

    def outcome(self, problem: str, delta: float, cause: str, key: str) -> None:
        p = self.problem(problem)
        p.outcome = self.series(self.s.game.problem_keys[problem][OUTCOME], p.outcome, ((delta, cause, key),),
                                0.0, 100.0)

    def demand(self, problem: str, delta: float, cause: str, key: str) -> None:
        p = self.problem(problem)
        p.demand = self.series(self.s.game.problem_keys[problem][DEMAND], p.demand, ((delta, cause, key),),
                               0.0, math.inf)

    def trust(self, stakeholder: str, delta: float, cause: str, key: str) -> None:
        t = self.s.trust
        t[stakeholder] = self.series(self.s.game.trust_keys[stakeholder], t[stakeholder], ((delta, cause, key),),
                                     0.0, 100.0)

    def health(self, provider: str, delta: float, cause: str, key: str) -> None:
        v = self.provider(provider)
        v.health = self.series(self.s.game.provider_keys[provider][HEALTH], v.health, ((delta, cause, key),),
                               0.0, 100.0)

    def trend(self, problem: str, delta: float, cause: str, key: str) -> None:
        p = self.problem(problem)
        p.trend = self.series(f"problem.{problem}.trend", p.trend, ((delta, cause, key),), -0.2, 0.3)

    def learning(self, problem: str, delta: float, cause: str, key: str) -> None:
        p = self.problem(problem)
        p.learning = self.series(f"problem.{problem}.learning", p.learning, ((delta, cause, key),), 0.0, 1e6)

    def capacity(self, delta: int, cause: str, key: str) -> None:
        s = self.s
        s.capacity = int(self.series("capacity", s.capacity, ((delta, cause, key),), 0, 99))

    # ------------------------------------------------------------------ the feed

    def feed(self, kind: str, key: str, *params: tuple[str, Any]) -> None:
        """`params` are (name, value) pairs, which callers give in alphabetical order of name (a property
        test holds every call site to it): the item keeps them as they come, where keyword arguments
        would cost a dict and a sort at every call."""
        if self.record:
            self.feed_items.append((self.s.turn, kind, key, params))

    def commit(self) -> State:
        s = self.s
        s.trace = s.trace.extend(self.trace)
        s.ledger = s.ledger.extend(self.ledger)
        s.feed = s.feed.extend(self.feed_items)
        self.trace, self.ledger, self.feed_items = [], [], []
        return s
