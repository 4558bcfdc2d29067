"""Charts of results in one style, for the projector and the reports: plain numbers in, a Figure out.

    figure = plots.choice_bars(["Mehr Grün", "Mehr Busse"], [12, 30], title="Was fehlt?")
    png = plots.to_png(figure)

The style is made to be read from the back of a café and by people who do not see every colour:
large type, no grid clutter, the Okabe–Ito palette (distinguishable with the common forms of colour
blindness), every bar labelled with its number, so colour is never the only carrier of meaning.

Every text in a figure is drawn as text: labels can be participants' proposals, so a ``$`` never
starts mathematics (`plain_text`). Arabic and Farsi are shaped and laid out right to left by
matplotlib itself (3.11 and later); pass the labels in their logical order, as typed.

Figures are made with `matplotlib.figure.Figure`, never `pyplot`: no global state, nothing shown,
safe in a kernel that redraws while others draw.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text

# Okabe & Ito (2008), "Color Universal Design": distinguishable with protanopia, deuteranopia and tritanopia.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
AGREE, DISAGREE, PASS = "#0072B2", "#D55E00", "#BBBBBB"
INK = "#1a1a1a"
PROJECTOR_SIZE = (16, 9)  # inches at 120 dpi: 1920 × 1080

STYLE = {
    "font.family": "DejaVu Sans",  # Latin, Cyrillic, Arabic and Farsi letters; matplotlib ships it
    "font.size": 22,
    "axes.titlesize": 28,
    "axes.titleweight": "bold",
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
    "text.usetex": False,
}


def choice_bars(labels: Sequence[str], counts: Sequence[int], *, title: str = "", value_labels: Sequence[str] | None = None, size=PROJECTOR_SIZE) -> Figure:
    """Horizontal bars, one per option, in the given order, each with its count and share.

    For single and multiple choice, approval and dot totals. `value_labels` replace the numbers
    written at the bars' ends (e.g. "3 Punkte", in the reader's language and grammar); the share
    follows them. An empty result (no votes yet) gives an empty frame with zeros, not an error.
    """
    _check_lengths(labels, counts)
    if value_labels is not None:
        _check_lengths(labels, value_labels)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]  # the first option on top
        axes.barh(positions, counts, color=OKABE_ITO[0], height=0.6)
        total = sum(counts)
        for index, (position, count) in enumerate(zip(positions, counts)):
            share = f" ({count / total:.0%})" if total else ""
            written = value_labels[index] if value_labels is not None else str(count)
            axes.annotate(f" {written}{share}", (count, position), va="center", fontsize=20)
        axes.set_yticks(positions, labels)
        axes.set_xlim(0, max([*counts, 1]) * 1.4)
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
        _title(axes, title)
    return plain_text(figure)


def diverging_bars(rows: Sequence[str], counts: Sequence[Sequence[int]], point_labels: Sequence[str], *, title: str = "", size=PROJECTOR_SIZE) -> Figure:
    """Diverging stacked bars for scales (one row) and matrices (one row per item).

    `counts[i][j]` is how many chose point j for row i; points run from most negative to most
    positive. The middle point of an odd scale is split around zero; shares, not counts, are drawn,
    so rows with different numbers of answers compare.
    """
    _check_lengths(rows, counts)
    points = len(point_labels)
    if any(len(row) != points for row in counts):
        raise ValueError(f"every row needs {points} counts, one per scale point")
    colours = _diverging_colours(points)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        for position, row in zip(positions, counts):
            total = sum(row) or 1
            shares = [count / total for count in row]
            half = points // 2
            middle = shares[half] / 2 if points % 2 else 0.0
            left = -(sum(shares[:half]) + middle)
            for index, share in enumerate(shares):
                axes.barh(position, share, left=left, color=colours[index], height=0.6, label=point_labels[index] if position == positions[0] else None)
                if share >= 0.06:
                    axes.text(left + share / 2, position, f"{share:.0%}", ha="center", va="center", fontsize=18, color=_ink_on(colours[index]))
                left += share
        axes.axvline(0, color=INK, linewidth=1)
        axes.spines["left"].set_visible(False)
        axes.set_yticks(positions, rows)
        axes.set_xlim(-1, 1)
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=points, frameon=False, fontsize=18)
        _title(axes, title)
    return plain_text(figure)


def stance_bars(statements: Sequence[str], agree: Sequence[int], disagree: Sequence[int], passed: Sequence[int], labels: Sequence[str] = ("agree", "disagree", "pass"), *, title: str = "", size=PROJECTOR_SIZE) -> Figure:
    """One bar per statement, for statements voted agree / disagree / pass.

    Agreement is drawn to the right of the axis, disagreement to the left, as shares of those who
    took a side; the number who passed is written at the end of the row.
    """
    for column in (agree, disagree, passed):
        _check_lengths(statements, column)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(statements)))[::-1]
        for position, yes, no, skipped in zip(positions, agree, disagree, passed):
            sided = (yes + no) or 1
            axes.barh(position, yes / sided, color=AGREE, height=0.6, label=labels[0] if position == positions[0] else None)
            axes.barh(position, -no / sided, color=DISAGREE, height=0.6, label=labels[1] if position == positions[0] else None)
            axes.text(1.02, position, f"{yes} / {no} / {skipped}", va="center", fontsize=18)
        axes.axvline(0, color=INK, linewidth=1)
        axes.spines["left"].set_visible(False)
        axes.set_yticks(positions, statements)
        axes.set_xlim(-1, 1.3)
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, frameon=False, fontsize=18)
        _title(axes, f"{title}\n{labels[0]} / {labels[1]} / {labels[2]}" if title else "")
    return plain_text(figure)


def ranking_order(items: Sequence[str], *, method: str, title: str = "", size=PROJECTOR_SIZE) -> Figure:
    """The current order of a ranking, first at the top, naming the counting method that made it.

    `items` may hold tied places as one text each ("B = C"); the method's name is written under the
    list (e.g. "Schulze method, 42 ballots"), so that nobody takes the order for a simple count.
    """
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        axes.set_axis_off()
        rows = max(len(items), 1)
        for place, item in enumerate(items, start=1):
            y = 1 - place / (rows + 1)
            axes.text(0.02, y, f"{place}.", fontsize=30, fontweight="bold", va="center", color=OKABE_ITO[0])
            axes.text(0.09, y, item, fontsize=28, va="center")
        axes.text(0.02, 0.0, method, fontsize=18, va="bottom", style="italic")
        _title(axes, title)
    return plain_text(figure)


REPORT_SIZE = (9, 4.5)


def published_bars(labels: Sequence[str], counts: Sequence[int | None], *, title: str = "", hidden: str = "×", total: int | None = None, size=REPORT_SIZE) -> Figure:
    """Choice bars for a published table: a hidden count (None) has no bar, only `hidden` written
    where its number would be, so a chart never shows what its table hides. Shares are of `total`
    (the respondents) when it is given and shown."""
    _check_lengths(labels, counts)
    with matplotlib.rc_context({**STYLE, "font.size": 13, "axes.titlesize": 15}):
        figure = Figure(figsize=size, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        shown = [count or 0 for count in counts]
        axes.barh(positions, shown, color=OKABE_ITO[0], height=0.6)
        for position, count in zip(positions, counts):
            text = f" {hidden}" if count is None else f" {count}" + (f" ({count / total:.0%})" if total else "")
            axes.annotate(text, (count or 0, position), va="center", fontsize=12)
        axes.set_yticks(positions, labels)
        axes.set_xlim(0, max([*shown, 1]) * 1.3)
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
        if title:
            axes.set_title(title, loc="left", pad=10)
    return plain_text(figure)


def plain_text(figure: Figure) -> Figure:
    """Every text in `figure` drawn as typed: no ``$...$`` mathematics (labels can be participants')."""
    for text in figure.findobj(Text):
        text.set_parse_math(False)
    return figure


def to_png(figure: Figure, dpi: int = 120) -> bytes:
    """The figure as PNG bytes (for an ipywidgets Image, or embedded in a report)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _title(axes, title: str) -> None:
    if title:
        axes.set_title(title, loc="left", pad=16)


def _check_lengths(labels: Sequence, values: Sequence) -> None:
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels but {len(values)} values")


def _diverging_colours(points: int) -> list[str]:
    """Vermilion shades for the negative end, blue for the positive, grey in the middle; the
    extremes darkest. Any number of points."""
    half = points // 2
    shades = [(index + 1) / half for index in range(half)]  # light (near the middle) to dark
    negative = [_blend("#F7CDB8", "#A63D00", shade) for shade in reversed(shades)]
    positive = [_blend("#9AC8E8", "#004B75", shade) for shade in shades]
    return negative + (["#BBBBBB"] if points % 2 else []) + positive


def _blend(light: str, dark: str, share: float) -> str:
    one, two = _rgb(light), _rgb(dark)
    return "#" + "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(one, two))


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _ink_on(colour: str) -> str:
    """Black or white text, whichever reads better on `colour`."""
    red, green, blue = _rgb(colour)
    return INK if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"
