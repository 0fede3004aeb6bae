"""The taxonomy maps each project code to the ACLED names the brief gives."""

from __future__ import annotations

import pytest

from khronika import taxonomy

BRIEF = {
    "arrest": ("Strategic developments", "Arrests"),
    "raid": ("Strategic developments", "Arrests"),
    "deportation": ("Strategic developments", "Other"),
    "forced_recruitment": ("Strategic developments", "Other"),
    "torture": ("Violence against civilians", "Attack"),
    "assault": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "arson": ("Strategic developments", "Looting/property destruction"),
    "threat": ("Strategic developments", "Other"),
    "court_ruling": ("Strategic developments", "Other"),
    "legal_measure": ("Strategic developments", "Other"),
    "attack": ("Violence against civilians", "Attack"),
    "armed_clash": ("Battles", "Armed clash"),
    "peaceful_protest": ("Protests", "Peaceful protest"),
    "mob_violence": ("Riots", "Mob violence"),
    "air_drone_strike": ("Explosions/Remote violence", "Air/drone strike"),
}


@pytest.mark.parametrize("code", sorted(BRIEF))
def test_acled_mapping_follows_the_brief(code: str) -> None:
    event_type, sub = BRIEF[code]
    assert taxonomy.acled_for(code) == {"event_type": event_type, "sub_event_type": sub}


@pytest.mark.parametrize("code", ["claim_of_responsibility", "natural_disaster",
                                  "man_made_disaster", "diplomatic_event", "organized_crime"])
def test_codes_outside_acled_have_no_mapping(code: str) -> None:
    assert taxonomy.acled_for(code) is None


def test_raid_without_detentions_is_other() -> None:
    assert taxonomy.acled_for("raid", detained=False) == {
        "event_type": "Strategic developments", "sub_event_type": "Other"}


def test_all_25_acled_sub_event_types_have_a_code() -> None:
    subs = {t.acled_sub_event_type for t in taxonomy.TYPES.values() if t.acled_sub_event_type}
    assert len(subs) == 25


def test_unknown_code_error_lists_valid_codes() -> None:
    with pytest.raises(KeyError, match=r"valid codes: .*arrest"):
        taxonomy.get("arrestt")


def test_urgent_types() -> None:
    assert taxonomy.get("torture").urgent and taxonomy.get("forced_recruitment").urgent
    assert not taxonomy.get("court_ruling").urgent
