"""Linking by blocks: split a batch of events into groups that can be linked apart.

The in-memory linker (:class:`~khronika.link.index.LinkIndex`, used by
:func:`khronika.link.linker.cluster`) compares an event only with incidents filed under one
of the blocks it searches (:func:`~khronika.link.index.search_keys`: related families,
neighbouring cells or the same admin area, a ±7-day window), and an incident is filed under
the blocks of its members (:func:`~khronika.link.index.register_keys`). :func:`partition`
joins two events whenever one searches a block the other is filed under (union-find), and
returns the connected groups. Then:

- every incident's members lie in one group (an event only ever joins a candidate, and a
  candidate was found through such a shared block);
- so when an event is linked, its candidates, their members in order, and the order the
  candidates are met in are the same whether the other groups were linked before, after or
  not at all.

Linking each group on its own with the same sequential algorithm, in the same order
(report id, event index), therefore gives exactly the incidents of linking everything in
one process: :func:`merge` puts the groups' incidents back in that process's order, and the
property test in ``tests/link/test_blocks.py`` checks the identity on generated events.

Events without a place are no special case, only a costly one: they search every place
(block cell ``*``) and their incidents are searched from every place (cell ``none``), so
such an event joins, in its family and fortnight, everything in one group. Undated events
search nothing and are filed nowhere: each is a group of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from khronika import triage
from khronika.link.features import LinkFeatures, report_features
from khronika.link.incident import Member
from khronika.link.index import BlockKey, Decision, LinkIndex, cells, register_keys, search_keys

#: (report id, event index): an event of a batch.
EventKey = tuple[int, int]
#: One group's incidents in the order the group opened them: member keys and decisions.
GroupResult = list[tuple[list[EventKey], list[Decision]]]
#: What :func:`khronika.link.linker.write_clusters` writes: members and their decisions.
Clustered = list[tuple[list[Member], list[Decision]]]


def features_of(text: str, result: dict[str, Any], published: Any,
                origin: str | None) -> list[LinkFeatures]:
    """Link features of a report's events from its text, extraction, date and origin:
    :func:`khronika.link.linker.features_for` without the database (runs on a worker)."""
    events = result.get("events") or []
    urgency = triage.assess(text, [e["type"] for e in events if e.get("certainty") != "denied"])
    return report_features(text, result, published, (urgency.score, list(urgency.reasons)),
                           origin)


class _Groups:
    """Union-find over event numbers (path halving; union by lower number, so that the
    root of a group is its first event)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _ordered(feats: dict[int, list[LinkFeatures]]) -> list[Member]:
    """Every event in linking order: reports by id, events by index."""
    return [(rid, i, f) for rid in sorted(feats) for i, f in enumerate(feats[rid])]


def partition(feats: dict[int, list[LinkFeatures]]) -> list[list[Member]]:
    """The independent groups of a batch's events (report id -> its events' features),
    each in linking order, groups ordered by their first event."""
    events = _ordered(feats)
    groups = _Groups(len(events))
    filed: dict[BlockKey, list[int]] = defaultdict(list)
    for n, (_, _, f) in enumerate(events):
        for key in register_keys(f):
            filed[key].append(n)
    searched: set[BlockKey] = set()
    # search_keys() reads only an event's family, day and search cells: events sharing
    # them (many, in a dense region) share one enumeration of a few hundred keys
    hits: dict[tuple[str, int | None, tuple[str, ...]], list[BlockKey]] = {}
    for n, (_, _, f) in enumerate(events):
        signature = (f.family, f.day, tuple(cells(f, neighbours=True)))
        keys = hits.get(signature)
        if keys is None:
            keys = hits[signature] = [k for k in search_keys(f) if k in filed]
        for key in keys:
            groups.union(n, filed[key][0])
            searched.add(key)
    for key in searched:  # whoever searches a block meets everything filed under it
        first = filed[key][0]
        for n in filed[key][1:]:
            groups.union(first, n)
    members: dict[int, list[Member]] = defaultdict(list)
    for n, event in enumerate(events):
        members[groups.find(n)].append(event)
    return [members[root] for root in sorted(members)]


def link_group(events: list[Member]) -> GroupResult:
    """Link one group's events in order with the in-memory linker (runs on a worker)."""
    index = LinkIndex()
    out: dict[int, tuple[list[EventKey], list[Decision]]] = {}
    for rid, i, f in events:
        d = index.add(f)
        keys, decisions = out.setdefault(d.incident, ([], []))
        keys.append((rid, i))
        decisions.append(d)
    return [out[k] for k in sorted(out)]


def link_groups(groups: list[list[Member]]) -> list[GroupResult]:
    """:func:`link_group` for each of several groups (one task on a worker)."""
    return [link_group(g) for g in groups]


def pack(groups: list[list[Member]], size: int) -> list[list[list[Member]]]:
    """Groups gathered into tasks of about ``size`` events, largest groups first (so the
    longest tasks start first and the small ones fill the gaps at the end); a group larger
    than ``size`` is a task of its own."""
    tasks: list[list[list[Member]]] = []
    current: list[list[Member]] = []
    count = 0
    for group in sorted(groups, key=lambda g: (-len(g), g[0][:2])):
        if current and count + len(group) > size:
            tasks.append(current)
            current, count = [], 0
        current.append(group)
        count += len(group)
    if current:
        tasks.append(current)
    return tasks


#: The one place where :func:`khronika.link.score.decide` writes an incident number into a
#: reason: the linker's own numbering (the order incidents were opened), which a group
#: numbers from 0 again.
_CANDIDATE = re.compile(r"^(new incident: best candidate )(\d+)\b")


def merge(results: Iterable[GroupResult],
          feats: dict[int, list[LinkFeatures]]) -> Clustered:
    """The groups' incidents as one process would have opened them: ordered by their first
    event, numbered in that order (in decisions and reasons), with members' features."""
    opened = sorted((keys[0], g, local, keys, decisions)
                    for g, result in enumerate(results)
                    for local, (keys, decisions) in enumerate(result))
    number = {(g, local): n for n, (_, g, local, _, _) in enumerate(opened)}
    out: Clustered = []
    for n, (_, g, _, keys, decisions) in enumerate(opened):
        def renumber(m: re.Match[str], g: int = g) -> str:
            return f"{m.group(1)}{number[g, int(m.group(2))]}"

        out.append(([(rid, i, feats[rid][i]) for rid, i in keys],
                    [Decision(n, d.new, d.score, _CANDIDATE.sub(renumber, d.reason))
                     for d in decisions]))
    return out


def link_by_blocks(feats: dict[int, list[LinkFeatures]]) -> Clustered:
    """Partition, link each group and merge, in this process: the same result as
    :func:`khronika.link.linker.cluster` (the reference the cluster path is tested by)."""
    return merge((link_group(g) for g in partition(feats)), feats)
