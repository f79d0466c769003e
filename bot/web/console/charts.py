"""Charts for the console's overview, drawn on the server by matplotlib as SVG.

No script and no outside address: the page embeds the SVG inline, so it works under the console's CSP.
Text stays text in the SVG (``svg.fonttype = none``), so Japanese labels are drawn by the browser's own
fonts rather than needing a CJK font on the server. Each chart is drawn from a :class:`Table`, the same
rows the page offers as a CSV download.
"""

from __future__ import annotations

import base64
import csv
import io
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display on a server
from matplotlib import pyplot  # noqa: E402 - after choosing the backend
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from faq.text.sanitise import csv_cell, svg_label  # noqa: E402

# One colour per series, never reused within a chart (answered, もしかして, no answer, safety, flow).
COLOURS = ("#1d4f91", "#e0a100", "#b3261e", "#1e6b30", "#7a4fa3", "#5f5f5f")


@dataclass(frozen=True)
class Table:
    """A chart's data: a label column and one or more number series."""

    key: str  # also the CSV's file name
    title: str
    label: str  # the first column's heading
    series: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float, ...]], ...]
    kind: str = "bar"  # bar (stacked) | barh (stacked, for long labels)
    unit: str = "件数"  # the value axis's title; counts get whole-number ticks

    @property
    def empty(self) -> bool:
        """Nothing to draw: no rows, or only zeros."""
        return not any(value for _, values in self.rows for value in values)

    def csv_bytes(self) -> bytes:
        """UTF-8 with a BOM, so that Excel opens the Japanese headings correctly."""
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow([csv_cell(self.label), *map(csv_cell, self.series)])
        for label, values in self.rows:
            writer.writerow([csv_cell(label), *(int(v) if float(v).is_integer() else v for v in values)])
        return out.getvalue().encode("utf-8-sig")


# Charts drawn, by their data: a view of numbers that have not changed draws nothing (a chart costs
# 0.1-1 s of CPU). A chart has at most 90 rows (the longest period), under 200 KB as a data: URI, so the
# cache stays under about 6 MB.
CACHED_CHARTS = 32
_drawn: OrderedDict[Table, str] = OrderedDict()
_drawn_lock = threading.Lock()


def cached_uri(table: Table) -> str | None:
    """The chart's data: URI if it was drawn from the same data lately, else None."""
    with _drawn_lock:
        uri = _drawn.get(table)
        if uri is not None:
            _drawn.move_to_end(table)
        return uri


def data_uri(table: Table) -> str:
    """The chart for an <img src>: the console's CSP allows data: images, and an SVG shown as an image
    keeps its own styles (an inline <svg>'s style attributes would be refused by ``style-src 'self'``)."""
    uri = cached_uri(table)
    if uri is not None:
        return uri
    drawn = svg(table)
    uri = (
        "data:image/svg+xml;base64," + base64.b64encode(drawn.encode("utf-8")).decode("ascii")
        if drawn
        else ""
    )
    with _drawn_lock:
        _drawn[table] = uri
        while len(_drawn) > CACHED_CHARTS:
            _drawn.popitem(last=False)
    return uri


def svg(table: Table) -> str:
    """The chart as an SVG document (scales with its box), or "" when there is nothing to draw."""
    if table.empty:
        return ""
    # Labels are residents' words: svg_label makes them plain text, never a mathtext formula.
    # 12 pt: the chart is shown scaled to the page; on a 360-px phone a 9-pt label shrank to about 4 px.
    with matplotlib.rc_context({"svg.fonttype": "none", "font.size": 12}), warnings.catch_warnings():
        # Japanese glyphs are measured with the default font but drawn by the browser (text stays text).
        warnings.filterwarnings("ignore", message="Glyph .* missing from current font")
        figure: Figure = pyplot.figure(
            figsize=(7.2, 3.2 if table.kind == "bar" else 0.35 * len(table.rows) + 1)
        )
        try:
            axes = figure.add_subplot()
            labels = [svg_label(label) for label, _ in table.rows]
            base = [0.0] * len(labels)
            for index, name in enumerate(table.series):
                values = [values[index] for _, values in table.rows]
                colour = COLOURS[index % len(COLOURS)]
                if table.kind == "barh":
                    axes.barh(labels, values, left=base, label=svg_label(name), color=colour)
                else:
                    axes.bar(labels, values, bottom=base, label=svg_label(name), color=colour)
                base = [b + v for b, v in zip(base, values, strict=True)]
            value_axis = axes.xaxis if table.kind == "barh" else axes.yaxis
            if table.unit == "件数":
                value_axis.set_major_locator(MaxNLocator(integer=True))  # no 0.5 of a question
            if table.kind == "barh":
                axes.invert_yaxis()
                axes.set_xlabel(table.unit)  # the rows name themselves; a rotated title would cover them
            else:
                axes.tick_params(axis="x", labelrotation=45 if len(labels) > 8 else 0)
                axes.set_xlabel(svg_label(table.label))
                axes.set_ylabel(table.unit)
            if len(table.series) > 1:  # beside the plot, never over the bars
                axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
            axes.spines[["top", "right"]].set_visible(False)
            figure.tight_layout()
            if table.kind == "barh":
                # tight_layout measures Japanese with a font lacking it (too narrow), which cut long labels
                # (「域づくり・地域運営」): leave room for the widest label, a full-width character ~ 1 em
                widest = max((_em_width(label) for label in labels), default=0.0)
                figure.subplots_adjust(left=min(0.55, 0.04 + widest * 12 / 72 / figure.get_figwidth()))
            if len(table.series) > 1:
                # tight_layout measures Japanese with a font lacking it (too narrow): keep the legend's room
                figure.subplots_adjust(right=0.78)
            out = io.StringIO()
            figure.savefig(out, format="svg")
        finally:
            pyplot.close(figure)
    return out.getvalue()


def _em_width(text: str) -> float:
    """A label's width in ems: full-width characters one, others about half."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.55 for c in text)
