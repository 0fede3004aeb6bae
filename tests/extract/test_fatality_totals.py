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
        ("Seven militants and two civilians were killed in a clash with troops.", 9),
        ("Two soldiers were killed along with 15 militants when insurgents attacked a "
         "checkpoint.", 17),
        ("Three militants and a soldier were killed in a gunfight in the district.", 4),
        ("An army officer and two militants were killed in an encounter in Tral.", 3),
        ("On 19 March 2020, 2 policemen were killed in an ambush by Taliban militants in "
         "Balkh. Local officials said 6 militants were also killed.", 8),
        ("The security forces killed seven militants of the NSCN-K and two civilians in a "
         "crossfire.", 9),
        ("A local TTP commander was killed along with two of his aides in an encounter.", 3),
        ("One security forces personnel was killed and 3 militants too after a "
         "confrontation at a checkpost.", 4),
        ("A bomb blast left two civilians and a soldier dead in Rangae district.", 3),
        ("Militants killed a political administration official and two others.", 3),
        ("Soldiers killed a father, his wife, and their son at the village.", 3),
        ("Three militants were killed in the raid. One soldier was also killed.", 4),
        ("Insurgents attacked a checkpost, killing 3 soldiers. Troops retaliated and "
         "killed 2 of the attackers.", 5),
    ],
)
def test_the_dead_of_several_groups_are_added(text: str, n: int) -> None:
    assert killed(text) == n


# ------------------------------------------------------------ one victim, no figure


@pytest.mark.parametrize(
    "text",
    [
        "A student was killed when police fired on a march in the town.",
        "An imam was shot by two men on a motorcycle and was later pronounced dead.",
        "The body of an officer was found near the village.",
        "His bullet-riddled body was recovered from a field on Monday.",
        "Gunmen killed the director of the traffic police department in the city.",
        "A Taliban fighter killed his mother in Herat city.",
        "Farmer killed in Selea.",
        "Unidentified gunmen kill NISS officer.",
        "Unknown gunmen shot a senior police official, DSP Zulfiqar Ali Zaidi dead.",
        "A truck helper, who suffered burn injuries in a petrol bomb attack last night, died "
        "in a hospital this morning.",
        "A BJP supporter lost his life after being beaten up in the village.",
        "A clash over land left a student killed and three others injured.",
        "4 unidentified militants gunned down a journalist on his way to the university.",
    ],
)
def test_one_victim_named_without_a_figure_counts_one(text: str) -> None:
    assert killed(text) == 1


# ------------------------------------------------------------ no double counting


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # a stated cumulative total replaces the figures it sums up
        ("Four people were killed in an arson attack on a bus. With this, the death toll "
         "from the attack rose to five.", 5),
        # subsets
        ("At least 12 people, including 2 children, were killed in the blast.", 12),
        ("22 militants were killed in air strikes, one of those killed was a key "
         "commander.", 22),
        ("At least eight persons, including an inspector, two policemen and a toddler were "
         "killed in the clash.", 8),
        ("Rangers killed three militants, two with ties to the TTP, in a gun battle.", 3),
        # alternative figures of other sources: the lowest stands
        ("2 officers were killed (5 according to the rebels) at the post.", 2),
        ("Rival groups clashed in the village. Residents said 4 people died, while police "
         "said 2 died.", 2),
        # an earlier event, and the dead an event is about
        ("16 militants were killed by shelling after one soldier was killed in a roadside "
         "IED.", 16),
        ("A school director was lynched by a mob over the deaths of two students.", 1),
        # the same person named again
        ("Indian troops killed one youth in Baramulla; police said the youth was a militant "
         "and was killed in an encounter.", 1),
        ("Three militants were killed in Kupwara. Police identified the three dead as "
         "locals.", 3),
        # injured are not dead
        ("3 killed, 2 wounded in an ambush on the highway.", 3),
        ("1 security personnel killed 5 injured in a bomb blast in Sibi.", 1),
        # the doers are not the dead
        ("At least ten armed men shot to death the secretary of a local council.", 1),
        ("An Awami League leader was hacked by a group of activists and succumbed to his "
         "injuries.", 1),
        # a figure that is no count of people
        ("One JCO of 12 Assam Rifles died in an encounter near the border.", 1),
        ("An unidentified man, aged 34, was killed in a gunfight with police.", 1),
    ],
)
def test_no_one_is_counted_twice(text: str, n: int) -> None:
    assert killed(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "No one was killed in the blast.",
        "Five people were injured when a bomb exploded at the market.",
        "Residents rioted after a laborer died in police custody.",
        "Traders protested in the market against the killing of two porters.",
        "Over 1,500 people blocked traffic demanding the arrest of the culprits who killed a "
        "bus driver.",
        "Thousands rioted in Lahore against the twin attacks on churches that left 17 dead.",
    ],
)
def test_no_death_is_invented(text: str) -> None:
    assert killed(text) == 0


def test_a_campaign_toll_is_not_the_event_s() -> None:
    text = ("An arson victim, Murad, 20, succumbed to his injuries in hospital yesterday. "
            "With the death of Murad, the death toll in the ongoing blockade rose to nine.")
    assert killed(text) == 1


def test_fatalities_coded_last_win() -> None:
    text = ("On 19 March 2020, 2 soldiers were killed in an attack on a check point. "
            "Fatalities coded as 0. In another attack, 6 militants were killed. Fatalities "
            "coded as 6.")
    assert killed(text) == 6


def test_an_unknown_number_of_dead_is_coded_ten() -> None:
    # ACLED's rule for a death toll it cannot tell
    assert killed("The bombardment killed an unknown number of pastoralists.") == 10


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
