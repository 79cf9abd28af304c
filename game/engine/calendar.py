"""Turns are quarters; the financial year starts in Q2 (April) and closes after Q1."""

from __future__ import annotations

QUARTER_MONTHS = ("Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec")


def quarter_of(start_year: int, start_quarter: int, turn: int) -> tuple[int, int]:
    """Calendar (year, quarter) of a 1-based turn."""
    index = start_year * 4 + (start_quarter - 1) + (turn - 1)
    return index // 4, index % 4 + 1


def turn_of(start_year: int, start_quarter: int, year: int, quarter: int) -> int:
    """1-based turn of a calendar quarter (may be outside the game)."""
    return (year * 4 + quarter - 1) - (start_year * 4 + start_quarter - 1) + 1


def financial_year(year: int, quarter: int) -> int:
    """The year in which the financial year containing this quarter began."""
    return year if quarter >= 2 else year - 1


def label(year: int, quarter: int) -> str:
    return f"{QUARTER_MONTHS[quarter - 1]} {year} (Q{quarter})"


def fy_label(year: int, quarter: int) -> str:
    fy = financial_year(year, quarter)
    return f"{fy}/{str(fy + 1)[-2:]}"
