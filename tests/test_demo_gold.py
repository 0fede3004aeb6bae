"""Evaluation gate: extraction scored against the demo corpus's gold must not drop.

``khronika.evaluate.run_demo_gold()`` extracts the 100 demo reports (en/ru/tg) and scores
them field by field (``khronika evaluate`` prints the same figures). Each floor sits a
little below the value measured when it was pinned; raise a floor when a change lifts its
figure for good, never lower one to make a change pass.

Measured on 2026-11-24 (after "dates: a report's own date ..."), before -> after this
round of extraction work:

    type 0.54 -> 0.97, acled_sub 0.59 -> 0.94, date 0.707 -> 1.000, counts 0.397 -> 0.868,
    event_recall 0.587 -> 0.942, urgent 0.70 -> 0.89; location 0.753, places_recall 0.838,
    entities_p 0.714, entities_r 0.684, entities_f1 0.699 (places and entities are other
    stages' work; location moves with the gazetteer, being reworked at the time).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khronika.evaluate import entities_f1, run_demo_gold

FLOORS = {
    "type": 0.95,  # measured 0.970
    "acled_sub": 0.94,  # measured 0.970 (0.940 before raids without detentions mapped to Other)
    "date": 0.97,  # measured 1.000
    "counts": 0.84,  # measured 0.868
    "event_recall": 0.92,  # measured 0.942
    "urgent": 0.85,  # measured 0.890
    "location": 0.65,  # measured 0.753 (0.66-0.83 while the gazetteer was reworked)
    "places_recall": 0.80,  # measured 0.838
    "entities_p": 0.70,  # measured 0.736 (0.714 before English demonyms stopped being entities)
    "entities_r": 0.65,  # measured 0.684
}
ENTITIES_F1_FLOOR = 0.68  # measured 0.711


@pytest.fixture(scope="module")
def tallies():  # type: ignore[no-untyped-def]
    return run_demo_gold()


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_measure_at_or_above_floor(tallies, measure: str) -> None:  # type: ignore[no-untyped-def]
    assert_floor(tallies, FLOORS, measure)


def test_entities_f1_at_or_above_floor(tallies) -> None:  # type: ignore[no-untyped-def]
    assert entities_f1(tallies) >= ENTITIES_F1_FLOOR


# The second gold set (tests/gold/extra.jsonl, 138 reports by another author, other
# events and styles) is never tuned on: it shows how far the demo figures generalise.
# Measured on 2026-11-24: type 0.587, acled_sub 0.674, date 0.775, location 0.674,
# counts 0.477, places_recall 0.874, urgent 0.732, event_recall 0.631, entities_f1 0.789.
# On 2026-11-25, after training the classifier on new reports in the desk's styles (not
# these), summing victim groups and reading backdrops as no event: type 0.667,
# acled_sub 0.746, counts 0.538, event_recall 0.696. Later that day, after the desk set's
# typing fixes and the count fixes (crowds, kin of the detained, vague thousands): below.
EXTRA = Path(__file__).parent / "gold" / "extra.jsonl"
EXTRA_FLOORS = {
    "type": 0.65,  # measured 0.681 on 2026-11-25 (was 0.587 when first pinned)
    "acled_sub": 0.73,  # measured 0.761
    "date": 0.76,  # measured 0.790
    "location": 0.66,  # measured 0.703
    "counts": 0.53,  # measured 0.562
    "places_recall": 0.85,  # measured 0.889
    "urgent": 0.72,  # measured 0.754
    "event_recall": 0.68,  # measured 0.708
}
EXTRA_ENTITIES_F1_FLOOR = 0.80  # measured 0.831


@pytest.fixture(scope="module")
def extra_tallies():  # type: ignore[no-untyped-def]
    return run_demo_gold(EXTRA)


def assert_floor(tallies, floors: dict[str, float], measure: str) -> None:  # type: ignore[no-untyped-def]
    """One measure of a gold set's tallies at or above its pinned floor."""
    t = tallies[measure]
    assert t.total > 0, f"{measure}: nothing scored"
    assert t.value >= floors[measure], (
        f"{measure} fell to {t.value:.3f} (floor {floors[measure]}); misses: {t.misses[:15]}")


@pytest.mark.parametrize("measure", sorted(EXTRA_FLOORS))
def test_second_gold_set_at_or_above_floor(extra_tallies, measure: str) -> None:  # type: ignore[no-untyped-def]
    assert_floor(extra_tallies, EXTRA_FLOORS, measure)


def test_second_gold_set_entities_f1(extra_tallies) -> None:  # type: ignore[no-untyped-def]
    assert entities_f1(extra_tallies) >= EXTRA_ENTITIES_F1_FLOOR


# The desk's own gold set (tests/gold/desk.jsonl, 122 reports in the desk's styles: hotline
# call notes, messenger posts, news items and lawyers' notes, 74 ru / 48 en), written on
# 2026-11-25 before any rule was changed for it, as a test of event typing. Measured then:
# type 0.615, acled_sub 0.680, counts 0.492, urgent 0.836, event_recall 0.662. The lexicon
# and rule fixes of the same day were drawn from its misses (phrasing families, each with
# a test of its own in tests/extract/test_event_desk.py), so these figures are partly fitted
# to it: the extra set above is the fair measure of how far they generalise.
DESK = Path(__file__).parent / "gold" / "desk.jsonl"
DESK_FLOORS = {
    "type": 0.87,  # measured 0.893 on 2026-11-25 (0.615 before the desk fixes)
    "acled_sub": 0.88,  # measured 0.902 (0.680)
    "counts": 0.47,  # measured 0.492 (counts are another stage's work)
    "urgent": 0.83,  # measured 0.852 (0.836)
    "event_recall": 0.85,  # measured 0.874 (0.662)
}


@pytest.fixture(scope="module")
def desk_tallies():  # type: ignore[no-untyped-def]
    return run_demo_gold(DESK)


@pytest.mark.parametrize("measure", sorted(DESK_FLOORS))
def test_desk_gold_set_at_or_above_floor(desk_tallies, measure: str) -> None:  # type: ignore[no-untyped-def]
    assert_floor(desk_tallies, DESK_FLOORS, measure)
