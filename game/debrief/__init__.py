"""The debrief (DESIGN §2.1, §3.9, §3.10): what happened, why, and what the real council did.

`build_debrief(state, hints_used)` gives the data both the in-game screen and
the HTML report show; `write_html` writes the one-file report, `text_report`
the command line's version.
"""

from .attribution import Attribution, attribute
from .build import build_debrief, series_of
from .charts import chart_png
from .history import history_turns, run_history
from .model import AwardFit, CynefinEntry, Debrief, Decision, EventHit, HistoryStep, HistoryView, Move, Series
from .report_html import render_html, write_html
from .report_text import text_report

__all__ = [
    "Attribution", "AwardFit", "CynefinEntry", "Debrief", "Decision", "EventHit", "HistoryStep", "HistoryView",
    "Move", "Series", "attribute", "build_debrief", "chart_png", "history_turns", "render_html", "run_history", "series_of", "text_report",
    "write_html",
]
