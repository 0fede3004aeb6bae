"""Bar charts as SVG geometry computed on the server: no chart library, no JavaScript.

Templates draw the rectangles; every bar links to the search that lists its incidents,
and the table of figures sits under each chart.
"""

from __future__ import annotations

from typing import Any

# Colour-blind-safe palette (Okabe–Ito), one colour per type in the legend order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
WIDTH, HEIGHT, PAD = 760, 240, 28


def weekly_bars(weekly: dict[str, Any]) -> dict[str, Any]:
    """Stacked bars per week: one segment per type, grey for all other types."""
    rows = weekly["rows"]
    if not rows:
        return {"bars": [], "legend": [], "max": 0, "width": WIDTH, "height": HEIGHT}
    top = max((r["total"] for r in rows), default=0) or 1
    slot = (WIDTH - PAD) / len(rows)
    bars = []
    for i, r in enumerate(rows):
        y = HEIGHT - PAD
        segs = []
        parts = [(t, r["counts"][t]) for t in weekly["types"]] + [("other", r["other"])]
        for j, (type_, n) in enumerate(parts):
            if not n:
                continue
            h = (HEIGHT - 2 * PAD) * n / top
            y -= h
            segs.append({"x": PAD + i * slot + 2, "y": round(y, 1), "w": round(slot - 4, 1),
                         "h": round(h, 1), "colour": PALETTE[min(j, len(PALETTE) - 1)],
                         "type": type_, "n": n})
        bars.append({"week": r["week"], "total": r["total"], "segments": segs,
                     "label_x": round(PAD + i * slot + slot / 2, 1)})
    legend = [{"type": t, "colour": PALETTE[min(j, len(PALETTE) - 1)]}
              for j, t in enumerate([*weekly["types"], "other"])]
    return {"bars": bars, "legend": legend, "max": top, "width": WIDTH, "height": HEIGHT}


def region_bars(regions: list[dict[str, Any]]) -> dict[str, Any]:
    """Horizontal bars, one per region, longest first."""
    top = max((r["count"] for r in regions), default=0) or 1
    row = 22
    bars = [{"region": r["region"], "count": r["count"], "y": i * row,
             "w": round((WIDTH - 260) * r["count"] / top, 1)} for i, r in enumerate(regions)]
    return {"bars": bars, "width": WIDTH, "height": max(row, row * len(regions))}
