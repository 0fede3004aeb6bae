"""Flat exports of the collected records: CSV (one row per incident), JSON and GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from khronika.model import COUNT_KINDS

CSV_COLUMNS = [
    "id", "type", "acled_event_type", "acled_sub_event_type", "date_start", "date_end",
    "date_precision", "location", "country", "admin1", "lat", "lon", "geo_precision",
    *[f"{k}_min" for k in COUNT_KINDS], *[f"{k}_max" for k in COUNT_KINDS],
    "count_conflicts", "status", "urgency", "urgency_reasons", "report_ids", "sources", "notes",
]


def csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    """One flat CSV row of a record; lists are joined with ``;``."""
    row = {k: rec.get(k) for k in CSV_COLUMNS if k in rec}
    for kind in COUNT_KINDS:
        c = rec["counts"].get(kind) or {}
        row[f"{kind}_min"] = c.get("min")
        row[f"{kind}_max"] = c.get("max")
    row["count_conflicts"] = ";".join(k for k, c in rec["counts"].items() if c.get("conflict"))
    row["urgency_reasons"] = ";".join(rec["urgency_reasons"])
    row["report_ids"] = ";".join(map(str, rec["report_ids"]))
    row["sources"] = "; ".join(f"{s['report_id']}: {s['origin']}" for s in rec["sources"])
    return row


def write_csv(records: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for rec in records:
            writer.writerow(csv_row(rec))


def write_json(records: list[dict[str, Any]], path: Path, profile: str) -> None:
    payload = {"generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "profile": profile, "incidents": records}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def to_geojson(records: list[dict[str, Any]], profile: str) -> dict[str, Any]:
    """A FeatureCollection: a Point per located incident, null geometry for the rest."""
    features = []
    for rec in records:
        props = {k: v for k, v in rec.items() if k not in ("lat", "lon")}
        geometry = None
        if rec["lat"] is not None and rec["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]}
        features.append({"type": "Feature", "id": rec["id"], "geometry": geometry,
                         "properties": props})
    return {"type": "FeatureCollection", "features": features,
            "khronika": {"profile": profile}}


def write_geojson(records: list[dict[str, Any]], path: Path, profile: str) -> None:
    path.write_text(json.dumps(to_geojson(records, profile), ensure_ascii=False),
                    encoding="utf-8")
