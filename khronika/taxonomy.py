"""The event taxonomy: project codes, their ACLED mapping and default urgency rules."""

from __future__ import annotations

from dataclasses import dataclass

# ACLED event types
BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    label: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    urgent: bool = False

    def acled(self) -> dict[str, str] | None:
        if self.acled_event_type is None or self.acled_sub_event_type is None:
            return None
        return {"event_type": self.acled_event_type, "sub_event_type": self.acled_sub_event_type}


_ACLED_SUB_TYPES: list[tuple[str, str, str]] = [
    ("government_regains_territory", BATTLES, "Government regains territory"),
    ("non_state_actor_overtakes_territory", BATTLES, "Non-state actor overtakes territory"),
    ("armed_clash", BATTLES, "Armed clash"),
    ("excessive_force_against_protesters", PROTESTS, "Excessive force against protesters"),
    ("protest_with_intervention", PROTESTS, "Protest with intervention"),
    ("peaceful_protest", PROTESTS, "Peaceful protest"),
    ("violent_demonstration", RIOTS, "Violent demonstration"),
    ("mob_violence", RIOTS, "Mob violence"),
    ("chemical_weapon", EXPLOSIONS, "Chemical weapon"),
    ("air_drone_strike", EXPLOSIONS, "Air/drone strike"),
    ("suicide_bomb", EXPLOSIONS, "Suicide bomb"),
    ("shelling_artillery_missile_attack", EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("remote_explosive_landmine_ied", EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("grenade", EXPLOSIONS, "Grenade"),
    ("sexual_violence", VAC, "Sexual violence"),
    ("attack", VAC, "Attack"),
    ("abduction_forced_disappearance", VAC, "Abduction/forced disappearance"),
    ("agreement", STRATEGIC, "Agreement"),
    ("arrests", STRATEGIC, "Arrests"),
    ("change_to_group_activity", STRATEGIC, "Change to group/activity"),
    ("disrupted_weapons_use", STRATEGIC, "Disrupted weapons use"),
    ("headquarters_or_base_established", STRATEGIC, "Headquarters or base established"),
    ("looting_property_destruction", STRATEGIC, "Looting/property destruction"),
    ("non_violent_transfer_of_territory", STRATEGIC, "Non-violent transfer of territory"),
    ("other", STRATEGIC, "Other"),
]

_REFINEMENTS: list[tuple[str, str, str | None, str | None, bool]] = [
    ("arrest", "people detained or arrested", STRATEGIC, "Arrests", False),
    ("raid", "a sweep of a place by police or security services", STRATEGIC, "Arrests", False),
    ("deportation", "expulsion orders, removals, entry bans", STRATEGIC, "Other", False),
    ("forced_recruitment", "coercion into military service", STRATEGIC, "Other", True),
    ("torture", "ill-treatment in custody", VAC, "Attack", True),
    ("assault", "a physical attack on people", VAC, "Attack", False),
    ("abduction", "abduction, enforced disappearance", VAC, "Abduction/forced disappearance", True),
    ("arson", "setting fire to property", STRATEGIC, "Looting/property destruction", False),
    ("threat", "threats, intimidation, incitement", STRATEGIC, "Other", False),
    ("court_ruling", "hearings, sentences, detention rulings", STRATEGIC, "Other", False),
    ("legal_measure", "laws, decrees, official instructions", STRATEGIC, "Other", False),
    ("attack", "an armed attack on civilians", VAC, "Attack", False),
    ("claim_of_responsibility", "a group claims an attack", None, None, False),
    ("natural_disaster", "a natural disaster", None, None, False),
    ("man_made_disaster", "an accident or man-made disaster", None, None, False),
    ("diplomatic_event", "a diplomatic event", None, None, False),
    ("organized_crime", "organised crime", None, None, False),
]

TYPES: dict[str, EventType] = {}
for _code, _et, _sub in _ACLED_SUB_TYPES:
    TYPES[_code] = EventType(_code, _sub, _et, _sub)
for _code, _label, _et2, _sub2, _urgent in _REFINEMENTS:
    TYPES[_code] = EventType(_code, _label, _et2, _sub2, _urgent)
TYPES["abduction_forced_disappearance"] = EventType(
    "abduction_forced_disappearance", "Abduction/forced disappearance", VAC,
    "Abduction/forced disappearance", True,
)

#: ACLED sub-event name (lower case) -> project code, for importing ACLED data.
FROM_ACLED_SUB: dict[str, str] = {sub.lower(): code for code, _et, sub in _ACLED_SUB_TYPES}


def get(code: str) -> EventType:
    """The event type for ``code``; a clear error names the valid codes."""
    try:
        return TYPES[code]
    except KeyError:
        raise KeyError(
            f"unknown event type {code!r}; valid codes: {', '.join(sorted(TYPES))}"
        ) from None


def acled_for(code: str, detained: bool = True) -> dict[str, str] | None:
    """ACLED names for a project code. A raid where nobody was detained is 'Other'."""
    if code == "raid" and not detained:
        return {"event_type": STRATEGIC, "sub_event_type": "Other"}
    return get(code).acled()


# Reasons a case or incident is urgent, checked in this order.
URGENT_REASONS = {
    "detention_in_progress": "a person is detained now",
    "whereabouts_unknown": "whereabouts unknown",
    "imminent_deportation": "deportation is imminent",
    "torture": "torture or ill-treatment in custody",
    "forced_recruitment": "coercion into military service",
    "minors": "minors involved",
    "medical": "medical emergency",
}
