"""Charts of a topic's estimates over time, as PNG bytes for any platform to attach.

    png = render_claims_chart(claims_history(db, "dprk"))

One panel per series (a metric for one group of people and period kind), sharing a
date axis: an exact figure is a dot, a range ("10,000 to 12,000", "several hundred") a
vertical bar, an open bound ("more than 3,000") a dot with an arrow pointing the way the
true figure lies. Each claimant keeps one colour across panels. matplotlib is imported
only when a chart is drawn, with the Agg backend (no display, safe in a server thread).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from handlers.commands import ClaimsReply, HistoryEntry, SeriesView
from handlers.series import claimant_key

MAX_PANELS = 4
PANEL_HEIGHT = 2.5  # inches
WIDTH = 11.0  # inches
DPI = 100
LOG_SCALE_SPREAD = 20  # use a log axis when the largest figure is this many times the least
LABEL_CHARS = 38


@dataclass(frozen=True)
class _Point:
    when: date
    low: int | None
    high: int | None
    figure: str
    colour_key: str


def render_claims_chart(reply: ClaimsReply) -> bytes:
    """Draw `reply`'s series over time and return the PNG file's bytes."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    panels = [view for view in reply.series if _points(view)][:MAX_PANELS]
    figure = Figure(figsize=(WIDTH, 1.4 + PANEL_HEIGHT * max(len(panels), 1)), dpi=DPI)
    title = f"{reply.topic.key} — {reply.topic.name}: estimates over time"
    figure.suptitle(_short(title, 90), fontsize=14, fontweight="bold")
    if not panels:
        axes = figure.add_subplot()
        axes.axis("off")
        axes.text(0.5, 0.5, "No dated estimates yet", ha="center", va="center", fontsize=13)
        return _png(figure)
    colours = _claimant_colours(panels)
    legend_inches = _legend_height(colours)
    figure.set_figheight(figure.get_figheight() + legend_inches)
    axes_list = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    for axes, view in zip(axes_list, panels):
        _draw_series(axes, view, colours)
    _date_axis(axes_list[-1])
    _legend(figure, colours)
    hidden = len([view for view in reply.series if _points(view)]) - len(panels)
    if hidden > 0:
        figure.text(0.99, 0.005, f"+{hidden} more series not shown (see the table)",
                    fontsize=8, color="#555555", ha="right")
    figure.tight_layout(rect=(0, legend_inches / figure.get_figheight(), 1, 0.96))
    return _png(figure)


def _points(view: SeriesView) -> list[_Point]:
    points = []
    for entry in view.history:
        when = _parse_date(entry.stated_on)
        if when is None or (entry.low is None and entry.high is None):
            continue
        points.append(_Point(when, entry.low, entry.high, entry.figure, _colour_key(entry)))
    return sorted(points, key=lambda point: point.when)


def _colour_key(entry: HistoryEntry) -> str:
    return claimant_key(entry.claimant) or entry.claimant


def _claimant_colours(panels: list[SeriesView]) -> dict[str, tuple[str, str]]:
    """Colour key -> (colour, label), in order of first appearance."""
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
               "#17becf", "#7f7f7f", "#bcbd22"]
    colours: dict[str, tuple[str, str]] = {}
    entries = sorted((entry for view in panels for entry in view.history),
                     key=lambda entry: entry.stated_on)
    for entry in entries:
        key = _colour_key(entry)
        if key not in colours:
            colour = palette[len(colours) % len(palette)]
            colours[key] = (colour, _short(entry.claimant, LABEL_CHARS))
    return colours


def _draw_series(axes, view: SeriesView, colours: dict[str, tuple[str, str]]) -> None:
    points = _points(view)
    values = [value for point in points for value in (point.low, point.high) if value]
    if values and max(values) / max(min(values), 1) >= LOG_SCALE_SPREAD:
        axes.set_yscale("log")
    for point in points:
        _draw_point(axes, point, colours[point.colour_key][0])
    axes.set_title(_short(view.label, 80), fontsize=10, loc="left")
    axes.grid(True, axis="y", alpha=0.3)
    axes.margins(x=0.12)
    if values:  # head room for labels and the arrows of open bounds
        if axes.get_yscale() == "log":
            axes.set_ylim(bottom=min(values) / 3, top=max(values) * 4)
        else:
            axes.set_ylim(bottom=0, top=max(values) * 1.4)
            axes.yaxis.set_major_locator(_integer_locator())
    axes.yaxis.set_major_formatter(_thousands_formatter())


def _draw_point(axes, point: _Point, colour: str) -> None:
    low, high = point.low, point.high
    if low is not None and high is not None and low != high:
        axes.vlines(point.when, low, high, colors=colour, linewidth=6, alpha=0.75)
        anchor = high
    else:
        anchor = low if low is not None else high
        axes.plot([point.when], [anchor], marker="o", markersize=7, color=colour)
        if low is None or high is None:  # open bound: the truth lies beyond the figure
            direction = 26 if high is None else -26
            axes.annotate("", xy=(point.when, anchor), xytext=(0, direction),
                          textcoords="offset points",
                          arrowprops={"arrowstyle": "<|-", "color": colour, "lw": 2})
    axes.annotate(_short(point.figure, 24), xy=(point.when, anchor), xytext=(6, 4),
                  textcoords="offset points", fontsize=8, color="#222222")


def _date_axis(axes) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.set_xlabel("date the figure was stated")


def _legend(figure, colours: dict[str, tuple[str, str]]) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([0], [0], marker="o", color=colour, linewidth=4, label=label)
               for colour, label in colours.values()]
    figure.legend(handles=handles, loc="lower center", ncol=min(len(handles), 3),
                  title="claimed by", fontsize=9, title_fontsize=9, frameon=False)


def _legend_height(colours: dict[str, tuple[str, str]]) -> float:
    """Inches the legend needs below the panels."""
    rows = -(-len(colours) // 3)
    return 0.45 + 0.22 * rows


def _integer_locator():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=5, integer=True)


def _thousands_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 or value == 0
                         else f"{value:g}")


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
