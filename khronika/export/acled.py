"""ACLED-compatible CSV: ACLED's columns, event types, time and geo precision, conservative
fatalities and sources.

Our codes are finer than ACLED's (a ``raid`` and an ``arrest`` are both ACLED "Arrests"),
so each row also carries ``khronika_type=CODE`` and the other people counts in ``tags``;
our ACLED importer reads them back, which makes export then import give the same
incidents. Incidents ACLED cannot hold are left out and counted: no date, no place, or a
type with no ACLED equivalent (a claim of responsibility, a natural disaster).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from khronika import taxonomy

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
#: ACLED's regions for the countries this desk mostly sees; others are left blank
REGIONS = {"RU": "Europe", "UA": "Europe", "BY": "Europe", "TJ": "Caucasus and Central Asia",
           "UZ": "Caucasus and Central Asia", "KG": "Caucasus and Central Asia",
           "KZ": "Caucasus and Central Asia", "TM": "Caucasus and Central Asia",
           "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
           "GE": "Caucasus and Central Asia", "AF": "South Asia", "TR": "Middle East"}


def disorder_type(event_type: str) -> str:
    if event_type == taxonomy.STRATEGIC:
        return "Strategic developments"
    if event_type == taxonomy.PROTESTS:
        return "Demonstrations"
    return "Political violence"


def acled_row(rec: dict[str, Any]) -> dict[str, Any] | str:
    """One ACLED row of a record, or why the record cannot be one."""
    if rec["type"] not in taxonomy.TYPES:
        return f"unknown type {rec['type']}"
    names = taxonomy.acled_for(rec["type"], detained="detained" in rec["counts"])
    if names is None:
        return f"type {rec['type']} has no ACLED equivalent"
    if not rec["date_start"] or not rec["location"] or rec["lat"] is None:
        return "no date or no located place"
    import pycountry

    country = pycountry.countries.get(alpha_2=rec["country"]) if rec["country"] else None
    killed = (rec["counts"].get("killed") or {}).get("min")
    tags = [f"khronika_type={rec['type']}", f"khronika_incident={rec['id']}",
            "khronika_reports=" + ",".join(map(str, rec["report_ids"]))]
    for kind, c in rec["counts"].items():
        if kind != "killed" and c.get("min") is not None:
            tags.append(f"khronika_{kind}={c['min']}")
    day = dt.date.fromisoformat(rec["date_start"])
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{rec['id']}",
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": TIME_PRECISION.get(rec["date_precision"] or "day", 1),
        "disorder_type": disorder_type(names["event_type"]),
        "event_type": names["event_type"],
        "sub_event_type": names["sub_event_type"],
        "civilian_targeting": "Civilian targeting" if names["event_type"] == taxonomy.VAC
        else "",
        "iso": int(country.numeric) if country else "",
        "region": REGIONS.get(rec["country"] or "", ""),
        "country": country.name if country else "",
        "admin1": rec["admin1"] or "",
        "location": rec["location"],
        "latitude": rec["lat"],
        "longitude": rec["lon"],
        "geo_precision": rec["geo_precision"] or 1,
        "source": "; ".join(dict.fromkeys(str(s["origin"]) for s in rec["sources"])),
        "source_scale": "Other",
        "notes": rec["notes"] or "",
        # ACLED's rule: the lowest reported figure; blank when the profile suppressed it
        "fatalities": "" if killed is None and "killed" in rec["counts"] else (killed or 0),
        "tags": "; ".join(tags),
        "timestamp": int(dt.datetime.now(dt.UTC).timestamp()),
    }


def write_acled(records: list[dict[str, Any]], path: Path) -> dict[str, int]:
    """Write the ACLED CSV; returns why records were left out, with how many each."""
    left_out: dict[str, int] = {}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        for rec in records:
            row = acled_row(rec)
            if isinstance(row, str):
                left_out[row] = left_out.get(row, 0) + 1
                continue
            writer.writerow(row)
    return left_out
