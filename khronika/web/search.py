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
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    Select,
    any_,
    bindparam,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY

from khronika.store.schema import incident_reports, incidents
from khronika.store.store import Store
from khronika.web.cache import cached
from khronika.web.data import ranked, unindexed

#: How many matching reports a search looks at. A query matching more is too broad to
#: read anyway (the page says "1000+"); the cap keeps a search fast on 100k incidents:
#: reading the incidents of 2000 reports and counting their facets took 70-80 ms of a
#: search's time on the bench store (load ~9), of 1000 reports about half that.
MAX_REPORTS = 1000
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
                # the expression of migration 0007's index: redacted text where the
                # text itself is encrypted
                "SELECT id FROM reports WHERE to_tsvector('simple', coalesce(title, '') "
                "|| ' ' || coalesce(search_text, text)) @@ to_tsquery('simple', :q) "
                "LIMIT :n"),
                {"q": tsq, "n": MAX_REPORTS + 1}).scalars().all()
        else:
            # each word a quoted FTS5 prefix term: no FTS operator survives quoting
            fts = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
            ids = conn.execute(text(
                "SELECT rowid FROM reports_fts WHERE reports_fts MATCH :q LIMIT :n"),
                {"q": fts, "n": MAX_REPORTS + 1}).scalars().all()
    capped = len(ids) > MAX_REPORTS
    return [int(i) for i in ids[:MAX_REPORTS]], capped


def _filtered(store: Store, q: Select[Any], f: Filters) -> Select[Any]:
    """``q`` restricted by the filters; see :func:`khronika.web.data.unindexed`."""
    if f.type_:
        q = q.where(unindexed(store, incidents.c.type) == f.type_)
    if f.region:
        q = q.where(unindexed(store, incidents.c.admin1) == f.region)
    if f.status:
        q = q.where(unindexed(store, incidents.c.status) == f.status)
    if f.since:
        q = q.where(unindexed(store, incidents.c.date_start) >= f.since)
    if f.until:
        q = q.where(unindexed(store, incidents.c.date_start) <= f.until)
    return q


def in_ids(store: Store, column: Any, ids: list[int]) -> Any:
    """``column IN ids`` with the ids as one parameter (a JSON array on SQLite, an array
    on PostgreSQL): rendering 2000 separate parameters cost 10 ms per statement."""
    if store.location.backend == "postgresql":
        return column == any_(bindparam(None, [int(i) for i in ids], type_=ARRAY(BigInteger)))
    each = func.json_each(bindparam(None, json.dumps([int(i) for i in ids])))
    return column.in_(select(literal_column("value")).select_from(each))


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
        # the ids as one parameter, as in :func:`in_ids`
        if store.location.backend == "postgresql":
            where.append("x.report_id = ANY(:rids)")
            params["rids"] = [int(i) for i in report_ids]
        else:
            where.append("x.report_id IN (SELECT value FROM json_each(:rids))")
            params["rids"] = json.dumps([int(i) for i in report_ids])
    if store.location.backend == "postgresql":
        if like:
            where.append("CAST(x.result AS TEXT) ILIKE :like")
            params["like"] = like
        sql = ("SELECT x.report_id, j.n - 1, j.e -> 'actors' ->> 'perpetrator' "
               "FROM extractions x, json_array_elements(CASE WHEN "
               "json_typeof(x.result -> 'events') = 'array' "
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
            .where(in_ids(store, incident_reports.c.report_id,
                          sorted({r for r, _, _ in rows})))).all()
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


# positions in a row of COLUMNS
_ID, _TYPE, _DATE, _PLACE, _REGION, _STATUS, _URGENCY, _CREATED = range(8)


def _rank_key(row: Any) -> tuple[Any, ...]:
    return (-int(row[_URGENCY]), str(row[_CREATED] or ""), int(row[_ID]))


def _facets_of(rows: list[Any]) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name, pos in (("type", _TYPE), ("region", _REGION), ("status", _STATUS)):
        counter = Counter(str(r[pos]) for r in rows if r[pos] is not None)
        out[name] = counter.most_common(12)
    # months from the ISO day: cheaper than strftime on 2000 dates
    months = Counter(r[_DATE].isoformat()[:7] for r in rows if r[_DATE])
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
    q = _filtered(store, select(*COLUMNS), filters)
    if filters.perpetrator:
        inc_ids = _perpetrator_incidents(store, filters.perpetrator, report_ids)
        if not inc_ids:
            return out
        q = q.where(in_ids(store, incidents.c.id, inc_ids))
    if report_ids is not None:
        q = q.where(incidents.c.id.in_(
            select(incident_reports.c.incident_id).where(
                in_ids(store, incident_reports.c.report_id, report_ids))))
    # plain tuples: up to 2000 rows are counted, only one page becomes dicts
    with store.connect() as conn:
        rows = list(conn.execute(q).all())
    rows.sort(key=_rank_key)
    out.total = len(rows)
    names = [c.name for c in COLUMNS]
    out.incidents = [dict(zip(names, r, strict=True))
                     for r in rows[RESULTS * page: RESULTS * (page + 1)]]
    out.facets = _facets_of(rows)
    if report_ids is not None:
        perps = _perpetrators_by_incident(store, _perpetrator_rows(store, report_ids, None))
        out.facets["perpetrator"] = _perpetrator_facet(perps, {int(r[_ID]) for r in rows})
    else:
        out.facets["perpetrator"] = [(filters.perpetrator or "", out.total)]
    return out


def _grouped(store: Store, filters: Filters) -> tuple[list[Any], list[Any]]:
    """(type, region, status, n) groups and (day, n) groups of the filtered incidents.

    On SQLite the statements name the rank index (migration 0006), which holds every
    column they read: left to itself the planner walks the type index and fetches every
    row (1.8 s on 100k incidents instead of 60 ms). SQLAlchemy cannot say INDEXED BY, so
    these two are written out; filter values are bound parameters.
    """
    if store.location.backend != "sqlite":
        with store.connect() as conn:
            groups = conn.execute(_filtered(store, select(
                incidents.c.type, incidents.c.admin1, incidents.c.status, func.count())
                .group_by(incidents.c.type, incidents.c.admin1, incidents.c.status),
                filters)).all()
            days = conn.execute(_filtered(store, select(incidents.c.date_start, func.count())
                                          .where(incidents.c.date_start.is_not(None))
                                          .group_by(incidents.c.date_start), filters)).all()
        return list(groups), list(days)
    terms: list[str] = ["1=1"]
    params: dict[str, Any] = {}
    for column, op, value in (("type", "=", filters.type_), ("admin1", "=", filters.region),
                              ("status", "=", filters.status),
                              ("date_start", ">=", filters.since),
                              ("date_start", "<=", filters.until)):
        if value is not None:
            terms.append(f"{column} {op} :p{len(params)}")
            params[f"p{len(params)}"] = value.isoformat() if isinstance(value, dt.date) \
                else value
    where = " AND ".join(terms)
    source = "incidents INDEXED BY ix_incidents_rank"
    with store.connect() as conn:
        groups = conn.execute(text(
            f"SELECT type, admin1, status, count(*) FROM {source} WHERE {where} "
            "GROUP BY type, admin1, status"), params).all()
        days = conn.execute(text(
            f"SELECT date_start, count(*) FROM {source} WHERE {where} "
            "AND date_start IS NOT NULL GROUP BY date_start"), params).all()
    return list(groups), [(dt.date.fromisoformat(str(d)), n) for d, n in days]


def _overall_facets(store: Store, filters: Filters) -> tuple[int, dict[str, Any]]:
    """Total and facets of every incident under ``filters`` (no words)."""
    groups, days = _grouped(store, filters)
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
    q = ranked(_filtered(store, select(*COLUMNS), filters))
    with store.connect() as conn:
        out.incidents = [dict(r) for r in conn.execute(
            q.limit(RESULTS).offset(RESULTS * page)).mappings()]
    return out
