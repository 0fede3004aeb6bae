"""ACLED CSV importer: existing ACLED data as reports with their events already coded.

Each row becomes one report whose text is the row's ``notes`` followed by a line naming
the ACLED event (so that two events with the same notes stay two reports), and whose
``meta["events"]`` holds the event in the extraction contract's shape. The flow stores that
event instead of extracting the text again (ACLED's coding is better than a re-reading of
its own summary), and the linker turns it into an incident as usual.

Types: a ``khronika_type=CODE`` tag (written by our own ACLED export) gives the project code
exactly; otherwise the sub-event type is mapped through :data:`khronika.taxonomy.FROM_ACLED_SUB`.

Actors: ``actor1`` and ``actor2`` become the event's ``perpetrator`` and ``victims`` (the
contract's names, so search and the desk see them like extracted ones); all of ACLED's
actor columns (:data:`ACTOR_COLUMNS`, the interaction codes as numbers) are kept as they
were in the event's ``acled`` object, from which our ACLED export writes them back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from khronika import taxonomy
from khronika.intake.base import ReadOptions, parse_when
from khronika.intake.files import Item, Problem
from khronika.intake.tabular import csv_rows
from khronika.store.store import NewReport

REQUIRED = ("event_date", "sub_event_type", "country", "location", "latitude", "longitude")
#: ACLED time_precision -> our date precision
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
TAG_TYPE = "khronika_type="
#: ACLED's actor columns, in the order of its files.
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction")
#: ACLED's actor types: the numeric interaction codes of its codebook and the names its
#: newer files write in inter1/inter2 instead.
INTER: dict[int, str] = {1: "State forces", 2: "Rebel group", 3: "Political militia",
                         4: "Identity militia", 5: "Rioters", 6: "Protesters", 7: "Civilians",
                         8: "External/Other forces"}
_INTER_BY_NAME = {name.lower(): code for code, name in INTER.items()} | {
    "rebel groups": 2, "political militias": 3, "identity militias": 4,
    "external/other forces": 8, "other forces": 8}


def inter_code(value: str) -> int | str | None:
    """An inter1/inter2 cell as ACLED's numeric code; text it does not know stays text."""
    value = value.strip()
    if not value or value == "0":
        return None
    if value.isdigit():
        return int(value)
    return _INTER_BY_NAME.get(value.lower(), value)


def actor_columns(cell: dict[str, str]) -> dict[str, Any]:
    """The non-empty actor columns of a row (interaction types as codes)."""
    out: dict[str, Any] = {}
    for name in ACTOR_COLUMNS:
        value = cell.get(name, "").strip()
        if name in ("inter1", "inter2"):
            code = inter_code(value)
            if code is not None:
                out[name] = code
        elif value:
            out[name] = int(value) if name == "interaction" and value.isdigit() else value
    return out


def looks_like_acled(header_line: str) -> bool:
    """True for the header of an ACLED export."""
    lower = header_line.lower()
    return "event_date" in lower and "sub_event_type" in lower


def country_code(name: str, iso_numeric: str) -> str | None:
    """ISO alpha-2 from ACLED's numeric ``iso`` or its country name."""
    import pycountry

    found = None
    if iso_numeric.strip().isdigit():
        found = pycountry.countries.get(numeric=iso_numeric.strip().zfill(3))
    if found is None and name.strip():
        try:
            found = pycountry.countries.lookup(name.strip())
        except LookupError:
            found = None
    return str(found.alpha_2) if found is not None else None


def _tags(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(";"):
        key, sep, val = part.strip().partition("=")
        if sep:
            out[key.strip()] = val.strip()
    return out


def row_event(cell: dict[str, str]) -> dict[str, Any] | str:
    """The contract-shaped event of one ACLED row, or the reason there is none."""
    tags = _tags(cell.get("tags", ""))
    code = tags.get(TAG_TYPE.rstrip("="))
    if code not in taxonomy.TYPES:
        sub = cell.get("sub_event_type", "").strip()
        code = taxonomy.FROM_ACLED_SUB.get(sub.lower())
        if code is None:
            return (f"unknown sub_event_type {sub!r}; ACLED's are: "
                    f"{', '.join(sorted(taxonomy.FROM_ACLED_SUB))}")
    when = parse_when(cell.get("event_date"))
    if when is None:
        return f"event_date {cell.get('event_date')!r} is not a date"
    try:
        lat, lon = float(cell["latitude"]), float(cell["longitude"])
    except ValueError:
        return f"latitude/longitude {cell['latitude']!r}, {cell['longitude']!r} are not numbers"
    fatalities = cell.get("fatalities", "").strip()
    if fatalities and not fatalities.isdigit():
        return f"fatalities {fatalities!r} is not a whole number"
    counts: dict[str, Any] = {"killed": None, "injured": None, "detained": None,
                              "deported": None, "participants": None}
    if fatalities and int(fatalities) > 0:
        counts["killed"] = {"min": int(fatalities), "max": int(fatalities),
                            "text": f"fatalities: {fatalities}"}
    for key, value in tags.items():  # our export writes the other counts as tags
        kind = key.removeprefix("khronika_")
        if kind in counts and kind != "killed" and value.isdigit():
            counts[kind] = {"min": int(value), "max": int(value), "text": f"{kind}: {value}"}
    geo = cell.get("geo_precision", "").strip()
    day = when.date().isoformat()
    actors = actor_columns(cell)
    return {
        "type": code,
        "acled": {"event_type": cell.get("event_type", ""),
                  "sub_event_type": cell.get("sub_event_type", ""), **actors},
        "date": {"start": day, "end": day,
                 "precision": TIME_PRECISION.get(cell.get("time_precision", "").strip(), "day")},
        "location": {"name": cell["location"].strip(), "geonameid": None, "lat": lat, "lon": lon,
                     "country": country_code(cell.get("country", ""), cell.get("iso", "")),
                     "admin1": cell.get("admin1", "").strip() or None,
                     "precision": int(geo) if geo.isdigit() else None},
        "counts": counts,
        "actors": {role: actors[column] for role, column in (("perpetrator", "actor1"),
                                                               ("victims", "actor2"))
                   if column in actors},
        "attribution": [{"source": s.strip(), "text": s.strip(), "start": 0, "end": 0}
                        for s in cell.get("source", "").split(";") if s.strip()],
        "certainty": "reported",
        "confidence": 1.0,
        "evidence": [],
    }


def row_item(path: Path, where: str, header: Sequence[str], row: Sequence[str]) -> Item | Problem:
    """One report with its coded event from one ACLED row."""
    if len(row) < len(header):
        return Problem(where, f"row has {len(row)} fields, the header has {len(header)}")
    cell = {h.strip().lower(): v for h, v in zip(header, row, strict=False)}
    event = row_event(cell)
    if isinstance(event, str):
        return Problem(where, event)
    eid = cell.get("event_id_cnty", "").strip()
    notes = cell.get("notes", "").strip()
    line = (f"ACLED {eid or '(no id)'}: {cell.get('sub_event_type', '').strip()}, "
            f"{event['location']['name']}, {event['date']['start']}")
    text = f"{notes}\n\n{line}" if notes else line
    meta = {"acled": {k: v for k, v in cell.items() if v.strip() and k != "notes"},
            "events": [event]}
    return Item(NewReport(
        text=text, origin=cell.get("source", "").strip() or str(path), kind="acled",
        external_id=eid or None, published=dt.date.fromisoformat(event["date"]["start"]),
        meta=meta,
    ), where)


def read_acled(path: Path, options: ReadOptions | None = None) -> Iterator[Item | Problem]:
    """Reports with coded events from an ACLED CSV export, streamed."""
    header: list[str] | None = None
    for entry in csv_rows(path):
        if isinstance(entry, Problem):
            yield entry
            continue
        line, row = entry
        if header is None:
            header = row
            lower = {h.strip().lower() for h in header}
            missing = [c for c in REQUIRED if c not in lower]
            if missing:
                yield Problem(f"{path}:{line}", f"not an ACLED file: missing column(s) "
                              f"{', '.join(missing)}")
                return
            continue
        yield row_item(path, f"{path}:{line}", header, row)
