"""Full-text search over reports, answered as incidents with facets.

Facets: type, region, status, month and perpetrator (from extraction's
``events[].actors.perpetrator`` of the events linked to each incident).

The query is cut into words; each word becomes a prefix of its stem (a short list of
Russian and English endings is stripped), so «задержали» finds «задержан», «задержания»
and "detained" finds "detention" — on SQLite FTS5 and PostgreSQL alike (migration 0004).
Words are only ever passed as bound parameters or quoted FTS terms, never spliced into
SQL, so a query like ``' OR 1=1 --`` is just three words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, bindparam, func, select, text

from khronika.store.schema import incident_reports, incidents
from khronika.store.store import Store
from khronika.web.cache import cached

#: How many matching reports a search looks at. A query matching more is too broad to
#: read anyway; the cap keeps a search fast on 100k incidents.
MAX_REPORTS = 2000
MAX_WORDS = 8
RESULTS = 50

# Longest first, so that "-ами" goes before "-и". A stem keeps at least 4 letters: shorter
# prefixes match unrelated words («рын*» would find «рынок» but also «рында»).
_RU_ENDINGS = sorted(
    ["ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ой", "ей", "ий",
     "ый", "ая", "яя", "ое", "ее", "ов", "ев", "ах", "ях", "ам", "ям", "ом", "ем", "ую", "юю",
     "ые", "ие", "ия", "ья", "ью", "ию", "ет", "ют", "ут", "ат", "ят", "ит", "ли", "ла", "ло",
     "ть", "ся", "ан", "ян", "ен", "ал", "ял", "ил", "ел", "ыл", "ы", "и", "а", "я", "о", "е",
     "у", "ю", "ь"], key=len, reverse=True)
_EN_ENDINGS = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s")
_WORD = re.compile(r"\w+", re.UNICODE)


def stem(word: str) -> str:
    """A crude stem: enough to match other forms of the word by prefix."""
    w = word.lower().replace("ё", "е")
    endings = _RU_ENDINGS if re.search("[а-я]", w) else _EN_ENDINGS
    for _ in range(2):  # «задержались» -> «задержали» -> «задержал»
        for end in endings:
            if w.endswith(end) and len(w) - len(end) >= 4:
                w = w[: -len(end)]
                break
        else:
            break
    return w


def terms(query: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(query)[:MAX_WORDS]]


@dataclass(slots=True)
class Filters:
    type_: str | None = None
    region: str | None = None
    status: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    perpetrator: str | None = None

    def key(self) -> tuple[Any, ...]:
        return (self.type_, self.region, self.status, self.since, self.until,
                self.perpetrator)


@dataclass(slots=True)
class Result:
    incidents: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    capped: bool = False


def matching_reports(store: Store, query: str) -> tuple[list[int], bool]:
    """Ids of reports matching every word of ``query`` (capped), and whether capped."""
    words = [w for w in terms(query) if w]
    if not words:
        return [], False
    with store.connect() as conn:
        if store.location.backend == "postgresql":
            tsq = " & ".join(re.sub(r"[^\w]", "", w) + ":*" for w in words)
            ids = conn.execute(text(
                "SELECT id FROM reports WHERE to_tsvector('simple', coalesce(title, '') "
                "|| ' ' || text) @@ to_tsquery('simple', :q) LIMIT :n"),
                {"q": tsq, "n": MAX_REPORTS + 1}).scalars().all()
        else:
            # each word a quoted FTS5 prefix term: no FTS operator survives quoting
            fts = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
            ids = conn.execute(text(
                "SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q LIMIT :n"),
                {"q": fts, "n": MAX_REPORTS + 1}).scalars().all()
    capped = len(ids) > MAX_REPORTS
    return [int(i) for i in ids[:MAX_REPORTS]], capped


def _filtered(q: Select[Any], f: Filters) -> Select[Any]:
    if f.type_:
        q = q.where(incidents.c.type == f.type_)
    if f.region:
        q = q.where(incidents.c.admin1 == f.region)
    if f.status:
        q = q.where(incidents.c.status == f.status)
    if f.since:
        q = q.where(incidents.c.date_start >= f.since)
    if f.until:
        q = q.where(incidents.c.date_start <= f.until)
    return q


# -- perpetrators --------------------------------------------------------------------------


def _perpetrator_rows(store: Store, report_ids: list[int] | None, like: str | None
                      ) -> list[tuple[int, int, str]]:
    """(report id, event index, perpetrator) of the events that name one.

    The JSON is taken apart by the database (json_each / json_array_elements), which is
    several times faster than loading every extraction into Python. ``report_ids``
    restricts the reports; ``like`` keeps only extractions whose JSON contains it (a
    cheap pre-filter before the exact comparison in Python).
    """
    where: list[str] = []
    params: dict[str, Any] = {}
    if report_ids is not None:
        if not report_ids:
            return []
        where.append("x.report_id IN :rids")
        params["rids"] = report_ids
    if store.location.backend == "postgresql":
        if like:
            where.append("CAST(x.result AS TEXT) ILIKE :like")
            params["like"] = like
        sql = ("SELECT x.report_id, j.n - 1, j.e -> 'actors' ->> 'perpetrator' FROM extractions x, "
               "json_array_elements(CASE WHEN json_typeof(x.result -> 'events') = 'array' "
               "THEN x.result -> 'events' ELSE '[]'::json END) WITH ORDINALITY AS j(e, n)")
    else:
        if like:
            where.append("x.result LIKE :like")
            params["like"] = like
        sql = ("SELECT x.report_id, CAST(j.key AS INTEGER), "
               "json_extract(j.value, '$.actors.perpetrator') "
               "FROM extractions x, json_each(x.result, '$.events') j")
    stmt = text(sql + (" WHERE " + " AND ".join(where) if where else "")
                + " ORDER BY x.report_id DESC LIMIT :n")
    if report_ids is not None:
        stmt = stmt.bindparams(bindparam("rids", expanding=True))
    params["n"] = MAX_REPORTS * 8
    with store.connect() as conn:
        rows = conn.execute(stmt, params).all()
    return [(int(r), int(i), str(p).strip()) for r, i, p in rows
            if isinstance(p, str) and p.strip()]


def _perpetrators_by_incident(store: Store, rows: list[tuple[int, int, str]]
                              ) -> dict[int, set[str]]:
    """The perpetrators named by each incident's linked events."""
    if not rows:
        return {}
    wanted = {(r, i): p for r, i, p in rows}
    out: dict[int, set[str]] = {}
    with store.connect() as conn:
        links = conn.execute(
            select(incident_reports.c.incident_id, incident_reports.c.report_id,
                   incident_reports.c.event_index)
            .where(incident_reports.c.report_id.in_(
                bindparam("prids", sorted({r for r, _, _ in rows}), expanding=True)))).all()
    for inc, rid, idx in links:
        name = wanted.get((int(rid), int(idx)))
        if name:
            out.setdefault(int(inc), set()).add(name)
    return out


def _perpetrator_incidents(store: Store, name: str, report_ids: list[int] | None
                           ) -> list[int]:
    """Incidents one of whose events names ``name`` as perpetrator (any letter case)."""
    pattern = "%" + re.sub(r"[%_\\]", "_", name.strip()) + "%"
    rows = [r for r in _perpetrator_rows(store, report_ids, pattern)
            if r[2].casefold() == name.strip().casefold()]
    return sorted(_perpetrators_by_incident(store, rows))


def _perpetrator_facet(by_incident: dict[int, set[str]], ids: set[int] | None
                       ) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for inc, names in by_incident.items():
        if ids is not None and inc not in ids:
            continue
        for n in {x.casefold(): x for x in names}.values():
            shown.setdefault(n.casefold(), n)
            counts[n.casefold()] += 1
    return [(shown[k], n) for k, n in counts.most_common(12)]


# -- the search ----------------------------------------------------------------------------

COLUMNS = (incidents.c.id, incidents.c.type, incidents.c.date_start,
           incidents.c.location_name, incidents.c.admin1, incidents.c.status,
           incidents.c.urgency, incidents.c.created_at)


def _rank_key(row: dict[str, Any]) -> tuple[Any, ...]:
    created = row.get("created_at")
    return (-int(row["urgency"]), str(created or ""), int(row["id"]))


def _facets_of(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name, col in (("type", "type"), ("region", "admin1"), ("status", "status")):
        counter = Counter(str(r[col]) for r in rows if r[col] is not None)
        out[name] = counter.most_common(12)
    months = Counter(r["date_start"].strftime("%Y-%m") for r in rows if r["date_start"])
    out["month"] = sorted(months.items(), reverse=True)[:12]
    return out


def _narrowed(store: Store, query: str, filters: Filters, page: int) -> Result:
    """A search with words or a perpetrator: at most MAX_REPORTS reports, so the matching
    incidents are read once and counted here instead of one query per facet."""
    out = Result()
    report_ids: list[int] | None = None
    if query.strip():
        report_ids, out.capped = matching_reports(store, query)
        if not report_ids:
            return out
    q = _filtered(select(*COLUMNS), filters)
    if filters.perpetrator:
        inc_ids = _perpetrator_incidents(store, filters.perpetrator, report_ids)
        if not inc_ids:
            return out
        q = q.where(incidents.c.id.in_(bindparam("iids", inc_ids, expanding=True)))
    if report_ids is not None:
        q = q.where(incidents.c.id.in_(
            select(incident_reports.c.incident_id).where(incident_reports.c.report_id.in_(
                bindparam("rids", report_ids, expanding=True)))))
    with store.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    rows.sort(key=_rank_key)
    out.total = len(rows)
    out.incidents = rows[RESULTS * page: RESULTS * (page + 1)]
    out.facets = _facets_of(rows)
    if report_ids is not None:
        perps = _perpetrators_by_incident(store, _perpetrator_rows(store, report_ids, None))
        out.facets["perpetrator"] = _perpetrator_facet(perps, {int(r["id"]) for r in rows})
    else:
        out.facets["perpetrator"] = [(filters.perpetrator or "", out.total)]
    return out


def _overall_facets(store: Store, filters: Filters) -> tuple[int, dict[str, Any]]:
    """Total and facets of every incident under ``filters`` (no words): two grouped
    reads of the rank index (migration 0006), which holds every column they need."""

    def hinted(q: Select[Any]) -> Select[Any]:
        if store.location.backend == "sqlite":
            q = q.with_hint(incidents, "INDEXED BY ix_incidents_rank", "sqlite")
        return _filtered(q, filters)

    with store.connect() as conn:
        groups = conn.execute(hinted(
            select(incidents.c.type, incidents.c.admin1, incidents.c.status, func.count())
            .group_by(incidents.c.type, incidents.c.admin1, incidents.c.status))).all()
        days = conn.execute(hinted(
            select(incidents.c.date_start, func.count())
            .where(incidents.c.date_start.is_not(None))
            .group_by(incidents.c.date_start))).all()
    facets: dict[str, Any] = {}
    for name, pos in (("type", 0), ("region", 1), ("status", 2)):
        counter: Counter[str] = Counter()
        for g in groups:
            if g[pos] is not None:
                counter[str(g[pos])] += int(g[3])
        facets[name] = counter.most_common(12)
    months: Counter[str] = Counter()
    for day, n in days:
        months[day.strftime("%Y-%m")] += int(n)
    facets["month"] = sorted(months.items(), reverse=True)[:12]
    # perpetrators of the latest reports only: naming them means reading extractions,
    # and the whole store's would cost seconds per change of the incidents
    perps = _perpetrators_by_incident(store, _perpetrator_rows(store, None, None))
    facets["perpetrator"] = _perpetrator_facet(perps, None)
    return sum(int(g[3]) for g in groups), facets


def search(store: Store, query: str, filters: Filters, page: int = 0) -> Result:
    """Incidents whose reports match ``query`` (all incidents when empty), with facets."""
    if query.strip() or filters.perpetrator:
        return _narrowed(store, query, filters, page)
    out = Result()
    out.total, out.facets = cached(store, ("search-facets", filters.key()),
                                   lambda: _overall_facets(store, filters))
    q = _filtered(select(*COLUMNS), filters)
    if store.location.backend == "sqlite":
        q = q.with_hint(incidents, "INDEXED BY ix_incidents_rank", "sqlite")
    q = q.order_by(incidents.c.urgency.desc(), incidents.c.created_at)
    with store.connect() as conn:
        out.incidents = [dict(r) for r in conn.execute(
            q.limit(RESULTS).offset(RESULTS * page)).mappings()]
    return out
