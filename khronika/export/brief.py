"""The brief: headline figures, charts per week, type and region, a map and notable
incidents, every figure with the reports it rests on. Rendered as self-contained HTML
(inline SVG, no external assets) here and as PDF by :mod:`khronika.export.pdf`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from typing import Any

from khronika import taxonomy
from khronika.export import charts
from khronika.export.redact import Profile

HEADLINE_COUNTS = (("detained", "people detained"), ("deported", "people deported"),
                   ("killed", "people killed"), ("injured", "people injured"))
NOTABLE = 8


@dataclass(slots=True)
class Figure:
    """One number in the brief and the reports behind it."""

    label: str
    value: int | None  # None: suppressed by the profile (fewer than its minimum)
    report_ids: list[int]
    note: str = ""

    @property
    def shown(self) -> str:
        return "<5" if self.value is None else str(self.value)


@dataclass(slots=True)
class Brief:
    title: str
    start: dt.date | None
    end: dt.date | None
    profile: str
    headline: list[Figure]
    by_week: list[Figure]
    by_type: list[Figure]
    by_region: list[Figure]
    points: list[tuple[float, float, str, int, str]]
    notable: list[dict[str, Any]]
    sources: dict[int, dict[str, Any]] = field(default_factory=dict)

    def charts(self) -> list[tuple[charts.Drawing, list[Figure]]]:
        def tip(f: Figure) -> str:
            return f"{f.label}: {f.shown} (reports {cite(f.report_ids)})"

        return [
            (charts.column_chart("Incidents per week",
                                 [(f.label[5:], f.value or 0, tip(f)) for f in self.by_week]),
             self.by_week),
            (charts.bar_chart("Incidents by type",
                              [(f.label, f.value or 0, tip(f)) for f in self.by_type]),
             self.by_type),
            (charts.bar_chart("Incidents by region",
                              [(f.label, f.value or 0, tip(f)) for f in self.by_region]),
             self.by_region),
            (charts.dot_map("Map of incidents", self.points), []),
        ]


def cite(ids: list[int], most: int = 12) -> str:
    """Report ids as a short citation: ``#1, #2, #5 … (+9 more)``."""
    shown = ", ".join(f"#{i}" for i in ids[:most])
    return shown + (f" … (+{len(ids) - most} more)" if len(ids) > most else "")


def _union(recs: list[dict[str, Any]]) -> list[int]:
    return sorted({i for r in recs for i in r["report_ids"]})


def build(records: list[dict[str, Any]], profile: Profile, title: str = "Weekly brief",
          start: dt.date | None = None, end: dt.date | None = None) -> Brief:
    """Every figure of the brief from the export records."""
    days = [dt.date.fromisoformat(r["date_start"]) for r in records if r["date_start"]]
    start = start or (min(days) if days else None)
    end = end or (max(days) if days else None)
    headline = [Figure("incidents", len(records), _union(records)),
                Figure("reports", len(_union(records)), _union(records)),
                Figure("urgent incidents", sum(1 for r in records if r["urgency"] > 0),
                       _union([r for r in records if r["urgency"] > 0]))]
    for kind, label in HEADLINE_COUNTS:
        with_kind = [r for r in records if kind in r["counts"]]
        if not with_kind:
            continue
        total = sum(r["counts"][kind]["min"] or 0 for r in with_kind)
        hidden = sum(1 for r in with_kind if r["counts"][kind]["suppressed"])
        ids = sorted({i for r in with_kind for i in r["counts"][kind]["report_ids"]}) \
            or _union(with_kind)
        note = "lowest reported figure per incident"
        if hidden:
            note += f"; {hidden} incident(s) with fewer than {profile.min_count} not shown"
        headline.append(Figure(label, profile.count(total), ids, note))

    def grouped(key: Any, order: str = "count") -> list[Figure]:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in records:
            groups[key(r)].append(r)
        items = sorted(groups.items(), key=(lambda kv: kv[0]) if order == "key"
                       else (lambda kv: (-len(kv[1]), kv[0])))
        return [Figure(k, len(v), _union(v)) for k, v in items]

    def week(r: dict[str, Any]) -> str:
        if not r["date_start"]:
            return "undated"
        d = dt.date.fromisoformat(r["date_start"])
        return (d - dt.timedelta(days=d.weekday())).isoformat()

    def type_label(r: dict[str, Any]) -> str:
        t = taxonomy.TYPES.get(r["type"])
        return t.code.replace("_", " ") if t else r["type"]

    places: dict[tuple[float, float, str], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["lat"] is not None and r["lon"] is not None:
            places[(r["lat"], r["lon"], r["location"] or "?")].append(r)
    points = [(lat, lon, name, len(v), f"{name}: {len(v)} incident(s) (reports "
               f"{cite(_union(v))})") for (lat, lon, name), v in places.items()]
    notable = sorted(records, key=lambda r: (-r["urgency"], -len(r["report_ids"]),
                                             r["date_start"] or ""))[:NOTABLE]
    sources = {s["report_id"]: s for r in records for s in r["sources"]}
    return Brief(title, start, end, profile.name, headline,
                 [f for f in grouped(week, "key") if f.label != "undated"],
                 grouped(type_label), grouped(lambda r: r["admin1"] or r["country"] or
                                              "unknown place"),
                 points, notable, sources)


def counts_text(counts: dict[str, Any]) -> str:
    parts = []
    for kind, c in counts.items():
        lo, hi = c["min"], c["max"]
        if lo is None and c["suppressed"]:
            value = "<5"
        else:
            value = str(lo) if lo == hi or hi is None else f"{lo}–{hi}"
        parts.append(f"{kind} {value}" + (" (sources disagree)" if c["conflict"] else ""))
    return ", ".join(parts)


CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60em;margin:2em auto;color:#222;
line-height:1.4;padding:0 1em}
h1{margin-bottom:0}.period{color:#666}.figures{display:flex;flex-wrap:wrap;gap:.8em}
.fig{border:1px solid #ddd;border-radius:4px;padding:.5em .8em;min-width:9em}
.fig b{font-size:1.6em;display:block}.src{font-size:.8em;color:#555}
table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #eee;
padding:.2em .5em;text-align:left;vertical-align:top}
"""


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page."""
    period = (f"{brief.start.isoformat()} – {brief.end.isoformat()}"
              if brief.start and brief.end else "no dated incidents")
    out = [f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(brief.title)}"
           f"</title><style>{CSS}</style></head><body>",
           f"<h1>{escape(brief.title)}</h1><p class='period'>{escape(period)} · profile "
           f"<b>{escape(brief.profile)}</b> · figures cite report ids (#n); the sources "
           "are listed at the end</p>", "<h2>Headline figures</h2><div class='figures'>"]
    for f in brief.headline:
        out.append(f"<div class='fig'><b>{f.shown}</b>{escape(f.label)}"
                   f"<div class='src'>{escape(f.note)}{'<br>' if f.note else ''}"
                   f"sources: {escape(cite(f.report_ids, 8))}</div></div>")
    out.append("</div>")
    for drawing, figures in brief.charts():
        out.append(f"<h2>{escape(drawing.title)}</h2>{drawing.to_svg()}")
        if figures:
            out.append("<details><summary>figures and their sources</summary><table>")
            out.extend(f"<tr><td>{escape(f.label)}</td><td>{f.shown}</td>"
                       f"<td>{escape(cite(f.report_ids, 30))}</td></tr>" for f in figures)
            out.append("</table></details>")
    out.append("<h2>Notable incidents</h2>")
    for r in brief.notable:
        where = ", ".join(x for x in (r["location"], r["admin1"], r["country"]) if x)
        out.append(f"<h3>{escape(r['type'].replace('_', ' '))} — {escape(where or 'place unknown')}"
                   f", {escape(r['date_start'] or 'date unknown')}</h3>"
                   f"<p>{escape(r['notes'] or '')}</p><p class='src'>"
                   f"{escape(counts_text(r['counts']))}{' · ' if r['counts'] else ''}"
                   f"status {escape(r['status'])} · urgency {r['urgency']} · sources: "
                   f"{escape(cite(r['report_ids']))}</p>")
    out.append("<h2>Sources</h2><table><tr><th>report</th><th>origin</th><th>kind</th>"
               "<th>published</th></tr>")
    for rid in sorted(brief.sources):
        s = brief.sources[rid]
        out.append(f"<tr><td>#{rid}</td><td>{escape(str(s['origin']))}</td>"
                   f"<td>{escape(str(s['kind']))}</td><td>{escape(s['published'] or '')}</td></tr>")
    out.append("</table></body></html>")
    return "".join(out)
