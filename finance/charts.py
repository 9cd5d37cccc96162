"""Server-rendered SVG bar charts: no script, no CDN, readable without colour (values are labelled)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    x: int
    y: int
    width: int
    height: int
    series: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    baseline: int
    series_names: list[str]


def bar_chart(title: str, labels: list[str], series: dict[str, list[Decimal]], height: int = 200) -> Chart:
    """Lay out grouped bars, one group per label and one bar per series."""
    names = list(series)
    values = [abs(Decimal(v)) for vals in series.values() for v in vals] or [Decimal(0)]
    top = max(values) or Decimal(1)
    group, bar_w, gap = len(names) * 22 + 16, 20, 16
    bars = []
    for i, label in enumerate(labels):
        for j, name in enumerate(names):
            value = Decimal(series[name][i])
            h = int(abs(value) / top * (height - 40))
            x = 40 + i * group + j * (bar_w + 2)
            bars.append(
                Bar(label=label if j == 0 else "", value=value, x=x, y=height - 20 - h, width=bar_w, height=h, series=j)
            )
    return Chart(
        title=title,
        bars=bars,
        width=max(40 + len(labels) * group + gap, 200),
        height=height,
        baseline=height - 20,
        series_names=names,
    )
