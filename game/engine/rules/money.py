"""Income, fixed costs, the financial year, council tax and section 114."""

from __future__ import annotations

from ..calendar import financial_year
from ..tx import Tx

INCOME_ACCOUNTS = {"grant": "income:grant", "council_tax": "income:council_tax", "other_income": "income:other"}
INCOME_POSTINGS = {source: (account, f"income:{source}", f"explain.income_{source}")
                   for source, account in INCOME_ACCOUNTS.items()}
"""each income source's account, cause and explanation key"""


def collect_income(tx: Tx) -> None:
    """A quarter of each income, less a quarter of the fixed costs (neither is ever negative: income is
    held at 0 or more, and packs refuse negative budget figures), posted straight to the reserves."""
    s = tx.s
    post = tx.post
    for source, annual in s.income.items():
        post(round(annual / 4), "reserves", *INCOME_POSTINGS[source])
    post(s.game.fixed_costs, "spend:fixed", "reserves", "rule:fixed_costs", "explain.fixed_costs")


def start_financial_year(tx: Tx) -> None:
    """In April the declared council tax rise takes effect."""
    s = tx.s
    if s.tax_rise is None:
        return
    delta = round(s.income["council_tax"] * s.tax_rise / 100.0)
    tx.income("council_tax", delta, s.tax_cause, "explain.council_tax_rise")
    tx.feed("budget", "feed.council_tax_applied", ("rise", s.tax_rise))
    s.tax_rise = None


def close_year(tx: Tx) -> None:
    """After Q1 the books close; negative reserves mean a section 114 notice."""
    s = tx.s
    year, quarter = s.game.quarter(s.turn)
    if quarter != 1:
        return
    tx.feed("budget", "feed.year_end", ("reserves", s.reserves), ("year", financial_year(year, quarter)))
    if s.reserves < 0:
        s.over = "section_114"
        tx.feed("end", "feed.section_114", ("reserves", s.reserves))
