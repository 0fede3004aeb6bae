"""Linking stored reports to incidents: one report on ingest, or all of them again.

A :class:`Linker` (one per import; :func:`link_report` makes one for a single report)
compares each event of a report with the incidents the store holds in the same event family,
within :data:`~khronika.link.score.WINDOW_DAYS` days and near the same place (one indexed
query, or with ``index=True`` the same test in memory, :mod:`khronika.link.candidates`),
each through its :data:`~khronika.link.index.MAX_MEMBERS` most recent members; joins the
best one scoring at or above the threshold or opens a new one; stores the decision with its
score and reason on the link row, updates the incident's fields and appends the change to
the log. What it read of an incident (its recent members, the running
:class:`~khronika.link.incident.Summary` of all of them) is kept for the next report, as long
as the incident's ``version`` shows nobody else changed it, so that the work per report does
not grow with the store or with the incident.

A call of :meth:`Linker.link_many` (a batch of reports, one transaction) takes the change
log's lock once, before its first event, and writes in bulk when it ends, or before it
reads what it has not written yet: the link rows in one statement, each incident it changed
once (with every join counted in its version, as one update per join would), the change-log
entries in one statement chained from the head read under that lock.

:func:`relink_all` links every stored report that has an extraction: either only those not
linked yet, or (``rebuild=True``) from scratch through the in-memory index, written in bulk.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, bindparam, delete, func, select, update

from khronika.link.blocks import features_of
from khronika.link.candidates import BOX_LAT, BOX_LON, CandidateIndex
from khronika.link.features import LinkFeatures, related_families
from khronika.link.incident import Member, Summary, summarise
from khronika.link.index import MAX_MEMBERS, Decision, LinkIndex
from khronika.link.score import (
    WINDOW_DAYS,
    Comparison,
    Gated,
    ceiling,
    gates,
    scored,
    verdict,
)
from khronika.store.schema import (
    extractions,
    incident_merges,
    incident_reports,
    incidents,
    reports,
)
from khronika.store.store import Change, Store, utcnow

ACTOR = "linker"

#: Incidents a :class:`Linker` remembers (least recently used dropped first): some 10 KB
#: each for an incident of a hundred short reports, so at most tens of MB.
REMEMBERED = 5_000

#: Candidate incidents read per event: far more than the incidents of one family, place and
#: fortnight in any corpus seen; a bound on the work when a store holds a flood of them.
MAX_CANDIDATES = 500


class LinkError(Exception):
    """A linking request that cannot be carried out; the message says why and what to do."""


def features_for(conn: Connection, report_id: int, text: str,
                 result: dict[str, Any]) -> list[LinkFeatures]:
    """Link features of every event of a stored report's extraction."""
    row = conn.execute(
        select(reports.c.published, reports.c.received_at, reports.c.origin)
        .where(reports.c.id == report_id)
    ).first()
    published: Any = None
    origin = None
    if row is not None:
        published = row.published or (row.received_at.date() if row.received_at else None)
        origin = row.origin
    return features_of(text, result, published, origin)


def _candidate_queries() -> dict[str, Any]:
    """The candidate query in its three shapes (built once: building a statement costs
    more than running it), by what the event knows of its place."""
    c = incidents.c
    base = select(c.id, c.version).where(
        c.family.in_(bindparam("families", expanding=True))
        & c.date_start.between(bindparam("first"), bindparam("last"))
    ).limit(MAX_CANDIDATES)
    return {
        # a box a little larger than MAX_KM; exact distances are checked by compare()
        "box": base.where((c.lat.between(bindparam("south"), bindparam("north"))
                           & c.lon.between(bindparam("west"), bindparam("east")))
                          | (c.lat.is_(None) & c.location_name.is_(None))),
        "admin1": base.where((c.admin1 == bindparam("admin1")) | c.location_name.is_(None)),
        "anywhere": base,
    }


_CANDIDATES = _candidate_queries()


def _candidate_rows(conn: Connection, f: LinkFeatures) -> Any:
    """Incidents (id, version) that could hold ``f``: family, days and place around it."""
    assert f.day is not None
    day = dt.date.fromordinal(f.day)
    params: dict[str, Any] = {"families": related_families(f.family),
                              "first": day - dt.timedelta(days=WINDOW_DAYS),
                              "last": day + dt.timedelta(days=WINDOW_DAYS)}
    if f.lat is not None and f.lon is not None:
        params |= {"south": f.lat - BOX_LAT, "north": f.lat + BOX_LAT,
                   "west": f.lon - BOX_LON, "east": f.lon + BOX_LON}
        return conn.execute(_CANDIDATES["box"], params)
    if f.admin1:
        return conn.execute(_CANDIDATES["admin1"], params | {"admin1": f.admin1})
    return conn.execute(_CANDIDATES["anywhere"], params)


def recent_members(conn: Connection, ids: Sequence[int]) -> dict[int, list[Member]]:
    """The :data:`MAX_MEMBERS` most recent members (report id, then event index) of each
    incident, oldest first: one query whose cost does not grow with the incidents' size."""
    ir = incident_reports.c
    rank = func.row_number().over(partition_by=ir.incident_id,
                                  order_by=(ir.report_id.desc(), ir.event_index.desc()))
    ranked = (select(ir.incident_id, ir.report_id, ir.event_index, ir.features,
                     rank.label("n"))
              .where(ir.incident_id.in_(ids) & ir.features.is_not(None)).subquery())
    out: dict[int, list[Member]] = {int(i): [] for i in ids}
    for inc, rid, idx, feats in conn.execute(
        select(ranked.c.incident_id, ranked.c.report_id, ranked.c.event_index,
               ranked.c.features)
        .where(ranked.c.n <= MAX_MEMBERS)
        .order_by(ranked.c.incident_id, ranked.c.report_id, ranked.c.event_index)
    ):
        if feats:
            out[int(inc)].append((int(rid), int(idx), LinkFeatures.from_json(feats)))
    return out


def _gates(f: LinkFeatures) -> tuple[Any, ...]:
    """What the hard gates of :func:`~khronika.link.score.compare` read (event family,
    dates, places): members alike in these pass or fail the gates together."""
    return (f.family, f.day, f.day_end, f.precision, f.day_source, f.lat, f.lon, f.geonameid,
            f.place, f.admin1, f.country, f.place_precision)


class _Comparer:
    """Compares one event with the members of candidate incidents.

    Most candidates fail a hard gate of :func:`~khronika.link.score.compare` (another day,
    another family), and what the gates find depends only on the fields :func:`_gates`
    lists (its key, passed here as any hashable): members alike in those are gated once, in
    this incident or any other candidate of the event. Of the members that pass, only those
    whose :func:`~khronika.link.score.ceiling` could still beat the best found are scored.
    """

    def __init__(self, f: LinkFeatures, memo: dict[Hashable, _Bounded] | None = None,
                 mine: Hashable = None) -> None:
        self.f = f
        self.gated: dict[Hashable, Comparison | Gated] = {}
        #: (``mine``, a group's key) -> what the gates and the loose ceiling make of the
        #: group (see :meth:`winner`). ``mine`` stands for what they read of ``f``: events
        #: alike in it may share one memo (a linker keeps one for a whole import).
        self.memo = {} if memo is None else memo
        self.mine = mine

    def _gates(self, m: LinkFeatures, key: Hashable) -> Comparison | Gated:
        found = self.gated.get(key)
        if found is None:
            found = self.gated[key] = gates(self.f, m)
        return found

    def best(self, members: list[Member], keys: Sequence[Hashable]) -> Comparison:
        """The comparison with the member that agrees best (compatible ones first; on a
        tie the most recent member)."""
        best: Comparison | None = None
        other: Comparison | None = None  # the best incompatible one, if none is compatible
        for (_, _, m), key in zip(reversed(members), reversed(keys), strict=True):
            g = self._gates(m, key)
            c = g if isinstance(g, Comparison) else scored(self.f, m, g)
            if c.compatible and (best is None or c.score > best.score):
                best = c
            elif not c.compatible and (other is None or c.score > other.score):
                other = c
        result = best or other
        assert result is not None, "an incident has at least one member"
        return result

    def winner(self, candidates: Iterable[tuple[int, Sequence[_Alike]]]
               ) -> tuple[int, Comparison] | None:
        """What :func:`~khronika.link.score.decide` picks from the :meth:`best` of each
        candidate (in the order given, each incident's members newest first): the
        compatible comparison of the highest score, on a tie the first in that order.

        A candidate is an incident id with its recent members grouped by what the gates
        and a loose ceiling of the score read (:func:`_alike`): a group is gated once and
        given one loose ceiling. Groups are taken highest ceiling first; in a group, each
        member is given its exact ceiling and scored only if that could beat the best found;
        the search stops when no group left could. The same pick, for a fraction of the
        scoring.
        """
        f, memo, mine = self.f, self.memo, self.mine
        queue: list[tuple[float, int, int, int, _Alike, Gated]] = []
        for at, (inc, groups) in enumerate(candidates):
            for group in groups:
                bounded = memo.get((mine, group.key))
                if bounded is None:
                    first = group.members[0][1]
                    g = gates(f, first)
                    bounded = memo[mine, group.key] = (
                        (None, 0.0) if isinstance(g, Comparison)  # stopped at a gate
                        else (g, ceiling(f, first, g, exact_numbers=False)))
                if bounded[0] is not None:
                    queue.append((-bounded[1], at, group.members[0][0], inc, group,
                                  bounded[0]))
        queue.sort(key=lambda q: q[:3])  # highest ceiling first, then decide's order
        best: tuple[int, Comparison] | None = None
        best_at = (0, 0)
        for neg, at, _, inc, group, g in queue:
            if best is not None and -neg < best[1].score:
                break  # every ceiling left is lower still
            for pos, m in group.members:
                if best is not None:
                    top = ceiling(f, m, g)
                    if top < best[1].score or (top == best[1].score and (at, pos) > best_at):
                        continue  # could at most tie with the best, and comes after it
                c = scored(f, m, g)
                if c.compatible and (best is None or c.score > best[1].score
                                     or (c.score == best[1].score and (at, pos) < best_at)):
                    best, best_at = (inc, c), (at, pos)
        return best


#: What the gates and the loose ceiling make of a group of members: (what the gates leave,
#: the ceiling), or (None, 0) when it stops at a gate.
_Bounded = tuple[Gated | None, float]

#: Entries of a linker's memo of gated groups (see _Comparer) before it is emptied: some
#: 200 bytes each.
MEMO_MAX = 200_000


@dataclass(frozen=True, slots=True)
class _Alike:
    """Members of an incident alike in what the gates and the loose ceiling read."""

    #: (gate key, event type, no names, no text, no figures)
    key: tuple[Hashable, str, bool, bool, bool]
    members: list[tuple[int, LinkFeatures]]  # (position, newest first; features)


def _alike(members: Sequence[Member], keys: Sequence[Hashable]) -> list[_Alike]:
    """``members`` (oldest first) grouped for :meth:`_Comparer.winner`."""
    groups: dict[tuple[Hashable, str, bool, bool, bool], list[tuple[int, LinkFeatures]]] = {}
    last = len(members) - 1
    for i in range(last, -1, -1):
        m = members[i][2]
        key = (keys[i], m.type, not m.names, not m.sketch, not m.numbers)
        groups.setdefault(key, []).append((last - i, m))
    return [_Alike(key, ms) for key, ms in groups.items()]


def best_comparison(f: LinkFeatures, members: list[Member]) -> Comparison:
    """The comparison of ``f`` with the member that agrees best (compatible ones first;
    on a tie the most recent member)."""
    return _Comparer(f).best(members, [_gates(m) for _, _, m in members])


def members_of(conn: Connection, incident_id: int) -> list[Member]:
    """The member events of an incident, from the link rows."""
    return [
        (int(r.report_id), int(r.event_index), LinkFeatures.from_json(r.features))
        for r in conn.execute(
            select(incident_reports.c.report_id, incident_reports.c.event_index,
                   incident_reports.c.features)
            .where(incident_reports.c.incident_id == incident_id)
        )
        if r.features
    ]


def recompute(conn: Connection, incident_id: int) -> dict[str, Any]:
    """Recompute an incident's fields from its members and store them; returns them."""
    members = members_of(conn, incident_id)
    if not members:
        return {}
    values = summarise(members)
    conn.execute(
        update(incidents).where(incidents.c.id == incident_id)
        .values(**values, updated_at=utcnow(), version=incidents.c.version + 1)
    )
    return values


def _insert_incident(conn: Connection, members: list[Member],
                     values: dict[str, Any] | None = None) -> int:
    now = utcnow()
    pk = conn.execute(_INSERT_INCIDENT, {**(values or summarise(members)),
                                         "status": "unverified", "created_at": now,
                                         "updated_at": now, "version": 1}
                      ).inserted_primary_key
    assert pk is not None
    return int(pk[0])


# Statements run for every event, built once; their values are passed as parameters.
_INSERT_INCIDENT = incidents.insert()
_INSERT_LINK = incident_reports.insert()
#: an incident's new fields, only if it still has the version read ("seen")
_UPDATE_SEEN = update(incidents).where((incidents.c.id == bindparam("inc"))
                                       & (incidents.c.version == bindparam("seen")))


@dataclass(slots=True)
class _Known:
    """What a :class:`Linker` knows of one incident, valid while it has ``version``."""

    version: int
    recent: list[Member]  # the MAX_MEMBERS most recent members, oldest first
    gates: list[int]  # the gate key of each (see _Comparer), as a number
    summary: Summary | None = None  # every member, once a report joined it
    #: the recent members grouped for :meth:`_Comparer.winner` (kept with ``recent``)
    alike: list[_Alike] = field(init=False)

    def __post_init__(self) -> None:
        self.alike = _alike(self.recent, self.gates)

    def remember(self, member: Member, gate: int) -> None:
        pairs = sorted([*zip(self.recent, self.gates, strict=True), (member, gate)],
                       key=lambda p: (p[0][0], p[0][1]))[-MAX_MEMBERS:]
        self.recent, self.gates = [m for m, _ in pairs], [g for _, g in pairs]
        self.alike = _alike(self.recent, self.gates)


class Linker:
    """Links reports to incidents, remembering what it read of each incident.

    Everything remembered is checked against the incident's ``version`` whenever the
    incident is met again (a reviewer, a merge or another importer bumps it), and dropped
    when a transaction it was used in rolls back (:meth:`forget`), so a long import links
    exactly as one-report-at-a-time linking would.

    With ``index``, candidates come from a :class:`~khronika.link.candidates.CandidateIndex`
    instead of a query per event (for imports: one-off linking keeps the query, which reads
    only the rows it needs). The index holds while this linker is the only writer of the
    change log: each batch starts by locking the log and reading its head, and when the head
    is not the one this linker's last batch left there, someone else changed the store and
    the index is dropped, to be read again.
    """

    def __init__(self, store: Store, index: bool = False) -> None:
        self.store = store
        self._known: OrderedDict[int, _Known] = OrderedDict()
        self._gates: dict[tuple[Any, ...], int] = {}
        #: gated groups, shared by every event alike in what the gates read (_Comparer)
        self._memo: dict[Hashable, _Bounded] = {}
        #: incidents this linker opened
        self.opened = 0
        self._index = CandidateIndex() if index else None
        #: id of the change-log entry this linker's last batch ended with
        self._head: int | None = None
        # written at the end of the batch, or before a read that needs them
        self._links: list[dict[str, Any]] = []
        #: incident -> (version in the store, what it is now); its fields are computed
        #: from the summary when written, once per batch however many reports joined
        self._changed: dict[int, tuple[int, _Known]] = {}
        self._log: list[Change] = []

    def forget(self) -> None:
        """Drop everything remembered (call after a rollback)."""
        self._known.clear()
        self._gates.clear()
        self._memo.clear()  # its keys hold gate numbers, given out again
        if self._index is not None:
            self._index.clear()
        self._head = None
        self._drop_pending()

    def _drop_pending(self) -> None:
        self._links, self._changed, self._log = [], {}, []

    def link(self, conn: Connection, report_id: int, feats: list[LinkFeatures]) -> list[int]:
        """Attach each event of a report to an incident; returns the incident ids.

        Linking the same report again is a no-op for the events already linked.
        """
        return self.link_many(conn, [(report_id, feats)])[report_id]

    def link_many(self, conn: Connection, batch: Iterable[tuple[int, list[LinkFeatures]]]
                  ) -> dict[int, list[int]]:
        """:meth:`link` for several reports in turn, in one transaction."""
        batch = list(batch)
        done: dict[int, set[int]] = {rid: set() for rid, _ in batch}
        for rid, idx in conn.execute(
            select(incident_reports.c.report_id, incident_reports.c.event_index)
            .where(incident_reports.c.report_id.in_(list(done)))
        ):
            done[int(rid)].add(int(idx))
        todo = [(rid, i, f) for rid, feats in batch for i, f in enumerate(feats)
                if i not in done[rid]]
        out: dict[int, list[int]] = {rid: [] for rid, _ in batch}
        if not todo:
            return out
        # Locked before the first event, as logging the first change did: no other writer
        # of the log, hence of incidents, commits until this transaction ends.
        head = self.store.lock_changes(conn)
        ours, self._head = self._head, None  # set again only when the batch is written
        if self._index is not None and head[0] != ours:
            self._index.clear()  # someone else wrote since (or nothing was read yet)
        self._drop_pending()
        try:
            for member in todo:
                out[member[0]].append(self._link_event(conn, member))
            self._write(conn)
            self._head = self.store.log_changes(conn, self._log, head)[0]
        finally:
            self._drop_pending()
        return out

    def _write(self, conn: Connection) -> None:
        """Write the link rows and incident changes held back (not the log)."""
        if self._links:
            conn.execute(_INSERT_LINK, self._links)
            self._links = []
        changed, self._changed = self._changed, {}
        now = utcnow()
        for inc, (stored, known) in changed.items():
            assert known.summary is not None, "a changed incident has its summary"
            n = conn.execute(_UPDATE_SEEN, {
                **known.summary.values(), "updated_at": now, "version": known.version,
                "inc": inc, "seen": stored}).rowcount
            if n != 1:  # changed by another writer since read: recompute from the rows
                self._known.pop(inc, None)
                recompute(conn, inc)
                if self._index is not None:
                    self._index.reread(conn, inc)

    def _link_event(self, conn: Connection, member: Member) -> int:
        rid, index, f = member
        inc, score, reason = verdict(*self._candidates(conn, f))
        if inc is None:
            inc = self._open(conn, member)
            action = "incident.create"
            score = 1.0 if score == 0.0 else score
        else:
            action = "incident.link"
        self._links.append({"incident_id": inc, "report_id": rid, "event_index": index,
                            "score": score, "reason": reason, "linked_at": utcnow(),
                            "features": f.to_json(), "linked_by": ACTOR})
        if action == "incident.link":
            self._join(conn, inc, member)
        self._log.append(Change(ACTOR, action, "incident", inc,
                                {"report_id": rid, "event_index": index,
                                 "score": round(score, 3), "reason": reason}))
        return inc

    def _candidates(self, conn: Connection, f: LinkFeatures
                    ) -> tuple[tuple[int, Comparison] | None, int]:
        """Of the stored incidents that could hold ``f``, the one :func:`decide` would pick
        with its best-agreeing member (or None), and how many there were."""
        if f.day is None:
            return None, 0
        if self._index is not None:
            found = self._index.find(conn, f, MAX_CANDIDATES, self._changed)
        else:
            self._write(conn)  # the query reads the incidents' fields
            found = {int(i): int(v) for i, v in _candidate_rows(conn, f)}
        stale = [i for i, v in found.items() if self._recall(i, v) is None]
        if stale:
            self._write(conn)  # their members are read from the link rows
            for inc, members in recent_members(conn, stale).items():
                self._keep(inc, self._known_as(found[inc], members))
        compared = [(inc, known.alike) for inc in sorted(found)
                    if (known := self._known[inc]).recent]
        if len(self._memo) > MEMO_MAX:
            self._memo.clear()
        mine = (self._gate(f), f.type, not f.names, not f.sketch, not f.numbers)
        return _Comparer(f, self._memo, mine).winner(compared), len(compared)

    def _known_as(self, version: int, members: list[Member],
                  summary: Summary | None = None) -> _Known:
        return _Known(version, members, [self._gate(m) for _, _, m in members], summary)

    def _gate(self, f: LinkFeatures) -> int:
        """The gate key of ``f`` as a small number (cheaper to look up than the key)."""
        return self._gates.setdefault(_gates(f), len(self._gates))

    def _recall(self, inc: int, version: int) -> _Known | None:
        known = self._known.get(inc)
        if known is None or known.version != version:
            return None
        self._known.move_to_end(inc)
        return known

    def _keep(self, inc: int, known: _Known) -> None:
        # never drops the candidates of the event at hand: MAX_CANDIDATES < REMEMBERED
        self._known[inc] = known
        self._known.move_to_end(inc)
        while len(self._known) > REMEMBERED:
            self._known.popitem(last=False)

    def _open(self, conn: Connection, member: Member) -> int:
        summary = Summary.of([member])
        values = summary.values()
        inc = _insert_incident(conn, [member], values)
        self._keep(inc, self._known_as(1, [member], summary))
        if self._index is not None:
            self._index.put_values(inc, 1, values)
        self.opened += 1
        return inc

    def _join(self, conn: Connection, inc: int, member: Member) -> None:
        """Update incident ``inc`` (whose link row for ``member`` is held back) with it."""
        known = self._known.get(inc)
        if known is None:  # dropped from memory since it was a candidate: read it all
            self._write(conn)
            recompute(conn, inc)
            if self._index is not None:
                self._index.reread(conn, inc)
            return
        if known.summary is None:
            # every member but the new one (its link row is written by _write)
            self._write(conn)
            known.summary = Summary.of(m for m in members_of(conn, inc)
                                       if (m[0], m[1]) != (member[0], member[1]))
        known.summary.add(member)
        stored = self._changed[inc][0] if inc in self._changed else known.version
        known.version += 1
        self._changed[inc] = (stored, known)
        known.remember(member, self._gate(member[2]))
        if self._index is not None:
            self._index.put_values(inc, known.version, known.summary.where())


def link_report(store: Store, conn: Connection, report_id: int, text: str,
                result: dict[str, Any]) -> list[int]:
    """Attach each event of a report's extraction to an incident; returns the incident ids.

    Linking the same report again is a no-op for the events already linked.
    """
    return Linker(store).link(conn, report_id, features_for(conn, report_id, text, result))


@dataclass(slots=True)
class RelinkSummary:
    reports: int = 0
    events: int = 0
    incidents_created: int = 0
    linked_to_existing: int = 0

    def to_json(self) -> dict[str, int]:
        return {"reports": self.reports, "events": self.events,
                "incidents_created": self.incidents_created,
                "linked_to_existing": self.linked_to_existing}


def latest_extractions() -> Select[Any]:
    """Every report with a successful extraction, joined to its latest one, in id order:
    ``id, text, result, published, received_at, origin`` (the text as stored)."""
    latest = (select(extractions.c.report_id, func.max(extractions.c.id).label("xid"))
              .where(extractions.c.status == "ok").group_by(extractions.c.report_id).subquery())
    return (select(reports.c.id, reports.c.text, extractions.c.result, reports.c.published,
                   reports.c.received_at, reports.c.origin)
            .join(latest, latest.c.report_id == reports.c.id)
            .join(extractions, extractions.c.id == latest.c.xid)
            .order_by(reports.c.id))


def curated(conn: Connection) -> tuple[int, int]:
    """The review statuses and live manual merges that rebuilding the incidents would
    discard."""
    reviewed = conn.execute(select(func.count()).select_from(incidents)
                            .where(incidents.c.status != "unverified")).scalar_one()
    merged = conn.execute(select(func.count()).select_from(incident_merges)
                          .where(incident_merges.c.reverted_at.is_(None))).scalar_one()
    return int(reviewed), int(merged)


def relink_all(store: Store, rebuild: bool = False, force: bool = False,
               actor: str = ACTOR) -> RelinkSummary:
    """Link every stored report with an extraction.

    Without ``rebuild``, only reports with no link yet are linked (incrementally, as on
    ingest). With ``rebuild``, all incidents are rebuilt from scratch; that discards review
    statuses and manual merges, so it is refused when there are any unless ``force``.
    """
    summary = RelinkSummary()
    with store.engine.begin() as conn:
        if not rebuild:
            linker = Linker(store, index=True)
            unlinked = latest_extractions().where(
                reports.c.id.not_in(select(incident_reports.c.report_id)))
            for rid, stored, result, *_ in conn.execute(unlinked):
                events = features_for(conn, int(rid), store.report_text(stored), result)
                summary.reports += 1
                opened = linker.opened
                ids = linker.link(conn, int(rid), events)
                summary.events += len(ids)
                summary.incidents_created += linker.opened - opened
                summary.linked_to_existing += len(ids) - (linker.opened - opened)
            return summary
        reviewed, merged = curated(conn)
        if (reviewed or merged) and not force:
            raise LinkError(
                f"rebuilding would discard {reviewed} review statuses and {merged} manual "
                "merges; link only new reports (without --rebuild) or pass --force")
        rows = [(int(rid), text, result) for rid, text, result, *_ in
                conn.execute(latest_extractions())]
        conn.execute(delete(incident_reports))
        conn.execute(delete(incident_merges))
        conn.execute(delete(incidents))
        feats = {rid: features_for(conn, rid, store.report_text(text), result)
                 for rid, text, result in rows}
        summary = write_clusters(conn, cluster(feats))
        summary.reports = len(rows)
        store.log_change(conn, actor, "incident.relink", "incident", None, summary.to_json())
    return summary


Clustered = list[tuple[list[Member], list[Decision]]]


def cluster(feats: dict[int, list[LinkFeatures]]) -> Clustered:
    """Group events with the in-memory index, reports in id order; members per incident."""
    index = LinkIndex()
    groups: dict[int, tuple[list[Member], list[Decision]]] = {}
    for rid in sorted(feats):
        for i, f in enumerate(feats[rid]):
            d = index.add(f)
            g = groups.setdefault(d.incident, ([], []))
            g[0].append((rid, i, f))
            g[1].append(d)
    return [groups[k] for k in sorted(groups)]


def write_clusters(conn: Connection, clusters: Clustered) -> RelinkSummary:
    """Insert incidents and their link rows in bulk (one statement per table and chunk)."""
    summary = RelinkSummary()
    now = utcnow()
    chunk = 2000
    for start in range(0, len(clusters), chunk):
        part = clusters[start:start + chunk]
        rows = [dict(summarise(members), status="unverified", created_at=now,
                     updated_at=now, version=1) for members, _ in part]
        ids = conn.execute(
            incidents.insert().returning(incidents.c.id, sort_by_parameter_order=True), rows
        ).scalars().all()
        links = []
        for inc, (members, decisions) in zip(ids, part, strict=True):
            for (rid, idx, f), d in zip(members, decisions, strict=True):
                links.append({"incident_id": int(inc), "report_id": rid, "event_index": idx,
                              "score": 1.0 if d.new and d.score == 0.0 else d.score,
                              "reason": d.reason, "linked_at": now,
                              "features": f.to_json(), "linked_by": ACTOR})
                summary.events += 1
                summary.linked_to_existing += 0 if d.new else 1
        conn.execute(incident_reports.insert(), links)
        summary.incidents_created += len(part)
    return summary
