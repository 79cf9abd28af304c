"""Debrief charts drawn with matplotlib's Agg renderer into PNG bytes (no window, no pyplot state).

The HTML report inlines them as base64; the in-game screen can load the same
bytes into a surface. Colours come from the Okabe–Ito palette, which stays
distinguishable for the common forms of colour blindness.
"""

from __future__ import annotations

import io
from typing import Sequence

from .model import Series

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#999999", "#882255", "#44AA99", "#117733")
HISTORY_STYLE = {"color": "#555555", "linestyle": "--", "linewidth": 1.6}
KINDS = ("reserves", "weighted", "outcomes", "trust", "demand")
TITLES = {
    "reserves": ("Reserves", "£m"),
    "weighted": ("Weighted outcome", "score (0–100)"),
    "outcomes": ("Outcomes by problem", "score (0–100)"),
    "trust": ("Trust by stakeholder", "trust (0–100)"),
    "demand": ("Demand by problem", "index (start = 100)"),
}


def chart_png(kind: str, series: Series, history: Series | None = None, *, width: float = 7.5,
              height: float = 3.2, dpi: int = 110) -> bytes:
    """One chart as PNG bytes. `history` adds the real council's path where the chart has one line."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if kind not in KINDS:
        raise ValueError(f"unknown chart {kind!r}; one of {', '.join(KINDS)}")
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    title, unit = TITLES[kind]
    if kind in ("reserves", "weighted"):
        values = series.reserves if kind == "reserves" else series.weighted_outcome
        ax.plot(series.points, values, color=PALETTE[0], linewidth=2.2, label="your council")
        if history is not None:
            past = history.reserves if kind == "reserves" else history.weighted_outcome
            ax.plot(history.points, past, label="the real council's decisions", **HISTORY_STYLE)
        if kind == "reserves":
            ax.axhline(0, color="#B00020", linewidth=1, alpha=0.7)
    else:
        lines = {"outcomes": series.outcomes, "trust": series.trust, "demand": series.demand}[kind]
        for i, (key, values) in enumerate(lines.items()):
            ax.plot(series.points, values, color=PALETTE[i % len(PALETTE)], linewidth=1.6,
                    linestyle="-" if i < len(PALETTE) else ":", label=series.names.get(key, key))
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylabel(unit, fontsize=9)
    _turn_axis(ax, series.labels)
    ax.grid(True, alpha=0.25)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7.5, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.subplots_adjust(left=0.09, right=0.70, bottom=0.14, top=0.88)  # the same plot area on every chart
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _turn_axis(ax, labels: Sequence[str]) -> None:  # noqa: ANN001
    step = max(1, len(labels) // 8)
    ticks = list(range(0, len(labels), step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([labels[i] for i in ticks], fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlim(0, max(1, len(labels) - 1))
