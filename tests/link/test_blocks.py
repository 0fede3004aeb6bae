"""Linking by blocks gives exactly the incidents of linking in one process.

Generated events are crowded into a few cells, days and families, with places missing
(none, or only a region) and dates missing, so that groups touch through every kind of
block; the decisions (incident, score, reason) must be the same as
:func:`khronika.link.linker.cluster`'s, event for event.
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from khronika.link.benchmark import build, gold_features
from khronika.link.blocks import Clustered, link_by_blocks, merge, pack, partition
from khronika.link.features import FAMILY, LinkFeatures, text_sketch
from khronika.link.index import Decision
from khronika.link.linker import cluster

TYPES = ["raid", "arrest", "deportation", "court_ruling", "assault", "arson", "threat"]
#: two neighbouring cells and a far one, with regions and countries
PLACES = [(55.75, 37.62, "Moscow", "RU"), (55.82, 37.33, "Moscow Oblast", "RU"),
          (54.53, 36.27, "Kaluga Oblast", "RU"), (38.56, 68.77, "Dushanbe", "TJ")]
WORDS = ["raid", "market", "hostel", "detained", "beaten", "court", "fire", "leaflets",
         "Karimov", "Saidov", "12", "30"]
DAY0 = dt.date(2024, 3, 20).toordinal()


def event(rng: random.Random) -> LinkFeatures:
    """One event of a crowded corpus: 1 in 6 without a place, 1 in 6 with only a region,
    1 in 20 without a date."""
    type_ = rng.choice(TYPES)
    day = None if rng.random() < 0.05 else DAY0 + rng.randrange(30)
    lat, lon, admin1, country = rng.choice(PLACES)
    where = rng.random()
    text = " ".join(rng.sample(WORDS, 5))
    return LinkFeatures(
        type=type_, family=FAMILY.get(type_, type_), day=day, day_end=day,
        precision="day" if day is not None else None,
        day_source="stated" if rng.random() < 0.8 else "published",
        lat=lat if where > 1 / 3 else None, lon=lon if where > 1 / 3 else None,
        place=admin1 if where > 1 / 6 else None, admin1=admin1 if where > 1 / 6 else None,
        country=country if where > 1 / 6 else None,
        names=sorted(rng.sample(["karimov", "saidov", "nazarov", "kholov"], rng.randint(0, 2))),
        numbers=sorted(rng.sample(["12", "30", "5"], rng.randint(0, 2))),
        sketch=text_sketch(text))


def corpus(seed: int, reports: int) -> dict[int, list[LinkFeatures]]:
    rng = random.Random(seed)
    return {rid: [event(rng) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
            for rid in rng.sample(range(1, 10 * reports), reports)}


def rows(clustered: Clustered) -> list[tuple[object, ...]]:
    """Everything written for each event: incident number, members, score, reason."""
    return [(d.incident, rid, i, d.new, d.score, d.reason)
            for members, decisions in clustered
            for (rid, i, _), d in zip(members, decisions, strict=True)]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 120))
def test_blocks_equal_one_process(seed: int, reports: int) -> None:
    feats = corpus(seed, reports)
    assert rows(link_by_blocks(feats)) == rows(cluster(feats))


def test_benchmark_set_identical_and_split() -> None:
    """The linking benchmark (demo variants and generated incidents): identical, and split
    into many groups."""
    feats = {n: gold_features(item) for n, item in enumerate(build(), start=1)}
    reference = cluster(feats)
    assert rows(link_by_blocks(feats)) == rows(reference)
    assert len(partition(feats)) > 50
    renumbered = [d.reason for _, ds in reference for d in ds if "best candidate" in d.reason]
    assert renumbered, "the corpus never exercised the renumbering of candidates"


def test_groups_in_any_order_and_packing() -> None:
    """The merge does not depend on the order groups come back in; packing keeps every
    group whole and puts the largest first."""
    feats = corpus(7, 150)
    groups = partition(feats)
    assert sum(len(g) for g in groups) == sum(len(v) for v in feats.values())
    from khronika.link.blocks import link_group

    results = [link_group(g) for g in groups]
    assert rows(merge(reversed(results), feats)) == rows(cluster(feats))
    tasks = pack(groups, 20)
    assert sorted(map(id, (g for t in tasks for g in t))) == sorted(map(id, groups))
    assert len(tasks[0][0]) == max(len(g) for g in groups)
    assert all(sum(map(len, t)) <= 20 or len(t) == 1 for t in tasks)


def test_placeless_event_joins_everything_it_could_touch() -> None:
    """An event with no place searches every place of its family and fortnight: one group."""
    located = [LinkFeatures("raid", "detention", DAY0, DAY0, "day", "stated", lat=lat,
                            lon=lon) for lat, lon, _, _ in PLACES]
    nowhere = LinkFeatures("arrest", "detention", DAY0 + 3, DAY0 + 3, "day", "stated")
    feats = {n: [f] for n, f in enumerate(located, start=1)}
    assert len(partition(feats)) == 2  # Moscow, its oblast and Kaluga: neighbouring cells
    feats[99] = [nowhere]
    assert len(partition(feats)) == 1
    undated = LinkFeatures("raid", "detention", None, None, None, "published")
    feats[100] = [undated]
    assert [len(g) for g in partition(feats)] == [5, 1]


def test_decision_numbers_follow_the_merged_order() -> None:
    feats = corpus(3, 80)
    for n, (_, decisions) in enumerate(link_by_blocks(feats)):
        assert all(isinstance(d, Decision) and d.incident == n for d in decisions)
