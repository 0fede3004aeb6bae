"""Urgency rules on our own sentences in Russian, English and Tajik."""

from __future__ import annotations

import pytest

from khronika import triage


@pytest.mark.parametrize(("text", "types", "reason"), [
    ("Прямо сейчас облава в общежитии, забирают всех подряд.", ["raid"],
     "detention_in_progress"),
    ("His family has had no news of him since Monday.", ["arrest"], "whereabouts_unknown"),
    ("Телефонаш хомӯш аст, намедонанд ки ӯ дар куҷо аст.", [], "whereabouts_unknown"),
    ("Суд назначил ему выдворение, сейчас он в спецприёмнике.", ["court_ruling"],
     "imminent_deportation"),
    ("He was refused entry at the airport and is stranded in the transit zone.",
     ["deportation"], "imminent_deportation"),
    ("В отделе задержанных били дубинками.", ["arrest"], "torture"),
    ("They were pressed to sign contracts to fight in Ukraine.", ["arrest"],
     "forced_recruitment"),
    ("Среди задержанных двое несовершеннолетних.", ["arrest"], "minors"),
    ("He needs insulin and has had no food since yesterday.", [], "medical"),
    ("Third man abducted, taken by unknown men.", ["abduction"], "whereabouts_unknown"),
])
def test_reasons(text: str, types: list[str], reason: str) -> None:
    urgency = triage.assess(text, types)
    assert reason in urgency.reasons
    assert urgency.score >= triage.URGENT_THRESHOLD


def test_a_denial_is_not_an_emergency() -> None:
    text = ("В полиции опровергли сообщения о том, что задержанным предлагали подписать "
            "контракт с Минобороны.")
    assert triage.assess(text, []).score < triage.URGENT_THRESHOLD


def test_past_news_is_not_urgent() -> None:
    text = "Last year a court in Kazan fined a shop owner for hiring migrants."
    assert triage.assess(text, ["court_ruling"]) == triage.Urgency(0, [])


def test_detention_without_urgency_cues_scores_low_but_not_zero() -> None:
    urgency = triage.assess("Police detained 12 people at a market on 3 April.", ["arrest"])
    assert 0 < urgency.score < triage.URGENT_THRESHOLD and urgency.reasons == []


def test_describe_orders_reasons_as_the_taxonomy_does() -> None:
    assert triage.describe(["minors", "torture"]) == (
        "minors involved; torture or ill-treatment in custody")
