"""Full-text search over reports, answered as incidents with facets.

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


def search(store: Store, query: str, filters: Filters, page: int = 0) -> Result:
    """Incidents whose reports match ``query`` (all incidents when empty), with facets."""
    out = Result()
    cols = (incidents.c.id, incidents.c.type, incidents.c.date_start,
            incidents.c.location_name, incidents.c.admin1, incidents.c.status,
            incidents.c.urgency)
    base = select(*cols)
    if query.strip():
        report_ids, out.capped = matching_reports(store, query)
        if not report_ids:
            return out
        inc_ids = (select(incident_reports.c.incident_id)
                   .where(incident_reports.c.report_id.in_(
                       bindparam("rids", report_ids, expanding=True))))
        base = base.where(incidents.c.id.in_(inc_ids))
    base = _filtered(base, filters)
    sub = base.subquery()
    with store.connect() as conn:
        out.total = int(conn.execute(select(func.count()).select_from(sub)).scalar_one())
        rows = conn.execute(base.order_by(incidents.c.urgency.desc(),
                                          incidents.c.date_start.desc(), incidents.c.id)
                            .limit(RESULTS).offset(RESULTS * page)).mappings().all()
        out.incidents = [dict(r) for r in rows]
        for name, col in (("type", sub.c.type), ("region", sub.c.admin1),
                          ("status", sub.c.status)):
            facet = conn.execute(select(col, func.count()).where(col.is_not(None))
                                 .group_by(col).order_by(func.count().desc()).limit(12)).all()
            out.facets[name] = [(str(v), int(n)) for v, n in facet]
        months: Counter[str] = Counter()
        for day, n in conn.execute(select(sub.c.date_start, func.count())
                                   .where(sub.c.date_start.is_not(None))
                                   .group_by(sub.c.date_start)):
            months[day.strftime("%Y-%m")] += int(n)
        out.facets["month"] = sorted(months.items(), reverse=True)[:12]
    return out
