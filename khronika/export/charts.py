"""Charts drawn by hand: a tiny list of shapes that renders to inline SVG and into a PDF.

One drawing feeds both the HTML brief (SVG, no external assets) and the PDF brief (fpdf2
primitives), so the two cannot show different figures. Coordinates are in points of a
``width`` x ``height`` canvas with the origin at the top left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

PALETTE = ["#3b6ea8", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"]
INK = "#222222"
GRID = "#dddddd"


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    size: float = 8
    anchor: str = "start"  # start | middle | end
    fill: str = INK


Shape = Rect | Circle | Line | Label


@dataclass(slots=True)
class Drawing:
    title: str
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)

    def to_svg(self) -> str:
        """Inline SVG markup (each bar and dot carries its figure and sources as a tooltip)."""
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width:g} '
               f'{self.height:g}" width="{self.width:g}" height="{self.height:g}" role="img" '
               f'aria-label="{escape(self.title)}" font-family="DejaVu Sans, sans-serif">']
        for s in self.shapes:
            tip = f"<title>{escape(s.tip)}</title>" \
                if isinstance(s, Rect | Circle) and s.tip else ""
            if isinstance(s, Rect):
                out.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" '
                           f'height="{s.h:.1f}" fill="{s.fill}">{tip}</rect>')
            elif isinstance(s, Circle):
                out.append(f'<circle cx="{s.cx:.1f}" cy="{s.cy:.1f}" r="{s.r:.1f}" '
                           f'fill="{s.fill}" fill-opacity="0.75">{tip}</circle>')
            elif isinstance(s, Line):
                out.append(f'<line x1="{s.x1:.1f}" y1="{s.y1:.1f}" x2="{s.x2:.1f}" '
                           f'y2="{s.y2:.1f}" stroke="{s.stroke}" stroke-width="0.6"/>')
            else:
                out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size:g}" '
                           f'text-anchor="{s.anchor}" fill="{s.fill}">{escape(s.text)}</text>')
        out.append("</svg>")
        return "".join(out)

    def to_pdf(self, pdf: Any, x: float, y: float, scale: float, font: str) -> None:
        """Draw onto an fpdf2 page at (x, y) in the page's units, ``scale`` units per point."""
        for s in self.shapes:
            if isinstance(s, Rect):
                pdf.set_fill_color(*_rgb(s.fill))
                pdf.rect(x + s.x * scale, y + s.y * scale, s.w * scale, s.h * scale, style="F")
            elif isinstance(s, Circle):
                pdf.set_fill_color(*_rgb(s.fill))
                r = s.r * scale
                pdf.ellipse(x + s.cx * scale - r, y + s.cy * scale - r, 2 * r, 2 * r, style="F")
            elif isinstance(s, Line):
                pdf.set_draw_color(*_rgb(s.stroke))
                pdf.set_line_width(0.15)
                pdf.line(x + s.x1 * scale, y + s.y1 * scale, x + s.x2 * scale, y + s.y2 * scale)
            else:
                pdf.set_font(font, size=s.size * scale * 2.83)  # points from units (mm)
                pdf.set_text_color(*_rgb(s.fill))
                width = pdf.get_string_width(s.text)
                dx = {"start": 0.0, "middle": width / 2, "end": width}[s.anchor]
                pdf.text(x + s.x * scale - dx, y + s.y * scale, s.text)
        pdf.set_text_color(0, 0, 0)


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def bar_chart(title: str, bars: list[tuple[str, int, str]], width: float = 480,
              bar_h: float = 16) -> Drawing:
    """Horizontal bars: (label, value, tooltip with the sources)."""
    label_w = 150.0
    height = 20 + len(bars) * (bar_h + 4) + 6
    d = Drawing(title, width, max(height, 40))
    top = max((v for _l, v, _t in bars), default=0) or 1
    span = width - label_w - 40
    d.shapes.append(Line(label_w, 12, label_w, height - 4))
    for i, (label, value, tip) in enumerate(bars):
        y = 16 + i * (bar_h + 4)
        short = label if len(label) <= 26 else label[:25] + "…"
        d.shapes.append(Label(label_w - 4, y + bar_h * 0.7, short, anchor="end"))
        w = span * value / top
        d.shapes.append(Rect(label_w, y, max(w, 0.5), bar_h, PALETTE[0], tip))
        d.shapes.append(Label(label_w + w + 4, y + bar_h * 0.7, str(value)))
    return d


def column_chart(title: str, columns: list[tuple[str, int, str]], width: float = 480,
                 height: float = 170) -> Drawing:
    """Vertical columns over time: (label, value, tooltip)."""
    d = Drawing(title, width, height)
    left, bottom, top_pad = 30.0, height - 28, 12.0
    top = max((v for _l, v, _t in columns), default=0) or 1
    n = max(len(columns), 1)
    slot = (width - left - 8) / n
    for frac in (0.0, 0.5, 1.0):
        y = bottom - (bottom - top_pad) * frac
        d.shapes.append(Line(left, y, width - 4, y))
        d.shapes.append(Label(left - 4, y + 3, f"{round(top * frac)}", anchor="end", size=7))
    every = max(1, n // 8)  # at most about eight date labels so that they do not overlap
    for i, (label, value, tip) in enumerate(columns):
        h = (bottom - top_pad) * value / top
        x = left + i * slot + slot * 0.15
        d.shapes.append(Rect(x, bottom - h, slot * 0.7, max(h, 0.5), PALETTE[1], tip))
        if i % every == 0:
            d.shapes.append(Label(x + slot * 0.35, bottom + 12, label, size=7, anchor="middle"))
    return d


def dot_map(title: str, points: list[tuple[float, float, str, int, str]],
            width: float = 480, height: float = 300) -> Drawing:
    """Incidents on an equirectangular grid: (lat, lon, label, weight, tooltip).

    No base map is drawn (none can be had offline); a graticule and place labels orient.
    """
    d = Drawing(title, width, height)
    if not points:
        d.shapes.append(Label(width / 2, height / 2, "no located incidents", anchor="middle"))
        return d
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    pad = 1.0
    s, n = min(lats) - pad, max(lats) + pad
    w, e = min(lons) - pad, max(lons) + pad
    sx = (width - 20) / (e - w)
    sy = (height - 20) / (n - s)
    k = min(sx, sy)
    d.height = height = max((n - s) * k + 20, 80)  # no empty band under a wide, flat area

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 10 + (lon - w) * k, 10 + (n - lat) * k

    step = 1 if max(e - w, n - s) < 12 else 5 if max(e - w, n - s) < 60 else 15
    for meridian in range(int(w) - int(w) % step, int(e) + step, step):
        x, _ = xy(s, meridian)
        if 10 <= x <= width - 10:
            d.shapes.append(Line(x, 10, x, height - 10))
            d.shapes.append(Label(x + 2, height - 12, f"{meridian}°E", size=6, fill="#888888"))
    for parallel in range(int(s) - int(s) % step, int(n) + step, step):
        _, y = xy(parallel, w)
        if 10 <= y <= height - 10:
            d.shapes.append(Line(10, y, width - 10, y))
            d.shapes.append(Label(12, y - 2, f"{parallel}°N", size=6, fill="#888888"))
    top = max(p[3] for p in points) or 1
    labelled: set[str] = set()
    for lat, lon, label, weight, tip in sorted(points, key=lambda p: -p[3]):
        x, y = xy(lat, lon)
        d.shapes.append(Circle(x, y, 3 + 9 * (weight / top) ** 0.5, PALETTE[1], tip))
        if label not in labelled and len(labelled) < 15:
            labelled.add(label)
            d.shapes.append(Label(x + 6, y - 4, label, size=7))
    return d
