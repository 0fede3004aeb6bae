"""The dead of one event, as ACLED codes them: every group killed in it added up, each
person counted once, in English and Russian.

What is checked is what the ACLED scorer reads: ``events[0].counts.killed.min`` (absent
is 0). The texts are invented, in the style of ACLED notes and news reports.
"""

from __future__ import annotations

import pytest

from khronika.extract import extract_record
from khronika.extract.counts import find_counts
from khronika.extract.dates import DateStage
from khronika.extract.sentences import SentenceStage
from khronika.model import Document


def killed(text: str) -> int:
    """The fatality figure of the report's first event (0 where none is stated)."""
    record = extract_record({"id": "t", "text": text, "published": "2024-03-27"})
    events = record.get("events") or []
    count = (events[0].get("counts") or {}).get("killed") if events else None
    return count["min"] if count else 0


def dead_counts(text: str, lang: str = "en") -> list[int | None]:
    """The 'killed' counts the counts stage finds, in text order."""
    doc = Document("t", text, lang=lang, lang_given=True)
    for stage in (SentenceStage(), DateStage()):
        stage(doc)
    return [c.min for c in find_counts(doc) if c.kind == "killed"]


# ------------------------------------------------------------ totals over victim groups


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Five rebels and four villagers were killed during fighting near the dam.", 9),
        ("Three guards were killed along with 11 attackers when gunmen stormed the "
         "prison.", 14),
        ("Two bandits and a ranger were killed in a shootout at the game reserve.", 3),
        ("A police captain and four smugglers were killed in a firefight near Zaranj.", 5),
        ("On 4 June 2021, 3 guards were killed in a raid by bandits on a convoy near "
         "Dalbin. Witnesses said 5 bandits were also killed.", 8),
        ("The army killed six fighters of the Red Hill Army and three herders in the "
         "crossfire.", 9),
        ("A gang leader was killed along with two of his bodyguards in a police raid.", 3),
        ("A police captain and constable were shot dead at the toll plaza by masked men.", 2),
        ("One border guard was killed and 2 smugglers too in a shootout at the "
         "crossing.", 3),
        ("A car bomb left three shoppers and a policeman dead at the bazaar.", 4),
        ("Bandits killed a customs officer and three others on the highway.", 4),
        ("Raiders killed a shepherd, his brother, and their uncle near the well.", 3),
        ("Four poachers were killed in the operation. One ranger was also killed.", 5),
        ("Gunmen stormed a police station, killing 5 constables. Police returned fire and "
         "killed 2 of the gunmen.", 7),
    ],
)
def test_the_dead_of_several_groups_are_added(text: str, n: int) -> None:
    assert killed(text) == n


# ------------------------------------------------------------ one victim, no figure


@pytest.mark.parametrize(
    "text",
    [
        "A cyclist was killed when troops fired on a convoy outside the town.",
        "A shopkeeper was stabbed by three youths outside his store and was later declared dead.",
        "The body of a missing teacher was found in a ditch.",
        "His bound and stabbed body was recovered from a river bank on Tuesday.",
        "Gunmen killed the head of the provincial water authority in the city.",
        "A drunk constable killed his cousin in the market town.",
        "Trader killed in Kunduz.",
        "Masked gunmen kill border guard.",
        "Masked attackers shot a retired district judge, Hamid Noor Sadiq dead near his "
        "home.",
        "A taxi driver, who was badly burnt when his car was set on fire on Sunday, died in "
        "hospital today.",
        "A party volunteer lost his life after being beaten by a mob near his home.",
        "A dispute over water left a farmer killed and two others wounded.",
        "3 masked men gunned down a lawyer as he walked out of the courthouse.",
    ],
)
def test_one_victim_named_without_a_figure_counts_one(text: str) -> None:
    assert killed(text) == 1


# ------------------------------------------------------------ no double counting


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # a stated cumulative total replaces the figures it sums up
        ("Three people were killed when a market stall was set alight. Later, the death "
         "toll from the fire rose to four.", 4),
        # subsets
        ("At least 9 people, including 3 women, were killed in the explosion.", 9),
        ("18 fighters were killed in drone strikes, one of those killed was a senior "
         "leader.", 18),
        ("At least six persons, including a magistrate, two guards and an infant were "
         "killed in the riot.", 6),
        ("Police killed four robbers, two with criminal records, in a shootout.", 4),
        # alternative figures of other sources: the lowest stands
        ("3 guards were killed (6 according to the insurgents) at the depot.", 3),
        ("Two clans fought over a well. Elders said 5 people died, while officials said 3 "
         "died.", 3),
        # an earlier event, and the dead an event is about
        ("11 rebels were killed in air raids after one sentry was killed by a "
         "landmine.", 11),
        ("A hospital guard was lynched by a crowd over the deaths of three patients.", 1),
        # the same person named again
        ("Soldiers killed one herder near the border; the army said the herder was a smuggler "
         "and was killed in a firefight.", 1),
        ("Soldiers killed one herder near the border, and the army said the herder was a "
         "smuggler and was killed in a firefight.", 1),
        ("Four bandits were killed in a raid. Officers named the four dead as "
         "brothers.", 4),
        # injured are not dead
        ("5 killed, 4 hurt in a raid on the market.", 5),
        ("1 policeman killed 4 injured in a grenade attack on a patrol.", 1),
        # the doers are not the dead
        ("At least six masked men beat to death the principal of a village school.", 1),
        ("A trade union leader was attacked by a group of thugs and succumbed to his "
         "wounds.", 1),
        # a figure that is no count of people
        ("One sergeant of 27 Mountain Rifles died in a landmine blast near the pass.", 1),
        ("A young woman, aged 27, was killed in crossfire near the market.", 1),
    ],
)
def test_no_one_is_counted_twice(text: str, n: int) -> None:
    assert killed(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "No one was killed in the fire.",
        "A ranger was killed or injured when a sniper fired near the park gate.",
        "Police and gunmen traded fire at the checkpoint; nobody was hurt or killed.",
        "A second bomb went off near the market. No one else was killed.",
        "Six passengers were wounded when a grenade went off at the bus stand.",
        "Students rioted after a teacher died in a police cell.",
        "Traders protested in the market against the killing of two porters.",
        "Some 2,000 people blocked the main road demanding the arrest of the men who killed a "
        "shopkeeper.",
        "Hundreds rioted in the capital against the bombing of a mosque that left 23 dead.",
    ],
)
def test_no_death_is_invented(text: str) -> None:
    assert killed(text) == 0


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("A patrol of border guards struck a buried mine near Tarin. Four soldiers were "
         "killed in the blast. Troops then sealed off the valley and launched a sweep that "
         "left five militants dead.", 9),
        ("Rebels ambushed an army convoy, resulting in the deaths of two troops. The exchange "
         "of fire went on until dusk, when 6 rebels were killed.", 8),
        ("One farmer was killed and two were hurt when bandits ambushed their cart. The "
         "farmers fired back, killing one of the bandits.", 2),
    ],
)
def test_a_later_sentence_adds_the_other_side_s_dead(text: str, n: int) -> None:
    # soldiers, then militants: two groups of dead, not one retold
    assert killed(text) == n


def test_the_same_side_retold_is_not_added() -> None:
    text = ("Gunmen shot dead three villagers in Kuru. Police said the three villagers had "
            "refused to pay a levy.")
    assert killed(text) == 3


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("One farmer died on the sixth day of a hunger strike outside the district office "
         "in Nakuru.", 1),
        ("Two marchers died of heat stroke during a rally of the teachers' union in Multan.", 2),
        ("An elderly pensioner died during a sit-in by retired railway workers outside the "
         "ministry.", 1),
    ],
)
def test_a_death_at_a_peaceful_protest_counts(text: str, n: int) -> None:
    # the death is the news of its sentence, its subject leading: it happened at the protest
    assert killed(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "Family members of a labourer who died at a brick kiln staged a protest at the "
        "police station.",
        "Parents of a murdered schoolgirl held a silent march in the town centre.",
        "Neighbours of a trader shot dead by robbers staged a protest at the police station.",
    ],
)
def test_the_death_a_peaceful_protest_is_about_is_not_counted(text: str) -> None:
    assert killed(text) == 0


def test_a_bomber_who_killed_others_is_not_added_to_them() -> None:
    assert killed("At the shrine gate an attacker in a vest blew himself up, killing at "
                  "least 9 pilgrims.") == 9
    # alone, he is the event's one death
    assert killed("Near an army checkpoint a lone attacker blew himself up.") == 1


def test_a_toll_told_again_incident_by_incident_is_not_added_twice() -> None:
    text = ("At least five traders were killed in three separate shootings in the city on "
            "Friday. Two traders were shot dead at a tea stall. Another man was gunned down "
            "near the bypass. In a third attack, two people were gunned down by men on a "
            "motorbike.")
    assert killed(text) == 5


def test_a_figure_after_a_full_stop_with_no_space_is_read() -> None:
    # notes typed in haste: "...a roadside bomb.Four soldiers were killed"
    assert killed("A patrol truck struck a buried mine.Four soldiers were killed in the "
                  "blast.") == 4
    assert dead_counts("Prices rose 1.5 percent.Two traders died in the crush.") == [2]


def test_enemy_dead_told_as_eliminated_are_counted() -> None:
    assert killed("Security forces said at least 40 insurgents were eliminated in the sweep "
                  "of the forest.") == 40
    assert dead_counts("Troops eliminated 12 terrorists in a raid on their hideout.") == [12]


@pytest.mark.parametrize(
    "text",
    [
        "Relatives of a porter who was killed in a brawl blocked the highway and pelted "
        "police with stones.",
        "Students hurled stones at police during the funeral of a classmate who was shot dead "
        "by robbers.",
        "Villagers clashed with police while protesting the release of the suspects who "
        "murdered a shopkeeper.",
    ],
)
def test_the_dead_a_riot_mourns_or_avenges_are_not_its_dead(text: str) -> None:
    assert killed(text) == 0


def test_the_dead_of_a_riot_itself_count() -> None:
    assert killed("Two protesters were killed when police opened fire on stone-throwing "
                  "demonstrators in the town.") == 2


def test_they_who_died_are_the_dead_already_counted() -> None:
    text = ("Three herders were killed in the raid on the camp, but police could not say how "
            "they died.")
    assert killed(text) == 3


def test_a_campaign_toll_is_not_the_event_s() -> None:
    text = ("A bus passenger, Karim, 45, burnt in a firebomb attack, died in hospital on "
            "Monday. With his death, the death toll in the ongoing unrest rose to twelve.")
    assert killed(text) == 1


def test_fatalities_coded_last_win() -> None:
    text = ("On 3 May 2021, 4 guards were killed in a raid on a depot. "
            "Fatalities coded as 0. In a second raid, 7 attackers were killed. Fatalities "
            "coded as 7.")
    assert killed(text) == 7


def test_an_unknown_number_of_dead_is_coded_ten() -> None:
    # ACLED's rule for a death toll it cannot tell
    assert killed("The air strike killed an unknown number of fishermen.") == 10


@pytest.mark.parametrize(
    "text",
    [
        "Troops drove the raiders out of three hamlets, killing several of them.",
        "Many fighters of the rebel brigade were killed in the air raids on the ridge.",
    ],
)
def test_several_or_many_dead_are_coded_ten(text: str) -> None:
    # ACLED's rule for plural dead with no figure
    assert killed(text) == 10


# ------------------------------------------------------------ Russian


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("В перестрелке в Махачкале погибли двое полицейских и трое боевиков.", 5),
        ("Вооружённые люди открыли огонь по посту полиции. Погибли трое мирных жителей и "
         "полицейский, ранены не менее девяти человек.", 4),
        ("Полицейский и двое прохожих погибли при взрыве.", 3),
        ("Водитель и пассажир погибли в результате обстрела.", 2),
        ("При обстреле погибли двое военных. Позже в больнице скончался ещё один раненый.", 3),
        ("При обстреле погибли двое военных, ранены пятеро.", 2),
    ],
)
def test_russian_groups_of_dead_are_added(text: str, n: int) -> None:
    assert killed(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "В Подмосковье убит мигрант из Таджикистана.",
        "Утром дрон атаковал автомобиль на окраине Белгорода. Водитель погиб, пассажирка "
        "ранена.",
        # a figure before an active verb counts the killers
        "Двое неизвестных застрелили полицейского в Грозном.",
    ],
)
def test_russian_one_victim_counts_one(text: str) -> None:
    assert killed(text) == 1


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("При взрыве на рынке погибли 12 человек, в том числе трое детей.", 12),
        ("При обстреле погибли пять человек. Позже число погибших возросло до семи.", 7),
    ],
)
def test_russian_no_double_counting(text: str, n: int) -> None:
    assert killed(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "При взрыве на рынке никто не погиб, ранены двое.",
        "Рабочие вышли на митинг после гибели двух коллег на стройке.",
    ],
)
def test_russian_no_death_is_invented(text: str) -> None:
    assert killed(text) == 0


def test_russian_dead_counts() -> None:
    assert dead_counts("Водитель погиб на месте.", "ru") == [1]
    assert dead_counts("Никто не погиб.", "ru") == []
    assert dead_counts("Погибли двое полицейских и трое боевиков.", "ru") == [5]
