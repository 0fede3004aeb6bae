"""Refinement rules of the ``events`` stage: turning trigger scores into one event type.

Trigger words name an act (``killed``, ``protest``, ``captured``) but several taxonomy
codes share the same words; what tells them apart is context, mostly *who* did it to
*whom* and what else happened:

- a protest where police used tear gas or arrested people is a *protest with
  intervention*; protesters throwing stones make it a *violent demonstration*; police
  shooting at protesters is *excessive force*;
- killing between armed organisations (soldiers, police, militants) is an *armed clash*;
  the same words with civilian victims are an *attack* (ACLED's coding, followed by its
  notes: "1 soldier was killed by Taliban militants" is a clash);
- a clash between groups of civilians (party supporters, villagers) is *mob violence*;
- a weapon found, defused or exploding prematurely is *disrupted weapons use*;
- a place captured by state forces is *government regains territory*.
"""

from __future__ import annotations

import re

from khronika.extract.prefilter import may_match
from khronika.model import Document, Trigger

WEAPONS = frozenset({
    "suicide_bomb", "grenade", "chemical_weapon", "air_drone_strike",
    "shelling_artillery_missile_attack", "remote_explosive_landmine_ied",
})
CLOSE_VIOLENCE = frozenset({"armed_clash", "attack", "assault", "mob_violence"})
VIOLENCE = WEAPONS | CLOSE_VIOLENCE
PROTESTS = frozenset({
    "peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters",
    "violent_demonstration",
})
# Trigger types that a protest event absorbs: what police or protesters did during it.
_PROTEST_PARTS = frozenset({
    "peaceful_protest", "violent_demonstration", "arrest", "attack", "assault", "arson",
    "looting_property_destruction", "mob_violence", "armed_clash", "raid",
})
# Trigger types a protest outranks when it is stated early: the violence words there
# usually describe what happened at the protest, or what it protested against.
_PROTEST_OUTRANKS = frozenset({
    "attack", "armed_clash", "arrest", "assault", "violent_demonstration", "mob_violence",
    "looting_property_destruction", "arson", "raid", "court_ruling", "legal_measure",
    "threat", "diplomatic_event", "other", "abduction", "torture", "deportation",
    # what a protest is about: a rape, a fatal road accident, a flood left without relief
    "sexual_violence", "natural_disaster", "man_made_disaster", "organized_crime",
})
_ABSORB: dict[str, frozenset[str]] = {
    "arrest": frozenset({"arrest", "raid"}),
    "raid": frozenset({"arrest", "raid"}),
    "deportation": frozenset({"deportation", "court_ruling"}),
    "torture": frozenset({"torture", "assault", "attack"}),
    "natural_disaster": frozenset({"natural_disaster", "man_made_disaster", "attack"}),
    "man_made_disaster": frozenset({"man_made_disaster", "attack", "natural_disaster"}),
    "abduction": frozenset({"abduction", "attack"}),
    "organized_crime": frozenset({"organized_crime", "arrest", "raid", "attack"}),
    "government_regains_territory": VIOLENCE | {"non_state_actor_overtakes_territory"},
    "non_state_actor_overtakes_territory": VIOLENCE | {"government_regains_territory"},
    "disrupted_weapons_use": WEAPONS | {"attack"},
}
_SOURCES: dict[str, frozenset[str]] = {
    "protest_with_intervention": frozenset({"peaceful_protest", "violent_demonstration"}),
    "excessive_force_against_protesters": frozenset({"peaceful_protest",
                                                     "violent_demonstration"}),
    "violent_demonstration": frozenset({"violent_demonstration", "peaceful_protest"}),
    "peaceful_protest": frozenset({"peaceful_protest"}),
    "armed_clash": frozenset({"armed_clash", "attack", "raid", "assault"}),
    "attack": frozenset({"attack", "armed_clash", "assault"}),
    "mob_violence": frozenset({"mob_violence", "armed_clash", "attack", "assault", "arson",
                               "looting_property_destruction"}),
    "arrest": frozenset({"arrest", "raid"}),
    "torture": frozenset({"torture", "assault"}),
    "government_regains_territory": frozenset({"government_regains_territory",
                                               "non_state_actor_overtakes_territory"}),
}

_STATE_EN = re.compile(
    r"\b(?:police\w*|security (?:forces|personnel)|troops|soldiers|army|military|forces|"
    r"officers|authorities|government|rangers|paramilitar\w*|gendarm\w*|commandos|"
    r"ANDSF|omon|guards|personnel|rifles|jawans?|constables?)\b", re.IGNORECASE)
_STATE_RU = re.compile(r"(?:полиц\w*|силовик\w*|омон\w*|росгварди\w*|военн\w*|войск\w*|"
                       r"сотрудник\w*|фсб|власт\w*)", re.IGNORECASE)
_LETHAL_EN = re.compile(
    r"\b(?:opened fire|fired (?:live|bullets|on|at|into)|shot (?:dead|at|and killed)|"
    r"live (?:ammunition|rounds|bullets)|killed|killing|(?:a |the )?firing by)\b", re.IGNORECASE)
_LETHAL_RU = re.compile(r"(?:открыл\w* огонь|стрелял\w*|убил\w*|застрелил\w*)", re.IGNORECASE)
_PROTESTER_VICTIM_EN = re.compile(
    r"\b(?:protesters?|demonstrators?|protestors?)\b(?: \w+){0,3} (?:were |was )?"
    r"(?:killed|shot dead|shot)\b(?: \w+){0,2} by (?:the )?(?:police|security|troops|soldiers|"
    r"army|forces)", re.IGNORECASE)


def absorbed_by(code: str) -> frozenset[str]:
    """Trigger types that belong to an event of type ``code`` rather than being their own."""
    if code in PROTESTS:
        return _PROTEST_PARTS | {"other"}
    if code in VIOLENCE:
        return VIOLENCE | {"other", "raid"}
    return _ABSORB.get(code, frozenset({code})) | {"other"}


def trigger_types_for(code: str) -> frozenset[str]:
    """Trigger types whose hits can stand as the evidence for an event of type ``code``."""
    return _SOURCES.get(code, frozenset({code}))


def secondary_type(trigger_type: str, triggers: list[Trigger]) -> str | None:
    """The code of an extra event started by a strong trigger, or None for words that
    only qualify another event (a bare "killed", "riot", "rally")."""
    if trigger_type in ("attack", "violent_demonstration", "other", "peaceful_protest",
                        "armed_clash", "mob_violence"):
        return None
    if trigger_type == "arrest" and any(t.type == "raid" and not t.negated for t in triggers):
        return "raid"  # people held in a raid the report also names: the raid is the event
    return trigger_type


# ----------------------------------------------------------------------------- decide


def _top(scores: dict[str, float]) -> tuple[str, float]:
    code = max(scores, key=lambda k: (scores[k], k))
    return code, scores[code]


def _sentences_text(doc: Document, sents: set[int]) -> str:
    return " ".join(doc.text[doc.sentences[i].start:doc.sentences[i].end]
                    for i in sorted(sents) if 0 <= i < len(doc.sentences)) or doc.text


def _adjust(triggers: list[Trigger], scores: dict[str, float]) -> dict[str, float]:
    s = dict(scores)
    live = [t for t in triggers if not t.negated]
    claims = [t for t in live if t.type == "claim_of_responsibility"]
    if claims and min(t.sentence for t in claims) > 0:
        # a claim after the account of an attack qualifies it; it is not the event
        s["claim_of_responsibility"] *= 0.5
    disrupted = {t.sentence for t in live if t.type == "disrupted_weapons_use"}
    if disrupted:
        same = [s.get(t.type, 0.0) for t in live if t.type in WEAPONS and t.sentence in disrupted]
        if same:
            # a bomb that was found, defused or went off early: not a weapon used
            s["disrupted_weapons_use"] = max(s["disrupted_weapons_use"], max(same) + 0.5)
    if "other" in s and len(s) > 1:
        s["other"] *= 0.5  # only when nothing more specific is said
    return s


def decide(doc: Document, triggers: list[Trigger], scores: dict[str, float],
           cues: dict[str, re.Pattern[str]], family: str) -> tuple[str | None, float]:
    """The type of the document's most salient event and its score (None when none)."""
    code, score = _decide(doc, triggers, scores, cues, family)
    if code in _VEHICLE_BOMB_CODES and _bombed_vehicle(doc):
        return "attack", score  # a bomb thrown into a bus or truck: its passengers the target
    return code, score


def _decide(doc: Document, triggers: list[Trigger], scores: dict[str, float],
            cues: dict[str, re.Pattern[str]], family: str) -> tuple[str | None, float]:
    s = _adjust(triggers, scores)
    if not s:
        return None, 0.0
    live = [t for t in triggers if not t.negated]
    s = domain_adjust(doc, live, s)
    s = _tie_break(doc, live, s)
    code, score = _top(s)
    if (code == "peaceful_protest" or _protest_wins(live, code, doc.text)) and _gathering_attacked(
            doc, live, cues["crowd"]):
        # "gunmen fired at a rally", "killed during a strike": the gathering is where an
        # attack happened, not the event
        rest = {k: v for k, v in s.items() if k not in PROTESTS}
        if rest:
            code, score = _top(rest)
            live = [t for t in live if t.type not in PROTESTS]
    if _protest_wins(live, code, doc.text):
        return protest_subtype(doc, live, cues, family), max(score, s["peaceful_protest"])
    if code == "peaceful_protest":  # weak words only ("gathered"), but what happened counts
        return protest_subtype(doc, live, cues, family), score
    if code in CLOSE_VIOLENCE:
        return close_violence_subtype(doc, live, code, cues), score
    if code in _FIELD_WEAPONS and _fighting_stated(live):
        return "armed_clash", score  # rockets fired or arms seized in a firefight: a battle
    if code == "air_drone_strike" and _fighting_leads(live, code):
        # "troops clashed with rebels ...; jets then struck their positions": the strikes
        # backed the ground fight the note reports first, and ACLED codes the fight
        return "armed_clash", score
    if code == "remote_explosive_landmine_ied" and _clash_first(live, code):
        # "two student wings fought ... home-made bombs went off during the fight": the
        # bombs are the clash's weapons; who fought decides (a battle, or a riot)
        return close_violence_subtype(doc, live, "armed_clash", cues), score
    if code == "disrupted_weapons_use" and not _OWN_BOMB.search(doc.text) and any(
            c.kind == "killed" and (c.min or 0) > 0 for c in doc.counts):
        # people died: a device that went off while it was defused killed them (an
        # explosion), or the weapons were seized in an operation that killed (a battle);
        # bombers killed by their own bomb going off early stay a disrupted use
        return ("remote_explosive_landmine_ied" if _WENT_OFF.search(doc.text)
                else "armed_clash"), score
    if code == "non_state_actor_overtakes_territory" and _state_subject(doc, live, code, family):
        return "government_regains_territory", score
    if code == "raid":
        return _raid_subtype(doc, live, cues), score
    if code == "abduction" and _ARMED_CAPTIVES.search(doc.text):
        # soldiers or policemen captured by an armed group: ACLED's violence against
        # civilians needs unarmed victims; taking fighters prisoner is part of a battle
        return "armed_clash", score
    if code == "arrest" and (_fighting_stated(live) or (may_match(_GUNFIGHT, doc.text)
                                                         and _GUNFIGHT.search(doc.text))):
        # people captured after a firefight or clashes: the fighting is the event
        return close_violence_subtype(doc, live, "armed_clash", cues), score
    if code == "arrest" and is_sweep(doc, live):
        return "raid", score
    if code in ("arson", "looting_property_destruction") and (
            _by_group(doc, live, code, cues) or _unrest_damage(doc, live, code, cues)):
        return riot_subtype(doc), score  # a crowd or party activists wrecking property: a riot
    if code == "remote_explosive_landmine_ied" and _thrown_by_crowd(doc, live, code, cues):
        return riot_subtype(doc), score
    return code, score


_WENT_OFF = re.compile(r"\b(?:explod\w*|went off|blasts?|detonat\w*|blew up)\b|"
                       r"(?<!\w)(?:взорвал\w*|взрыв\w*|сдетонировал\w*)", re.IGNORECASE)


_OWN_BOMB = re.compile(r"\b(?:prematur\w*|accidental\w*|own (?:bombs?|explosives?|devices?)|"
                       r"while (?:making|assembling|planting|handling|transporting|carrying))\b|"
                       r"(?<!\w)(?:преждевременн\w*|случайн\w* (?:\w+ )?(?:взрыв|взорв|сработ|"
                       r"детон|подрыв|подорв)\w*)", re.IGNORECASE)


_ARMED_CAPTIVES = re.compile(
    r"\b(?:soldiers?|policem[ae]n|police(?:m[ae]n)? (?:officers?|personnel)|troops|"
    r"security (?:personnel|forces|guards)|militiam[ae]n|border guards?)\b[^.;]{0,40}"
    r"\b(?:abducted|kidnapped|taken (?:as )?hostages?|captured)\b|(?<!\w)(?:военнослужащ\w*|"
    r"солдат\w*|полицейск\w*)[^.;]{0,40}(?:похищен\w*|захвачен\w* в плен|взят\w* в плен)",
    re.IGNORECASE)


# ----------------------------------------------------------------------------- riots

# What a riot in the street damages: vehicles above all (buses torched in a general
# strike, cars smashed after a match), and the words of the unrest it happens in.
_VEHICLES = re.compile(
    r"\b(?:buss?(?:es)?|trucks?|lorr(?:y|ies)|vehicles?|cars?|auto-?rickshaws?|rickshaws?|"
    r"motor-?(?:cycles?|bikes?)|(?:micro|mini)-?bus(?:es)?|(?:mini-?)?vans?|tankers?|taxis?|"
    r"trains?|"
    r"coaches|tempos?|jeeps?)\b(?! ?(?:stations?|stands?|stops?|terminals?|depots?|parks?|"
    r"parking|routes?))|(?<!\w)(?:автобус(?!н\w* останов)\w*|машин\w*|автомобил\w*|"
    r"грузовик\w*)", re.IGNORECASE)
_UNREST = re.compile(
    r"\b(?:hartals?|bandhs?|blockades?|blockaders|shut-?downs?|strikes?|general strike|"
    r"protest\w*|demonstrat\w*|agitat\w*|rall(?:y|ies)|processions?|pickets?|picketers|"
    r"clash\w*|unrest|riot\w*|mobs?|crowds?|supporters|activists|election|polls?|"
    r"electioneering)\b|(?<!\w)(?:протест\w*|митинг\w*|беспорядк\w*|толп\w*|погром\w*|"
    r"столкновени\w*)", re.IGNORECASE)
# How a riot's crowd wounds: a bomb thrown by hand ("hurled crude bombs", "threw a
# cocktail" in South Asian usage), not a device planted and set off from afar (a bomb
# that only "went off" says nothing of who set it).
_THROWN = re.compile(
    r"\b(?:hurl\w*|threw|throw\w*|toss\w*|lobb\w*|pelt\w*|charg\w*) (?:[\w/-]+ ){0,3}"
    r"(?:\w+-)?(?:bombs?|cocktails?)\b|\b(?:bombs?|cocktails?) (?:\w+ ){0,2}(?:hurled|thrown|"
    r"tossed|lobbed|charged)\b|(?<!\w)(?:бросил\w*|кинул\w*|метнул\w*) (?:\w+ ){0,3}"
    r"(?:бутылк\w*|коктейл\w*|самодельн\w*)", re.IGNORECASE)
# A crowd as the maker of a riot: its words before the violent act in the sentence.
_PROTEST_CONTEXT = re.compile(
    r"\b(?:hartals?|bandhs?|blockades?|shut-?downs?|strikes?|protest\w*|demonstrat\w*|"
    r"agitat\w*|rall(?:y|ies)|processions?|pickets?|picketers|demanding|in support of)\b|"
    r"(?<!\w)(?:протест\w*|митинг\w*|акци\w* протеста|забастовк\w*)", re.IGNORECASE)


_VEHICLE_BOMB_CODES = frozenset({"violent_demonstration", "mob_violence", "arson",
                                 "remote_explosive_landmine_ied"})
_HURT = re.compile(r"\b(?:burn\w*|injur\w*|wounded|hurt|killed|died|dead|succumbed)\b|"
                   r"(?<!\w)(?:ранен\w*|пострадал\w*|ожог\w*|погиб\w*|убит\w*)",
                   re.IGNORECASE)


def _bombed_vehicle(doc: Document) -> bool:
    """Whether a bomb was thrown at a vehicle and people were hurt: the passengers and the
    driver were attacked (ACLED: violence against civilians), not property in a riot."""
    if _GUNFIGHT.search(doc.text) or _NOBODY_HURT.search(doc.text):
        return False  # bombs thrown in a firefight with the police: the fight is the event
    for m in _THROWN.finditer(doc.text):
        sent = doc.sentence_of(m.start()) if doc.sentences else 0
        lo = doc.sentences[sent].start if doc.sentences else 0
        hi = doc.sentences[sent].end if doc.sentences else len(doc.text)
        if _POLICE_VEHICLE.search(doc.text, lo, hi) or _TRYING.search(doc.text, lo, m.start()):
            continue  # a police van stoned in a riot; throwers hurt or caught in the act
        if _VEHICLES.search(doc.text, lo, hi) and _HURT.search(doc.text):
            return True
    return False


_NOBODY_HURT = re.compile(r"\b(?:no one|nobody|none|no casualt\w*|no injur\w*|no one was)\b"
                          r"(?: \w+){0,2} (?:injured|hurt|wounded|killed|reported)|\bno "
                          r"(?:casualties|injuries)\b|(?<!\w)никто не пострадал", re.IGNORECASE)
_POLICE_VEHICLE = re.compile(r"\b(?:police|army|military|patrol|security|RAB|BGB)(?:'s)? "
                             r"(?:\w+ )?(?:vehicles?|vans?|cars?|pickups?|jeeps?|trucks?|"
                             r"bus(?:es)?)\b|(?<!\w)полицейск\w* (?:машин|автомобил)\w*",
                             re.IGNORECASE)
_TRYING = re.compile(r"\b(?:trying|tried|attempting|attempted|while|after) (?:to )?$",
                     re.IGNORECASE)


def riot_subtype(doc: Document) -> str:
    """A violent demonstration where a protest, strike or blockade is the setting, else
    mob violence (ACLED's two kinds of riot)."""
    return "violent_demonstration" if _PROTEST_CONTEXT.search(doc.text) else "mob_violence"


def _lead_sentence_of(doc: Document, live: list[Trigger], code: str) -> tuple[str, int]:
    trig = min((t for t in live if t.type == code), key=lambda t: t.start)
    if not doc.sentences:
        return doc.text, trig.start
    sent = doc.sentences[min(trig.sentence, len(doc.sentences) - 1)]
    return doc.text[sent.start:sent.end], trig.start - sent.start


def _armed_agent(sentence: str, at: int, cues: dict[str, re.Pattern[str]]) -> bool:
    """Whether an armed organisation acts in the sentence: named before the act, or after
    it as its agent ("torched by militants"); police as victims or bystanders do not count."""
    for m in cues["armed"].finditer(sentence):
        word = m.group(0).lower()
        if word.startswith(("police", "полиц", "law")) or word in ("personnel", "guards", "guard"):
            continue
        if m.start() < at or re.search(r"\bby (?:\w+ ){0,3}$", sentence[max(0, m.start() - 30):
                                                                       m.start()]):
            return True
    return False


_OWNED = re.compile(r"\b(?:belonging to|owned by|(?:his|her|their) (?:own )?(?:car|van|minibus|"
                    r"truck|taxi|vehicle)|in (?:the|a|their|his) (?:court)?yard|parked (?:outside|"
                    r"near|by) (?:his|her|their) (?:home|house|building))\b|(?<!\w)(?:во дворе|"
                    r"принадлежащ\w*|(?:его|её|ее|их) (?:машин|автомобил)\w*)", re.IGNORECASE)


def _unrest_damage(doc: Document, live: list[Trigger], code: str,
                   cues: dict[str, re.Pattern[str]]) -> bool:
    """Property set alight or wrecked in civil unrest: vehicles torched or smashed, or
    damage amid a strike, blockade, clash or election, with no armed group as its agent
    (militants burning a school stay a property destruction)."""
    sentence, at = _lead_sentence_of(doc, live, code)
    if _armed_agent(sentence, at, cues):
        return False
    # buses torched in the street are a riot's (ACLED's coding of hartal days); someone's
    # own car burned in his yard, a targeted arson
    return bool(_UNREST.search(doc.text) or (_VEHICLES.search(sentence)
                                             and not _OWNED.search(sentence)))


def _thrown_by_crowd(doc: Document, live: list[Trigger], code: str,
                     cues: dict[str, re.Pattern[str]]) -> bool:
    """Hand-thrown bombs (crude and petrol bombs, cocktails) hurled by assailants, party
    activists or pickets rather than an armed group: ACLED codes them as rioting."""
    if not (_THROWN.search(doc.text) or (
            _CRUDE.search(doc.text) and _UNNAMED_OR_CROWD.search(doc.text)
            and not _PLANTED.search(doc.text))):
        return False
    sentence, at = _lead_sentence_of(doc, live, code)
    return not _armed_agent(sentence, at, cues)


# Home-made bombs of street violence ("crude bombs", "cocktails", "hand bombs", petrol
# bombs), and who sets them off there: unnamed assailants, pickets, party activists. On
# the development notes such blasts were coded as riots four times as often as explosions.
_CRUDE = re.compile(r"\b(?:crude|cocktail|hand-?made|home-?made|petrol|country-?made) ?-?"
                    r"(?:bombs?|cocktails?)?\b|\bhand-?bombs?\b|(?<!\w)(?:самодельн\w* "
                    r"(?:бомб|взрывпакет)\w*|коктейл\w* молотова)", re.IGNORECASE)
# A bomb left to go off later is an explosive device, whoever made it.
_PLANTED = re.compile(r"\b(?:planted|remote[- ]controlled|timer|time bomb|hidden|concealed|"
                      r"buried)\b|(?<!\w)(?:заложен\w*|заложил\w*|спрятан\w*)", re.IGNORECASE)
_UNNAMED_OR_CROWD = re.compile(
    r"\b(?:assailants|miscreants|unidentified|unknown|attackers|activists|supporters|"
    r"pickets|picketers|blockaders|cadres|youths|mob)\b|(?<!\w)(?:неизвестн\w*|"
    r"хулиган\w*|толп\w*)", re.IGNORECASE)


# Places that police sweep: a detention there is a raid on the place, not an arrest of
# named people (the brief's taxonomy: "a sweep of a place (market, hostel, workplace)").
_SWEEP_PLACE = re.compile(
    r"\b(?:markets?|bazaars?|hostels?|dormitor\w*|construction sites?|building sites?|"
    r"warehouses?|metro|rynok|factory|depot|workshops?|settlements?|barracks|camps?)\b|"
    r"(?<!\w)(?:рын\w+|общежити\w*|пос[её]л\w*|поселк\w*|бытовк\w*|шаҳрак\w*|"
    r"стройк\w*|стройплощадк\w*|овощебаз\w*|предприяти\w*|завод\w*|фабрик\w*|цех\w*|"
    r"строительн\w+ площадк\w*|хостел\w*|склад\w*|метро|бозор\w*|хобгоҳ\w*)",
    re.IGNORECASE)
# ("забрали «на проверку»": one man taken away "for a check" is no sweep; "на проверке
# документов", a check under way, is one)
_SWEEP_WORDS = re.compile(r"\b(?:checks?|sweeps?|raids?|checking)\b|"
                          r"(?<!\w)(?<!на «)(?!(?<=на )проверку(?!\w))(?:проверк\w*|"
                          r"провер\w+|рейд\w*|облав\w*|санҷиш\w*)", re.IGNORECASE)
# Where a beating is ill-treatment in custody (torture) rather than an assault in the street.
_CUSTODY = re.compile(
    r"\b(?:at|in) (?:the |a )?(?:police station|custody|detention|cells?)\b|\bdetainees\b|"
    r"\b(?:at|in) the (?:\w+ )?(?:department|station|precinct|police room)\b|"
    r"\bofficers (?:at|in) the\b|(?<!\w)(?:в отдел\w*|в отделени\w*|в ивс|в изолятор\w*|"
    r"в сизо|в спецприемник\w*|в цвсиг|задержанных|дар шӯъба\w*|дар ҳабс\w*|спеццентр\w*|"
    r"центр\w* (?:временного )?содержания|в камере|дар камера|дар тавқифгоҳ)",
    re.IGNORECASE)


# A verb form that holds one person: the Russian short participle in the singular, or an
# English "he/she was detained".
_ONE_HELD = re.compile(r"(?<!\w)(?:задержан|задержана|доставлен|доставлена|арестован|арестована)"
                       r"(?!\w)|\b(?:he|she) was (?:\w+ )?(?:detained|arrested|taken)\b",
                       re.IGNORECASE)


def is_sweep(doc: Document, live: list[Trigger]) -> bool:
    """Whether detentions happened in a sweep of a place: several people detained at a
    market, hostel or site, or detained during checks."""
    arrests = [t for t in live if t.type in ("arrest", "raid")]
    if not arrests:
        return False
    sents = {t.sentence for t in arrests}
    text = _sentences_text(doc, sents)
    detained = [c.min or 0 for c in doc.counts if c.kind == "detained"]
    if detained and max(detained) <= 1:
        return False  # one person held at a check is an arrest
    if not detained and _ONE_HELD.search(text):
        return False  # no figure, but the verb says one man ("задержан", "he was detained")
    many = any(n >= 5 for n in detained)
    return bool(_SWEEP_PLACE.search(text)) and (many or bool(_SWEEP_WORDS.search(text)))


# A court that overturned or cancelled the expulsion ruled; nobody is being deported.
_OVERTURNED = re.compile(r"\b(?:overturned|overruled|quashed|annulled|cancell?ed|revoked|set "
                         r"aside)\b|(?<!\w)(?:отменил\w*|отмен[её]н\w*|аннулировал\w*|бекор "
                         r"кард\w*)", re.IGNORECASE)


# A court hearing an appeal or a complaint, or upholding an order, rules on an earlier order:
# the ruling is the news, not the expulsion it upholds ("суд отказал в жалобе", "appeal
# against expulsion dismissed", "оставил без изменения решение о выдворении").
_ON_APPEAL = re.compile(r"\b(?:appeal\w*|upheld)\b|(?<!\w)(?:жалоб\w*|апелляци\w*|кассаци\w*|"
                        r"без изменени\w*|оставил\w* в силе)", re.IGNORECASE)


def domain_adjust(doc: Document, live: list[Trigger], s: dict[str, float]) -> dict[str, float]:
    """Score changes that context, not a single word, justifies."""
    s = dict(s)
    for t in live:
        if t.type != "assault":
            continue
        lo = doc.sentences[t.sentence].start if doc.sentences else 0
        hi = doc.sentences[t.sentence].end if doc.sentences else len(doc.text)
        if may_match(_CUSTODY, doc.text) and _CUSTODY.search(doc.text[lo:hi]):
            # beaten by officers in a police station: ill-treatment in custody
            boosted = t.weight * _decay_of(t.sentence) + 1.5
            s["torture"] = max(s.get("torture", 0.0), boosted)
    killed_first = any(c.kind == "killed" and (c.min or 0) >= 1 and c.sentence <= 1
                       for c in doc.counts)
    attack0 = [t for t in live if t.type == "attack" and t.sentence == 0 and t.weight >= 1.5]
    dep_sents = {t.sentence for t in live if t.type == "deportation"}
    if "court_ruling" in s and "deportation" in s and any(
            t.type == "court_ruling" and t.sentence in dep_sents
            and not _OVERTURNED.search(_sentences_text(doc, {t.sentence}))
            and not _ON_APPEAL.search(_sentences_text(doc, {t.sentence})) for t in live):
        # a court ordering an expulsion: the event is the deportation
        s["deportation"] = max(s["deportation"], s["court_ruling"] + 0.01)
    s = _custody_chain(live, s)
    s = _ceasefire_broken(doc, live, s)
    rival = max((k for k in s if k != "attack"), key=lambda k: s[k], default=None)
    # only against the non-violent types of our domain: among weapons and battles the
    # specific word decides, as ACLED codes
    if killed_first and attack0 and "attack" in s and rival not in VIOLENCE | PROTESTS:
        # deaths stated in the lead belong to its attack, whatever else follows
        s["attack"] += 1.0
        if s.get("arson", 0.0) >= s["attack"]:
            s["attack"] = s["arson"] + 0.1  # a deadly attack in which a building was set alight
    return s


# A truce named beside fighting is what the fighting broke ("violated the ceasefire",
# "fighting resumed despite the truce"), unless the lead says one was signed or agreed.
_TRUCE_MADE = re.compile(r"\b(?:signed|sign|agreed|reached|brokered|declared|announced|"
                         r"accepted|concluded|laid down|surrender\w*)\b|"
                         r"(?<!\w)(?:подписал\w*|договорил\w*|заключил\w*|объявил\w*)",
                         re.IGNORECASE)


def _ceasefire_broken(doc: Document, live: list[Trigger], s: dict[str, float]
                      ) -> dict[str, float]:
    if not s or max(s, key=lambda k: s[k]) != "agreement":
        return s
    fights = [t for t in live if t.type in VIOLENCE and t.weight >= 2.5]
    lead = doc.text[:doc.sentences[0].end] if doc.sentences else doc.text
    if not fights or _TRUCE_MADE.search(lead):
        return s
    s = dict(s)
    best = max(fights, key=lambda t: s.get(t.type, 0.0)).type
    s[best] = s["agreement"] + 0.01
    return s


_FOLLOW_UPS = frozenset({"court_ruling", "deportation"})


def _custody_chain(live: list[Trigger], s: dict[str, float]) -> dict[str, float]:
    """A raid or arrest told in the lead, then court rulings or expulsions of the people
    held: the report is about the raid, the rulings are its sequel (a later event)."""
    if not s:
        return s
    top = max(s, key=lambda k: s[k])
    if top not in _FOLLOW_UPS:
        return s
    lead = [t for t in live if t.type in ("raid", "arrest") and t.sentence == 0]
    follow = [t for t in live if t.type in _FOLLOW_UPS]
    if lead and follow and min(t.sentence for t in follow) > 0:
        s = dict(s)
        code = max(lead, key=lambda t: t.weight).type
        s[code] = s[top] + 0.01
    return s


# Weapons that armed sides also fire at each other in a fight, and weapons seized in one;
# ACLED codes them in an exchange of fire (an attack on a checkpoint that was repulsed) as
# a battle, and keeps the weapon type for one-sided use (a shell hitting a village, a
# bomb left by a road, a cache found).
_FIELD_WEAPONS = frozenset({"shelling_artillery_missile_attack", "grenade",
                            "disrupted_weapons_use"})


def _clash_first(live: list[Trigger], code: str) -> bool:
    """Whether a strong clash word stands before the first ``code`` trigger, in its
    sentence or an earlier one."""
    first = min((t.start for t in live if t.type == code), default=None)
    if first is None:
        return False
    return any(t.type == "armed_clash" and t.weight >= 2.5 and t.start < first for t in live)


def _fighting_leads(live: list[Trigger], code: str) -> bool:
    """Whether a strong battle word stands in the lead sentence or before the first
    ``code`` trigger."""
    first = min((t.start for t in live if t.type == code), default=None)
    if first is None:
        return False
    return any(t.type == "armed_clash" and t.weight >= 2.5 and (t.sentence == 0 or t.start < first)
               for t in live)


def _fighting_stated(live: list[Trigger]) -> bool:
    """Whether a strong battle word (clashes, firefight, attack on a post) is in the text."""
    return any(t.type == "armed_clash" and t.weight >= 2.5 for t in live)


def _tie_break(doc: Document, live: list[Trigger], s: dict[str, float]) -> dict[str, float]:
    """Where the two best types score within the classifier's tie margin and both are
    refinement codes it knows, the learned model (:mod:`khronika.extract.classifier`)
    picks between them."""
    from khronika.extract import classifier

    ranked = sorted(s, key=lambda k: (-s[k], k))
    if len(ranked) < 2 or s[ranked[0]] - s[ranked[1]] >= classifier.TIE_MARGIN:
        return s
    first, second = ranked[0], ranked[1]
    # violence keeps its own rules (who the victims are decides attack, clash or assault)
    if not {first, second} <= classifier.LABELS - {"attack", "assault"}:
        return s
    p = classifier.predict(doc.text, {t.type for t in live}, {c.kind for c in doc.counts})
    if p.get(second, 0.0) > p.get(first, 0.0):
        s = dict(s)
        s[second] = s[first] + 0.01
    return s


def _decay_of(sentence: int) -> float:
    return (1.0, 0.85, 0.75, 0.65)[min(sentence, 3)]


_NESTING = frozenset({"diplomatic_event", "legal_measure", "court_ruling", "threat",
                      "forced_recruitment", "claim_of_responsibility", "abduction"})


def drop_nested(triggers: list[Trigger]) -> list[Trigger]:
    """Triggers inside a stronger phrase trigger of another type are part of that phrase
    ("ёддошти эътироз", a note of protest, is diplomacy, not a protest)."""
    phrases = [t for t in triggers if t.type in _NESTING and t.weight >= 4.0]
    if not phrases:
        return triggers
    # an expulsion inside a court's phrase ("додгоҳ ... ба ихроҷ маҳкум кард") is still the
    # deportation it orders
    return [t for t in triggers if t.type == "deportation" or not any(
        p is not t and p.type != t.type and p.start <= t.start and t.end <= p.end
        and p.weight > t.weight for p in phrases)]


_AT_GATHERING = re.compile(r"\b(?:at|on|into|targeting)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
                           r"(?:[\w'-]+\s+){0,3}$|(?<!\w)(?:по|на)\s+(?:\S+\s+){0,2}$",
                           re.IGNORECASE)


def _gathering_attacked(doc: Document, live: list[Trigger],
                        crowd: re.Pattern[str] | None = None) -> bool:
    """Whether the first protest word names the target of an attack told before it in its
    sentence by others than the state's forces ("masked men began shooting at a
    meeting"; police firing on a march is force used against a protest)."""
    protest = [t for t in live if t.type == "peaceful_protest"]
    if not protest or not doc.sentences:
        return False
    first = protest[0]
    lo = doc.sentences[min(first.sentence, len(doc.sentences) - 1)].start
    before = doc.text[lo:first.start]
    if not _AT_GATHERING.search(before) or _STATE_EN.search(before) or _STATE_RU.search(before):
        return False
    if crowd is not None and crowd.search(before):
        return False  # rioters or rivals hurting a rally's people: a riot
    return any(t.type in WEAPONS | {"attack"} and t.weight >= 1.5 and t.start < first.start
               and t.sentence == first.sentence for t in live)


# What a protest condemns, told before it: "condemning the blast at the gate, locals
# staged a sit-in", "rallies over the church bombing".
_CONDEMNED = re.compile(r"\b(?:against|over|condemn\w*|denounc\w*|protest\w*|mourn\w*)\W+"
                        r"(?:[\w'-]+\W+){0,4}$|(?<!\w)(?:против|осуди\w*|осужда\w*|протест\w*)"
                        r"\W+(?:\S+\s+){0,4}$", re.IGNORECASE)


def _lodged_by_state(t: Trigger, live: list[Trigger]) -> bool:
    """Whether a protest word belongs to a state's diplomatic act ("summoned the ambassador
    to protest", "посольство выразило протест"): inside or just after a strong diplomatic
    trigger."""
    return any(d.type == "diplomatic_event" and d.weight >= 5.0 and d.start <= t.start
               and t.start - d.end <= 40 for d in live)


def _protest_wins(live: list[Trigger], code: str, text: str = "") -> bool:
    """Whether a protest is the salient event although another type scored higher."""
    protest = [t for t in live if t.type == "peaceful_protest" and t.weight >= 2.5
               and not _lodged_by_state(t, live)]
    if not protest:
        return False
    if code == "peaceful_protest":
        return True
    first = protest[0]
    if first.sentence > 1:
        return False
    if code in _PROTEST_OUTRANKS:
        return True
    rival = [t for t in live if t.type == code]
    # what comes after the protest word in its sentence, or later, is what the protest
    # was about ("protested against the church bombings", "condemn Indian shelling");
    # so is what it is said to condemn before it
    return bool(rival) and all((t.start > first.start and t.sentence >= first.sentence) or
                               bool(_CONDEMNED.search(text, max(0, t.start - 50), t.start))
                               for t in rival)


def _by_group(doc: Document, live: list[Trigger], code: str,
              cues: dict[str, re.Pattern[str]]) -> bool:
    """Whether a crowd or group (not an armed force) is the subject of the first ``code``
    trigger: the words of its sentence before the trigger name a group."""
    trig = min((t for t in live if t.type == code), key=lambda t: t.start)
    lo = doc.sentences[trig.sentence].start if doc.sentences else 0
    hi = doc.sentences[trig.sentence].end if doc.sentences else len(doc.text)
    before = doc.text[lo:trig.start]
    if cues["crowd"].fullmatch(doc.text[trig.start:trig.end]):
        return True  # the word names the crowd itself ("Looters targeted shops")
    if cues["crowd"].search(before) and not cues["armed"].search(before):
        return True
    # the passive: "burnt by angry depositors", "ransacked by a mob"
    by = re.search(r"\bby (?:an? |the )?(?:[\w'-]+ ){0,2}", doc.text[trig.end:hi])
    return bool(by and cues["crowd"].search(by.group(0)))


def _raid_subtype(doc: Document, live: list[Trigger], cues: dict[str, re.Pattern[str]]) -> str:
    # the fighting first: counting armed sides over the whole text is the costly half
    raid_text = _sentences_text(doc, {t.sentence for t in live if t.type in ("raid", "arrest")})
    if (any(t.type == "armed_clash" for t in live) or cues["deaths"].search(raid_text)) and len(
            cues["armed"].findall(doc.text)) >= 2:
        return "armed_clash"  # a military raid with fighting (deaths told of the raid itself)
    if _armed_raiders(doc, live, cues):
        # "insurgents stormed a hamlet, killing three": an armed group's incursion is
        # an attack on the village, not a police sweep (a battle if its victims were armed)
        sentence, _ = _lead_sentence_of(doc, live, "raid")
        if victim_side(sentence, cues) == "armed" or _GUNFIGHT.search(doc.text):
            return "armed_clash"
        return _attack_or_assault(doc)
    detained = any(c.kind == "detained" for c in doc.counts)
    # ACLED codes a raid with arrests as Arrests; a sweep of a market or hostel stays a raid
    if not detained and any(t.type == "arrest" for t in live) and (
            not _SWEEP_PLACE.search(doc.text) or _ONE_HELD.search(raid_text)):
        # people were detained though no figure was given (at a market, one man: "задержан")
        return "arrest"
    return "raid"


def _armed_raiders(doc: Document, live: list[Trigger], cues: dict[str, re.Pattern[str]]
                   ) -> bool:
    """Whether the raiders are a non-state armed group (named before the first raid word in
    its sentence, or as its agent: "a raid by Boko Haram") and people were hurt."""
    if not any(c.kind in ("killed", "injured") and (c.min or 0) > 0 for c in doc.counts) and \
            not _HURT.search(doc.text):
        return False
    sentence, at = _lead_sentence_of(doc, live, "raid")
    agent = sentence[:at] + " " + sentence[at:at + 60] if re.match(
        r"\w+ (?:on|by)\b", sentence[at:at + 20]) else sentence[:at]
    for m in cues["armed"].finditer(agent):
        if not _STATE_WORD.fullmatch(m.group(0)) and not re.match(
                r"(?:police|security|army|military|government|state|federal|special)",
                m.group(0), re.IGNORECASE):
            return True
    return bool(re.search(r"\b(?:boko haram|al[- ]shabaab|taliban|bandits|gunmen|militiam[ae]n|"
                          r"insurgents|jihadists|rebels|attackers|assailants)\b", agent,
                          re.IGNORECASE))


def _state_subject(doc: Document, live: list[Trigger], code: str, family: str) -> bool:
    state = _STATE_RU if family == "cyrillic" else _STATE_EN
    for t in live:
        if t.type == code:
            lo = max(doc.sentences[t.sentence].start if doc.sentences else 0, t.start - 60)
            before = doc.text[lo:t.start]
            if state.search(before) and not re.search(
                    r"militants?|insurgents?|rebels?|taliban|боевик", before, re.IGNORECASE):
                return True
    return False


_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:against|over|condemn\w*|protest(?:s|ed|ing)?|demand\w*|the|of|after|following|"
    r"release|for|about|recent|earlier|alleged)|против|после|освобождени\w*|связи с|"
    r"защиту)\W+(?:\w+\W+)?$", re.IGNORECASE)


def _is_object(text: str, start: int) -> bool:
    """Whether the words before ``start`` make the cue what a protest is about
    ("against the arrest of", "over the killing"), not what happened at it."""
    return bool(_OBJECT_BEFORE.search(text[max(0, start - 40):start]))


# Russian states an absence after the noun: "задержаний не было", "жалоб не поступало".
ABSENT_AFTER_RU = re.compile(r"\s+(?:\w+\s+)?не (?:было|поступало|зафиксирован[оы]?)(?!\w)",
                             re.IGNORECASE)
#: People named by what befell someone close to them ("relatives of the detained",
#: "родственники задержанных"): the words before such a noun.
KIN_OF = re.compile(r"\b(?:relatives|families|wives|mothers|lawyers) of (?:the )?(?:men |people |"
                    r"those )?$|(?<!\w)(?:родственник\w*|сем\w+|жён|жены|матери|близки\w*|"
                    r"адвокат\w*) $", re.IGNORECASE)


def _negated(text: str, start: int, cues: dict[str, re.Pattern[str]]) -> bool:
    """Whether a negation stands among the three words before ``start`` ("no arrests
    were reported", "без задержаний")."""
    before = text[max(0, start - 30):start].split()[-3:]
    return bool(cues["negation"].search(" ".join(before)))


def protest_subtype(doc: Document, live: list[Trigger], cues: dict[str, re.Pattern[str]],
                    family: str) -> str:
    """peaceful / with intervention / violent / excessive force, from what happened at it."""
    first = min(t.sentence for t in live if t.type == "peaceful_protest")
    sents = set(range(first, min(first + 4, len(doc.sentences) or 1)))
    text = _sentences_text(doc, sents)
    state = _STATE_RU if family == "cyrillic" else _STATE_EN
    if any(t.type == "violent_demonstration" and t.sentence in sents for t in live):
        return "violent_demonstration"
    for m in cues["riot"].finditer(text):
        before = text[max(0, m.start() - 50):m.start()]
        if "effig" in text[m.start():m.end() + 30].lower():
            continue  # an effigy set alight is the protest's own act
        if not state.search(before) and not _is_object(text, m.start()):
            return "violent_demonstration"
    lethal = _LETHAL_RU if family == "cyrillic" else _LETHAL_EN
    for m in lethal.finditer(text):
        # the state force before the act, or after it as its agent ("firing by police")
        agent = text[m.end():m.end() + 50] if m.group(0).lower().endswith(" by") else \
            text[max(0, m.start() - 50):m.start()]
        if state.search(agent) and not _is_object(text, m.start()):
            return "excessive_force_against_protesters"
    if family != "cyrillic" and _PROTESTER_VICTIM_EN.search(text):
        return "excessive_force_against_protesters"
    for m in cues["intervention"].finditer(text):
        if not _is_object(text, m.start()) and not _negated(text, m.start(), cues) and \
                not ABSENT_AFTER_RU.match(text, m.end()) and \
                not KIN_OF.search(text[max(0, m.start() - 40):m.start()]):
            return "protest_with_intervention"
    return "peaceful_protest"


_VICTIM_PASSIVE = re.compile(
    r"((?:[\w'-]+,? ){1,5}?)(?:\([^)]*\) )?(?:was|were|has been|have been|had been) (?:\w+ )?"
    r"(?:shot|killed|wounded|injured|gunned|attacked|beheaded|executed|hacked|stabbed|ambushed"
    r"|targeted|fired)", re.IGNORECASE)
_VICTIM_ACTIVE = re.compile(
    r"\b(?:killed|shot dead|shot|gunned down|attacked|ambushed|targeted|wounded|injured|"
    r"opened fire (?:on|at)|fired (?:up)?on|fired at|stormed|beheaded|executed|stabbed|"
    # headline present tense of the notes ("Gunmen kill 3 in ..."), and incursions
    r"kill|kills|attacks? on|attack|attacks|injure|injures|assassinat\w*|incursions? into|"
    # "attack on an army camp", "shot at a bus": the preposition belongs to the verb
    r"invaded|shot at|shooting at|"
    # "killed by gunmen": the agent, not the victim; "killed during a raid", a circumstance
    r"raided|opened fire on)\s+(?!(?:by|during|in|at|on|when|after|while|following)\b)"
    r"((?:[\w'-]+ ?){1,5})", re.IGNORECASE)


# Places of civilians as the object of an attack ("attacked Gurguzu village", "kill 1 in
# Otash camp for the displaced"); only as a victim phrase: a clash "near X village" names
# where soldiers fought, not whom they hit.
_CIVIL_TARGET = re.compile(r"\b(?:villages?|hamlets?|huts|(?:IDP|displaced)\w*|residential|"
                           r"neighbou?rhoods?|(?:public|passenger) (?:transport|vehicles?|"
                           r"bus(?:es)?)|areas?)\b", re.IGNORECASE)


_FORMER = re.compile(r"\b(?:former|ex-|retired|surrendered|reformed) ?(?:\w+ )?(?:militants?|"
                     r"rebels?|insurgents?|soldiers?|policem[ae]n|fighters?|commanders?|"
                     r"servicem[ae]n|army officers?|maoists?|separatists?)\b|(?<!\w)(?:бывш\w* "
                     r"(?:боевик|военн|полицейск)\w*)", re.IGNORECASE)


_LISTED = re.compile(r",|\band\b|\bи\b")


def victim_side(text: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    """'armed' or 'civilian' for the first victim phrase of a sentence (None if unknown)."""
    hits = [m for m in (_VICTIM_PASSIVE.search(text), _VICTIM_ACTIVE.search(text)) if m]
    for m in sorted(hits, key=lambda m: m.start()):
        phrase = m.group(1)
        if _FORMER.search(phrase):
            return "civilian"  # a former militant or ex-soldier is no longer an armed side
        a = cues["armed"].search(phrase)
        c = cues["civilian"].search(phrase) or _CIVIL_TARGET.search(phrase)
        # armed men first and civilians after them in a list ("1 policeman and 2
        # civilians") were an armed side hit; an armed word before a civilian noun only
        # qualifies it ("a police informer")
        if a and not (c and c.start() > a.start()
                      and not _LISTED.search(phrase, a.end(), c.start())):
            return "armed"
        if c:
            return "civilian"
    return None


_LETHAL = re.compile(
    r"\b(?:gun\w*|shot|shoot\w*|fired|fire|rifles?|automatic|explos\w*|bomb\w*|grenade\w*|"
    r"terror\w*|killed|dead|died|massacre)\b|(?<!\w)(?:теракт\w*|террор\w*|стрел\w*|огонь|"
    r"огня|автомат\w*|взрыв\w*|убит\w*|убил\w*|погиб\w*|тир\w*|таркиш\w*|кушта\w*|ҳалок\w*|"
    r"мусаллаҳ\w*)", re.IGNORECASE)


def _attack_or_assault(doc: Document) -> str:
    """An attack on civilians with weapons of war or deaths is an ``attack``; people
    beaten, punched or stabbed without deaths is an ``assault`` (both ACLED 'Attack')."""
    if any(c.kind == "killed" and (c.min or 0) > 0 for c in doc.counts):
        return "attack"
    return "attack" if _LETHAL.search(doc.text) else "assault"


# A fight between groups over land, supremacy or an old feud, or between villages, clans or
# families: ACLED codes the sides as communal militias and the fight as a battle. Not when
# the fighters are a party's supporters, students or a mob at an election or a protest,
# or the fight is over a faith: that is rioting.
_FEUD = re.compile(
    r"\b(?:land|plots?|supremacy|dominance|enmity|feuds?|feuding|grudges?|rivalry|disputes?|"
    r"clans?|tribes?|tribal|villagers|villages|families|cattle|herders|ethnic|water ?bod(?:y|ies)|"
    r"fishing|quarry|ownership|lease|occupying|loggerheads?|herdsm[ae]n|pastoralists?|"
    r"communal militias?)\b|"
    r"(?<!\w)(?:земл\w*|вражд\w*|клан\w*|родов\w*|сельчан\w*|сел\w* (?:на|против) "
    r"сел\w*)", re.IGNORECASE)
# Party members fighting over a village's supremacy or a quarry are a feud too (ACLED:
# political militias); over an election or a campus, a riot.
_HARD_FEUD = re.compile(r"\b(?:supremacy|dominance|land|plots?|water ?bod(?:y|ies)|quarry|"
                        r"occupying|loggerheads?|enmity|feuds?)\b", re.IGNORECASE)
_PARTISANS = re.compile(r"\b(?:supporters|activists)\b", re.IGNORECASE)
_NOT_FEUD = re.compile(
    r"\b(?:elect\w*|polls?|polling|candidates?|vot\w*|students?|campus|"
    r"college|university|mobs?|lynch\w*|protest\w*|rioters|torch\w*|set fire|vandal\w*|"
    r"loot\w*|communal(?! militia)|religious|temples?|mosques?|church\w*|migrants?|foreigners?)\b|"
    r"(?<!\w)(?:выбор\w*|сторонник\w*|активист\w*|студент\w*|толп\w*|погром\w*|"
    r"протест\w*|мигрант\w*|приезж\w*|мечет\w*|церк\w*)", re.IGNORECASE)


# A killing or beating that one family or group does to another over land: ACLED names
# the sides communal militias and codes even a one-sided attack as a battle (a killing
# over an "old enmity" or a rivalry it codes as violence against a civilian).
_FEUD_CAUSE = re.compile(
    r"\b(?:land|property|plot) (?:disputes?|rows?|feuds?)|disputed (?:piece of )?(?:land|plots?)|"
    r"(?:dispute|quarrel|row|feud|fight) (?:\w+ ){0,2}over (?:the |a )?(?:(?:piece|plot|patch) of "
    r"|ownership of |possession of )?(?:land|plots?|property)\b|(?<!\w)(?:земельн\w* "
    r"(?:спор|конфликт)\w*|спор\w* (?:из-за|о) (?:земл|участк)\w*)", re.IGNORECASE)


def _feud_killing(text: str) -> bool:
    """Whether the violence is one side's in a land dispute between families or groups
    (not at an election, a protest or over a faith)."""
    return bool(may_match(_FEUD_CAUSE, text) and _FEUD_CAUSE.search(text)) and \
        not _NOT_FEUD.search(text)


# A crowd punishing people it accuses (a thief beaten to death, a man lynched): ACLED's
# notes code the victims as civilians attacked, not a riot. The crowd's act on people,
# either way round.
_MOB_ON_PEOPLE = re.compile(
    r"\b(?:lynch\w*|mob (?:justice|lynching|attack)|(?:beaten|clobbered|lynched|killed|"
    r"thrashed|hacked|stoned|burnt|burned|hanged|murdered|stabbed)(?: to death)? by (?:an? )?"
    r"(?:angry |irate |enraged )?(?:mob|crowd|villagers|locals|residents)|(?:mob|crowd|"
    r"villagers|locals|residents) (?:\w+ )?(?:beat|killed|lynched|thrashed|clobbered|hacked|"
    r"stoned|burnt|burned|hanged|murdered|stabbed)\b(?! (?:down|up )?(?:the |a |an |two |three "
    r")?(?:\w+ )?(?:vehicles?|buses|bus|cars?|houses?|shops?|offices?|trucks?)))|"
    r"(?<!\w)(?:самосуд\w*|(?:избил|избит|забил|забит|убил|убит)\w* (?:\w+ )?толп\w*)",
    re.IGNORECASE)


# Rival groups or a party's men on either side: political violence, which the notes code
# as rioting even when a crowd lynched someone in it.
_PARTY_FIGHT = re.compile(r"\b(?:rival\w*|infighting|factions?|activists|supporters|cadres)\b",
                          re.IGNORECASE)


def _mob_justice(doc: Document, live: list[Trigger]) -> bool:
    """Whether a crowd punished people (beat, lynched or killed them), with no fight between
    groups, no party's men and no protest or strike as the setting."""
    if any(t.type == "armed_clash" and t.weight >= 2.5 for t in live):
        return False
    return bool(_MOB_ON_PEOPLE.search(doc.text)) and not _PROTEST_CONTEXT.search(doc.text) \
        and not _PARTY_FIGHT.search(doc.text)


def _mob_or_feud(text: str) -> str:
    """``armed_clash`` for a fight between communal groups over a feud, else
    ``mob_violence``."""
    if _FEUD.search(text) and not _NOT_FEUD.search(text) and (
            not _PARTISANS.search(text) or _HARD_FEUD.search(text)):
        return "armed_clash"
    return "mob_violence"


# Security men attacked off duty, at home or on their way: ACLED codes the killing of a
# policeman outside his house as violence against a civilian, not a battle.
_OFF_DUTY = re.compile(
    r"\b(?:off-? ?duty|(?:at|in|inside|outside|near|in front of) (?:his|her|their) "
    r"(?:own )?(?:homes?|houses?|residences?)|(?:on (?:his|her|their) way|going|returning|"
    r"walking) home|came out of (?:a |the |his )?mosque)\b|(?<!\w)(?:у (?:своего )?дома|"
    r"возле (?:своего )?дома|по дороге домой|вне службы)", re.IGNORECASE)


# Words for an exchange of fire: both sides were armed, whoever they were.
_GUNFIGHT = re.compile(r"\b(?:gun ?-?battles?|gun ?-?fights?|fire ?-?fights?|exchanges? of "
                       r"(?:gun)?fire|exchanged (?:gun)?fire|shoot-?outs?|encounters? (?:with|"
                       r"between)|returned (?:the )?fire|targeted each other|fired at each "
                       r"other|firing (?:across|between)|cross-border (?:firing|fire)|"
                       r"cross-?fire|retaliated|fired back|fired on each other|in an? "
                       r"(?:fierce |brief )?encounter)\b|(?:fighting|clash\w*|battles?) "
                       r"(?:\w+ ){0,2}between "
                       r"(?:the )?(?:\w+ ){0,3}(?:troops|forces|army|soldiers|militants|rebels)\b|"
                       r"(?<!\w)(?:перестрелк\w*|"
                       r"боестолкновени\w*)", re.IGNORECASE)
# Between two mentions of one side ("Border Guards Bangladesh (BGB) personnel") stand
# names and brackets; between two sides, a word that joins or opposes them.
_JOINS = re.compile(r"\b(?:and|with|against|between|or|by|on|at|from|of|to|killed|"
                    r"attacked|clashed|fired)\b|[,;]|\bи\b|\bс\b|\bпротив\b", re.IGNORECASE)


def _sides(rx: re.Pattern[str], text: str) -> int:
    """Mentions of ``rx`` in ``text``, a run of them naming one party counted once."""
    n, last = 0, -1
    for m in rx.finditer(text):
        gap = text[last:m.start()] if last >= 0 else ""
        if last < 0 or len(gap.split()) > 4 or _JOINS.search(gap):
            n += 1
        last = m.end()
    return n


_STATE_WORD = re.compile(r"(?:police\w*|security|personnel|troops?|soldiers?|army|military|"
                         r"forces|officers?|rangers|paramilitar\w*|gendarm\w*|commandos?|"
                         r"guards?|border guards?|jawans?|crpf|bsf|rab|bgb|omon|"
                         r"sub[- ]?inspectors?|law[- ]enforce(?:rs|ment \w+)|constabulary|"
                         r"security officials?|полиц\w*|силовик\w*|омон\w*|росгварди\w*|"
                         r"военн\w*|войск\w*)", re.IGNORECASE)


def _armed_sides(rx: re.Pattern[str], text: str) -> int:
    """Armed sides named in ``text``: the state's forces count as one side however often
    they are named ("police ... security personnel ... the police"), every other armed
    group by :func:`_sides`."""
    state = False
    others = []
    for m in rx.finditer(text):
        # "KIA troops", "MNDAA forces": a named group's fighters, not the state's
        named = re.search(r"\b([A-Z][A-Z()-]{1,8}) $", text[max(0, m.start() - 12):m.start()])
        if _STATE_WORD.fullmatch(m.group(0)) and not (named and not rx.fullmatch(named.group(1))):
            state = True
        else:
            others.append(m.group(0))
    rest = _sides(rx, text) if others else 0
    if state and others:
        return max(rest, 2)
    return 1 if state else rest


# Crowd words that name an organisation's people as well as a street crowd ("four KIA
# members were killed"): not enough to make a fight a riot.
_NAMED_GROUP = re.compile(r"(?:\b(?!(?:A|An|The)\b)[A-Z][\w-]+|\barmed|\bmilitant|\brebel) $")
_ANY_BODY = frozenset({"members", "faction", "factions", "rivals", "volunteers", "opponents",
                       "assailants"})


def _street_crowd(rx: re.Pattern[str], text: str) -> bool:
    for m in rx.finditer(text):
        word = m.group(0).lower()
        if word in _ANY_BODY:
            continue
        # "the Islamic State group", "an armed group": an organisation, not a crowd
        if word.startswith("group") and _NAMED_GROUP.search(text[max(0, m.start() - 30):m.start()]):
            continue
        return True
    return False


def close_violence_subtype(doc: Document, live: list[Trigger], code: str,
                           cues: dict[str, re.Pattern[str]]) -> str:
    """armed clash, attack on civilians, mob violence or assault, from who was involved."""
    if code == "assault":
        if any(t.type == "torture" for t in live):
            return "torture"
        return "armed_clash" if _feud_killing(doc.text) else "assault"
    if code == "mob_violence":
        if _mob_justice(doc, live):
            return _attack_or_assault(doc)
        return _mob_or_feud(doc.text)
    viol = [t for t in live if t.type in CLOSE_VIOLENCE]
    first = min(t.sentence for t in viol) if viol else 0
    text = _sentences_text(doc, {first})
    if _GUNFIGHT.search(text):
        return "armed_clash"  # an exchange of fire takes two armed sides
    armed = _armed_sides(cues["armed"], text)
    civ = len(cues["civilian"].findall(text))
    crowd = len(cues["crowd"].findall(text))
    strong_clash = any(t.type == "armed_clash" and t.weight >= 2.5 and t.sentence == first
                       for t in live)
    if strong_clash and armed >= 2:
        return "armed_clash"
    if strong_clash and armed == 0 and not (civ or crowd):
        # "Clashes broke out in X. Three soldiers were killed": the sides may be named next
        armed = _armed_sides(cues["armed"], _sentences_text(doc, {first + 1, first + 2}))
    elif strong_clash and armed == 1 and not crowd:
        # "The RNSC and the border guard clashed. 4 RNSC soldiers were wounded": a group
        # named by its own name first, its fighters in the next sentences
        armed = max(armed, _armed_sides(cues["armed"], _sentences_text(
            doc, {first, first + 1, first + 2})))
    if strong_clash and armed >= 2:
        return "armed_clash"
    if strong_clash and armed == 0:
        # groups of civilians or party members fighting, no armed side named: ACLED's mob
        # violence (or a communal battle over a feud)
        return _mob_or_feud(doc.text)
    if strong_clash and armed == 1 and _street_crowd(cues["crowd"], text):
        # a crowd (party activists, villagers, traders) fighting police: a riot, not a
        # battle between two armed organisations nor an attack on civilians
        return "violent_demonstration"
    if not strong_clash and _feud_killing(doc.text):
        return "armed_clash"
    side = victim_side(text, cues)
    if side == "armed" and not strong_clash and _OFF_DUTY.search(text):
        return _attack_or_assault(doc)  # a soldier or policeman shot at home: not a battle
    if side == "armed" and armed:
        return "armed_clash"
    if side == "civilian" or (civ and armed <= 1):
        return _attack_or_assault(doc)
    if armed:
        return "armed_clash"
    return "attack"


# ----------------------------------------------------------------------------- actors

_ACTOR_NOUN = (r"(?:militants?|insurgents?|rebels?|taliban|forces|soldiers|troops|police\w*|"
               r"gunm[ae]n|assailants|fighters|militia\w*|army|attackers|men|group|mob|"
               r"supporters|activists|villagers|separatists|maoists|terrorists|airstrikes?|"
               r"drone|aircraft|helicopters?|sniper)")
_BY_ACTOR = re.compile(
    r"\bby (?:an? |the )?((?:[\w'-]+ ){0,3}?" + _ACTOR_NOUN + r")\b", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^(?:on [^,]+, )?(?:an? |the )?((?:[\w'-]+ ){0,3}?" + _ACTOR_NOUN + r")\b"
    r"(?: (?!(?:was|were|is|are|been|being)\b)\w+){0,2} (?:attack|kill|shot|ambush|fired|"
    r"abduct|kidnap|arrest|detain|raid|beat|torch|loot|clash|storm|captur|overr|seiz)",
    re.IGNORECASE)
_VICTIMS = re.compile(
    r"\b((?:\d+|an?|one|two|three|four|five|several|many|dozens of) (?:[\w'-]+ ){0,2}?"
    r"[a-z]+s?)(?:,[^,]{1,40},)? (?:was|were) (?:\w+ )?(?:killed|wounded|injured|shot|"
    r"abducted|kidnapped|arrested|detained|beaten|attacked)", re.IGNORECASE)


def actors(doc: Document, trig: Trigger, family: str) -> dict[str, str]:
    """Perpetrator and victims where a cheap English pattern finds them (else {})."""
    if family == "cyrillic" or not doc.sentences:
        return {}
    span = doc.sentences[min(trig.sentence, len(doc.sentences) - 1)]
    sent = doc.text[span.start:span.end]
    out: dict[str, str] = {}
    # each pattern only where the words it needs are in the report (probed already)
    m = ((_SUBJECT.search(sent) if may_match(_SUBJECT, sent, doc.text) else None)
         or (_BY_ACTOR.search(sent) if may_match(_BY_ACTOR, sent, doc.text) else None))
    if m:
        out["perpetrator"] = m.group(1).strip()
    v = _VICTIMS.search(sent) if may_match(_VICTIMS, sent, doc.text) else None
    if v:
        out["victims"] = v.group(1).strip()
    return out
