"""Who the sides of a violent event are, as ACLED-style notes name them: men of the law by
rank or service, fighting in the lead with weapons named later, and armed victims.
Invented sentences."""

from __future__ import annotations

import pytest

from tests.extract.extracted import event_types

CASES = [
    # a rank or a service names an armed side: killing one is a battle, not an attack
    ("en", "A sub inspector was shot dead by two unknown men outside the district court.",
     "armed_clash"),
    ("en", "A man from the district constabulary was shot dead by unknown youths near his "
     "village.", "armed_clash"),
    ("en", "Unknown attackers killed a security official in the port town on Monday.",
     "armed_clash"),
    ("en", "Two law enforcement officers were wounded when unknown men opened fire on them.",
     "armed_clash"),
    # a sub-inspector among the police is the police, one side facing a crowd: a riot
    ("en", "A police sub-inspector and two students were hurt when police clashed with "
     "students at the college gate.", "violent_demonstration"),
    # a vehicle burned in the street though law enforcers guarded it: they did not burn it
    ("en", "A fuel tanker was torched on the highway although it travelled guarded by law "
     "enforcers.", "mob_violence"),
    # air strikes told after the ground fight they backed: the fight is the event
    ("en", "Government troops fought rebels for hours near the dam. Jets later struck rebel "
     "positions on the ridge.", "armed_clash"),
    ("ru", "Военные вели бои с боевиками у перевала. Позже авиация нанесла удары по их "
     "позициям.", "armed_clash"),
    # an ambush on a convoy or a police van is fought by armed men on both sides, and
    # "assailants" who ambush the police are no street crowd
    ("en", "Six policemen guarding a passenger coach were killed after insurgents ambushed "
     "their convoy near the border.", "armed_clash"),
    ("en", "Three officers were hurt when unknown assailants ambushed their police van on the "
     "ring road.", "armed_clash"),
    # one family's violence against another over land: communal militias, a battle; a
    # killing over an old enmity stays an attack
    ("en", "Two brothers were shot dead by their neighbours in a quarrel over a patch of land "
     "near the canal.", "armed_clash"),
    ("en", "A farmer was beaten up by a rival family over a land dispute in the hamlet on "
     "Sunday.", "armed_clash"),
    ("ru", "В селе соседи застрелили двоих братьев из-за земельного спора.", "armed_clash"),
    ("en", "A trader was hacked to death by unknown men over an old enmity in the bazaar.",
     "attack"),
    # a crowd punishing a man it accuses: an attack on a civilian, not a riot; a lynching
    # in a fight between a party's factions stays a riot
    ("en", "A man accused of stealing a goat was lynched by an angry crowd at the weekly "
     "market.", "attack"),
    ("en", "A mob beat a suspected pickpocket to death near the station.", "attack"),
    ("ru", "Мужчина, которого заподозрили в краже, был избит толпой у магазина.", "assault"),
    ("ru", "Жители села устроили самосуд над мужчиной, которого подозревали в краже скота.",
     "assault"),
    ("en", "Two men were lynched when rival factions of the ruling party fought over control "
     "of a market.", "mob_violence"),
    # herdsmen against farmers: communal militias in a battle, not a riot
    ("en", "A clash between herdsmen and farmers near the river left five people dead.",
     "armed_clash"),
    ("en", "Pastoralists and farmers clashed near the water point; three died.", "armed_clash"),
    # vigilantes are an armed militia, not a mob: killing them, or fighting beside
    # soldiers, is a battle
    ("en", "Gunmen shot dead two members of a vigilante group near the weekly market.",
     "armed_clash"),
    ("en", "Soldiers and a local vigilante group carried out a clearance operation on the forest "
     "road, leaving four insurgents dead.", "armed_clash"),
    # "killed during a rebel raid": the words after the verb are when, not whom
    ("en", "Three are killed during a rebel raid on a fishing hamlet near the lake.", "attack"),
    # weapons seized in an operation that killed is a battle; a device that went off while
    # it was defused, an explosion; bombers killed by their own bomb, a disrupted use
    ("en", "Border troops searched a hideout in the hills, killed three militants and seized a "
     "cache of rifles.", "armed_clash"),
    ("en", "A bomb disposal officer was killed when the device he was defusing near the bridge "
     "exploded.", "remote_explosive_landmine_ied"),
    ("ru", "Сапер погиб при попытке обезвредить самодельное взрывное устройство у моста, оно "
     "взорвалось.", "remote_explosive_landmine_ied"),
    ("en", "Two militants were killed when the bomb they were carrying went off prematurely near "
     "the bridge.", "disrupted_weapons_use"),
    # an attack or ambush "by" its agent "on" a post or convoy is still one on armed men
    ("en", "One policeman and one shepherd were shot dead during an attack by gunmen on a check "
     "point near the canal.", "armed_clash"),
    ("en", "A policeman and a driver were shot dead during an ambush by insurgents on a fuel "
     "convoy near the pass.", "armed_clash"),
    # a policeman listed among the victims makes them an armed side; "police" before a
    # civilian noun only qualifies it
    ("en", "One policeman and two farmers were shot dead by rebels near the well.",
     "armed_clash"),
    ("en", "A police informer was shot dead by rebels near the well.", "attack"),
    # an attack the protesters condemn, named before their protest, is its cause
    ("en", "Condemning the grenade attack on the bazaar, traders began a sit-in by the "
     "governor's gate.", "peaceful_protest"),
    ("en", "Angry over the bomb blast at the school, parents held a rally at the district "
     "office.", "peaceful_protest"),
    ("ru", "Против взрыва у школы жители провели митинг у здания администрации.",
     "peaceful_protest"),
    # strikes told first, a fight only as later background: still the strike
    ("en", "Jets struck rebel positions on the ridge, killing nine fighters. Fighting was "
     "reported a week earlier in the valley.", "air_drone_strike"),
]


@pytest.mark.parametrize(("lang", "text", "code"), CASES)
def test_sides_decide_type(lang: str, text: str, code: str) -> None:
    got = event_types(text, lang)
    assert got, text
    assert got[0] == code, text
