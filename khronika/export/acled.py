"""ACLED-compatible CSV: ACLED's columns, event types, time and geo precision, conservative
fatalities and sources.

Our codes are finer than ACLED's (a ``raid`` and an ``arrest`` are both ACLED "Arrests"),
so each row also carries ``khronika_type=CODE`` and the other people counts in ``tags``;
our ACLED importer reads them back, which makes export then import give the same
incidents. Incidents ACLED cannot hold are left out and counted: no date, no place, or a
type with no ACLED equivalent (a claim of responsibility, a natural disaster).

Actors (:func:`incident_actors`): an incident imported from ACLED keeps the actor columns
it came with; otherwise ``actor1`` is the perpetrator and ``actor2`` the victims its
reports' events name most often, with ACLED's actor type (``inter1``/``inter2``) where a
word of the name says it (:data:`INTER_WORDS`), and blank where nothing is known. Names go
through the export's redaction profile like every other text.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from khronika import taxonomy
from khronika.export.redact import Profile
from khronika.intake.acled import ACTOR_COLUMNS
from khronika.store.schema import extractions, incident_reports
from khronika.store.store import Store, chunked

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


#: Words that give an actor's ACLED type (its inter code), English and Russian stems;
#: the first type with a matching word wins, so state forces are tried before civilians
#: ("police officers" is not "workers").
INTER_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("police", "military", "army", "soldier", "troops", "armed forces", "security serv",
         "border guard", "national guard", "officers", "fsb", "omon", "полици", "омон",
         "фсб", "росгвард", "военн", "силовик", "пограничн", "сотрудник", "приставы")),
    (6, ("protester", "demonstrator", "протестующ", "митингующ", "демонстрант")),
    (5, ("mob", "rioter", "толп", "погромщик")),
    (3, ("gunm", "armed group", "assailant", "attacker", "unidentified armed", "боевик",
         "вооружённ", "вооруженн", "нападавш")),
    (7, ("civilian", "migrant", "resident", "worker", "villager", "people", "famil",
         "journalist", "lawyer", "мигрант", "жител", "рабоч", "граждан", "люд", "семь",
         "журналист", "адвокат")),
)


def guess_inter(name: str) -> int | None:
    """ACLED's actor type of a name from its words, or None when no word says it."""
    low = name.lower()
    for code, words in INTER_WORDS:
        if any(re.search(r"(?<!\w)" + re.escape(w), low) for w in words):
            return code
    return None


def _interaction(inter1: Any, inter2: Any) -> int | str:
    """ACLED's interaction code: both actor types, the smaller first; ``N0`` for one."""
    if isinstance(inter1, int) and isinstance(inter2, int):
        low, high = sorted((inter1, inter2))
        return low * 10 + high
    if isinstance(inter1, int) and not inter2:
        return inter1 * 10
    return ""


def _linked_events(store: Store, incident_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The events (latest extraction) each incident is linked to, by report order."""
    links: dict[int, list[tuple[int, int]]] = {}
    results: dict[int, dict[str, Any]] = {}
    with store.connect() as conn:
        for part in chunked(incident_ids, 500):
            for inc, rep, idx in conn.execute(
                    select(incident_reports.c.incident_id, incident_reports.c.report_id,
                           incident_reports.c.event_index)
                    .where(incident_reports.c.incident_id.in_(part))
                    .order_by(incident_reports.c.report_id, incident_reports.c.event_index)):
                links.setdefault(int(inc), []).append((int(rep), int(idx)))
        report_ids = sorted({r for pairs in links.values() for r, _ in pairs})
        for part in chunked(report_ids, 500):
            for rep, result in conn.execute(
                    select(extractions.c.report_id, extractions.c.result)
                    .where(extractions.c.report_id.in_(part)).order_by(extractions.c.id)):
                results[int(rep)] = result or {}  # the latest extraction wins
    out: dict[int, list[dict[str, Any]]] = {}
    for inc, pairs in links.items():
        for rep, idx in pairs:
            events = results.get(rep, {}).get("events") or []
            if 0 <= idx < len(events) and isinstance(events[idx], dict):
                out.setdefault(inc, []).append(events[idx])
    return out


def _most_named(events: list[dict[str, Any]], role: str) -> str:
    names = [str(a[role]).strip() for e in events
             if isinstance(a := e.get("actors"), dict) and isinstance(a.get(role), str)]
    named = Counter(n for n in names if n)
    return named.most_common(1)[0][0] if named else ""


def actors_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    """ACLED's actor columns for an incident's events (see the module's docstring)."""
    for event in events:
        coded = event.get("acled")
        if isinstance(coded, dict) and any(coded.get(c) for c in ACTOR_COLUMNS):
            return {c: coded.get(c, "") for c in ACTOR_COLUMNS}
    actor1, actor2 = _most_named(events, "perpetrator"), _most_named(events, "victims")
    inter1 = guess_inter(actor1) if actor1 else None
    inter2 = guess_inter(actor2) if actor2 else None
    return {"actor1": actor1, "assoc_actor_1": "", "inter1": inter1 or "", "actor2": actor2,
            "assoc_actor_2": "", "inter2": inter2 or "",
            "interaction": _interaction(inter1, inter2) if actor1 else ""}


def incident_actors(store: Store, records: Iterable[dict[str, Any]],
                    profile: Profile) -> dict[int, dict[str, Any]]:
    """ACLED's actor columns of each record's incident, names as ``profile`` shows them."""
    events = _linked_events(store, [int(r["id"]) for r in records])
    out: dict[int, dict[str, Any]] = {}
    for inc, evs in events.items():
        columns = actors_of(evs)
        for name in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
            if columns[name]:
                columns[name] = profile.text(str(columns[name])) or ""
        out[inc] = columns
    return out


def disorder_type(event_type: str) -> str:
    if event_type == taxonomy.STRATEGIC:
        return "Strategic developments"
    if event_type == taxonomy.PROTESTS:
        return "Demonstrations"
    return "Political violence"


def acled_row(rec: dict[str, Any],
              actors: dict[str, Any] | None = None) -> dict[str, Any] | str:
    """One ACLED row of a record (with its ``actors`` columns), or why it cannot be one."""
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
        **(actors or {}),
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


def write_acled(records: list[dict[str, Any]], path: Path,
                actors: dict[int, dict[str, Any]] | None = None) -> dict[str, int]:
    """Write the ACLED CSV (``actors``: :func:`incident_actors`, else actors are blank);
    returns why records were left out, with how many each."""
    left_out: dict[str, int] = {}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        for rec in records:
            row = acled_row(rec, (actors or {}).get(int(rec["id"])))
            if isinstance(row, str):
                left_out[row] = left_out.get(row, 0) + 1
                continue
            writer.writerow(row)
    return left_out
