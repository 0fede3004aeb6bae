"""English named entities by rule: no trained English model can be installed offline.

A candidate is a run of capitalised words (with "of", "for", "and", "the", "al-" and the
like allowed inside it). Each run is labelled by its own words and its left context:

- ORG when it holds an organisation keyword ("Ministry", "Police", "Court", "Forces") or
  a known armed group or body ("Taliban", "Islamic State", "NATO"), or is an acronym;
- PER when a title or honorific comes first ("President", "Mr", "Gen.") or it is said
  to speak ("X Y said", "according to X Y") and looks like a name;
- LOC when it is a place found by the ``places`` stage, a country, or comes after a
  locative preposition and ends with a place word ("Dawlat Abad district").

Anything else is left out: precision matters as much as recall, and a capitalised word
at the start of a sentence is usually no name at all. Everything is regular expressions
over the text, cheap enough for thousands of short notes a second.
"""

from __future__ import annotations

import re
from functools import lru_cache

from khronika.extract.ner_rules import Raw, dedupe
from khronika.model import Entity, Place


def _words(block: str) -> list[str]:
    """The whitespace-separated words of a block: word lists read better as prose."""
    return block.split()


# A capitalised word: "Kabul", "al-Shabaab", "O'Neill", "U.S.", "ISIS", "Gen.". A dot is
# taken only in initials and short titles, so that a run never crosses a sentence end.
_CAP = (
    r"(?:(?:[A-Z]\.){1,3}|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Maj|Capt|Lt|Sgt|Gov|Sen|St|Jr)\.|"
    r"[A-Z][\w'’-]*|(?:al|el|ad|as|ash|an)-[A-Z][\w'’-]*)"
)
# Lower-case words allowed inside a name when another capitalised word follows.
_JOIN = r"(?:of|for|and|the|on|de|del|da|di|du|la|le|van|von|bin|ibn|bint|abu|al|el|ul|e)"
_JOIN_WORDS = frozenset({"of", "for", "and", "the", "on"})
_RUN = re.compile(rf"{_CAP}(?:[ ](?:{_JOIN}[ ])*{_CAP})*")

_ORG_WORDS = frozenset(
    _words("""Ministry Ministries Police Court Courts Committee Agency Service Services Group Groups
    Forces Force Army Armies Navy Militia Militias Brigade Brigades Battalion Regiment
    Division Corps Guard Guards Front Movement Party Council Commission Authority
    Department Office Bureau Directorate Government Administration Parliament Assembly
    Senate Congress Cabinet Union Association Federation League Organisation Organization
    University College Institute Academy School Hospital Bank Company Corporation Corp
    Inc Ltd LLC Fund Foundation Society Network Alliance Coalition Centre Center Council
    Tribunal Prosecutor Prosecutors Procuracy Secretariat Red Crescent Cross Mission
    Taliban Mujahideen Jamaat Tehreek Tehrik Lashkar Jaish Hezbollah Hizbullah Hamas
    Boko Haram Shabaab Qaeda ISIS ISIL ISKP Daesh Kurdistan Workers Maoists Maoist
    Rangers Gendarmerie Interpol Europol Watch Amnesty Times News Press Post Agency
    Radio Television TV Xinhua Reuters""")
)
#: Words that end a place name rather than an organisation's.
_PLACE_WORDS = frozenset(
    _words("""district province city town village region county state oblast krai republic
    valley river mountains island islands area governorate municipality
    District Province City Town Village Region County State Oblast Krai Republic Valley
    River Mountains Island Islands Governorate Municipality""")
)
_TITLES = frozenset(
    _words("""Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Lady Lord President Vice Premier
    Minister Prime Chancellor King Queen Prince Princess Sheikh Sheik Imam Mullah Maulvi
    Maulana Mufti Pastor Father Bishop Archbishop Cardinal Pope General Gen Gen. Colonel
    Col Col. Major Maj Maj. Captain Capt Capt. Lieutenant Lt Lt. Sergeant Sgt Sgt.
    Commander Cmdr Governor Gov Gov. Mayor Senator Sen. Judge Justice Ambassador
    Spokesman Spokeswoman Spokesperson Deputy Chief Director Secretary Chairman
    Chairwoman Leader Activist Journalist Lawyer""")
)
#: Capitalised words that open sentences or headlines and are not names.
_STOP = frozenset(
    _words("""The A An On In At As By For From Of To With Without Since After Before During
    Following According Around About Near Over Under Between Among Despite Meanwhile
    This That These Those There Their They He She It We I You His Her Its Our Your
    And But Or If When While Where Who What Which Why How Also Some Several Many Most
    All Both Each Every No Not One Two Three Four Five Six Seven Eight Nine Ten Dozens
    Hundreds Thousands Police Security Unknown Unidentified Armed Gunmen Militants
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Fatalities
    Reportedly Later Earlier Today Yesterday Tomorrow Tonight Local Residents
    Government Protesters Members Supporters People Villagers Students Workers Around
    Muslim Christian Hindu""")
)
#: Stop words that are also the first word of many names: kept when a name follows.
_OPENERS = frozenset({"Police", "Government", "Islamic", "Security"})
#: Demonyms: dropped at the front of a run, taken back into an organisation's name.
_DEMONYMS = frozenset(
    _words("""Afghan Iraqi Syrian Russian Tajik Pakistani Indian Nigerian Somali American
    British Uzbek Kyrgyz Kazakh Ukrainian Chinese Turkish Iranian Yemeni Libyan Sudanese
    Malian Ethiopian Kenyan Congolese Bangladeshi Nepalese Burmese Myanmar Islamic Chechen
    Turkmen Tatar Dagestani Azerbaijani Azeri Georgian Armenian Belarusian Israeli
    Palestinian Saudi Qatari Emirati Omani Kuwaiti Jordanian Lebanese Egyptian Somali
    Eritrean Thai Vietnamese Korean Japanese Filipino French German Italian Spanish Polish
    Dutch Swedish Norwegian Danish Finnish Greek Serbian Croatian Bosnian Albanian""")
)
#: The form of a demonym or a place's adjective: "Iranian", "Chinese", "Turkish",
#: "Eastern" (with the list above for the forms it misses: "Tajik", "Uzbek", "Afghan").
_ADJECTIVE_FORM = re.compile(r"[A-Z][a-z]+(?:ian|ians|ese|ish|ern|ic)")
_ACRONYM = re.compile(r"[A-Z]{2,8}s?")
#: Acronyms of things, ranks and offices rather than organisations.
_NOT_ORG_ACRONYMS = frozenset(
    _words("""NGO NGOs IED IEDs RPG RPGs AK GDP CEO MP MPs MLA MLAs MNA MPA SP DSP ASP SI ASI OC
    SHO DC DM SDM IGP DIG ID IDs TV PM AM GMT UTC COVID RMG HIV AIDS""")
)
#: Lower-case words that name a person's role just before the name.
_ROLE_BEFORE = re.compile(
    r"\b(?:constables?|policem[ae]n|officers?|journalists?|activists?|commanders?|leaders?|"
    r"spokes(?:man|woman|person)|clerics?|lawyers?|judges?|officials?|chief|head|"
    r"minister|president|governor|mayor|councillor|member|resident|farmer|teacher|"
    r"(?:son|daughter|wife|husband|brother|sister|father|mother) of|named|identified as)"
    r",?\s+$"
)
_PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "DRC", "CAR", "KP", "FATA", "GB"})
_SAID_AFTER = re.compile(r",?\s+(?:said|says|told|added|stated|claimed|reported)\b")
_SAID_BEFORE = re.compile(r"(?:according to|said|told|quoted|by)\s+$")
_LOC_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|into|outside|across)\s+(?:the\s+)?|"
    r"\b(?:district|province|city|town|village|area|region|state),\s+)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[A-Z][a-z'’-]+")


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names and their common short forms, from pycountry (loaded on first use)."""
    import pycountry

    names: set[str] = {"Afghanistan", "Russia", "Syria", "Iran", "Tajikistan", "Kosovo",
                       "Palestine", "Britain", "England", "Congo", "Europe", "Africa", "Asia"}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(str(value))
    return frozenset(names)


def _label(text: str, start: int, end: int, words: list[str]) -> str | None:
    """PER, ORG, LOC or None (not confident) for the capitalised run text[start:end]."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    if any(w in _ORG_WORDS or w.split("-", 1)[0] in _ORG_WORDS for w in words):
        return "LOC" if words[-1] in _PLACE_WORDS else "ORG"
    if len(words) == 1 and _ACRONYM.fullmatch(words[0]):
        if words[0] in _NOT_ORG_ACRONYMS:
            return None
        return "LOC" if words[0] in _PLACE_ACRONYMS else "ORG"
    if " ".join(words) in _countries():
        return "LOC"
    next_word = next(iter(after.split()), "").strip(",.;:)")
    if words[-1] in _PLACE_WORDS or next_word in _PLACE_WORDS:
        return "LOC"
    names = all(_NAME_WORD.fullmatch(w) for w in words)
    if names and 2 <= len(words) <= 4 and (
        _SAID_AFTER.match(after) or _SAID_BEFORE.search(before) or _ROLE_BEFORE.search(before)
    ):
        return "PER"
    if names and _LOC_BEFORE.search(before) and len(words) <= 3:
        return "LOC"
    return None


def _title(word: str) -> bool:
    """Whether the word is a title or honorific ("Gen.", "Vice-President")."""
    return word in _TITLES or word.rsplit("-", 1)[-1] in _TITLES


def _split_of(text: str, span: Raw) -> list[Raw]:
    """A place run joined by "of" is two places ("Muktagachha of Mymensingh")."""
    start, end, label = span
    if label != "LOC" or " of " not in text[start:end]:
        return [span]
    out: list[Raw] = []
    pos = start
    for m in re.finditer(r" of (?:the )?", text[start:end]):
        out.append((pos, start + m.start(), label))
        pos = start + m.end()
    out.append((pos, end, label))
    # The head before "of" is a place only where the context says so ("Minorities of
    # Jawaicherra village" is no place): what follows "of" is.
    head = out[0]
    if not _LOC_BEFORE.search(text[max(0, start - 40) : start]) and (
        text[head[0] : head[1]] not in _countries()
    ):
        out.pop(0)
    return out


Candidate = tuple[int, int, list[str], str | None, int]


def _candidates(text: str) -> list[Candidate]:
    """Capitalised runs as (start, end, words, title before, start with the stripped
    opener), with sentence openers and titles removed from the front."""
    out: list[Candidate] = []
    for m in _RUN.finditer(text):
        start, end = m.start(), m.end()
        words = m.group().split(" ")
        title: str | None = None
        opener = start
        while words and (_title(words[0]) or words[0] in _STOP or words[0] in _DEMONYMS):
            if words[0] in _OPENERS and len(words) > 1 and words[1] not in _STOP:
                break
            title = words[0] if _title(words[0]) else title
            opener = start
            start += len(words[0]) + 1
            words.pop(0)
            while words and words[0] in ("of", "for", "and", "the"):
                start += len(words[0]) + 1
                words.pop(0)
        if words:
            out.append((start, end, words, title, opener))
    return out


def _parts(start: int, words: list[str]) -> list[tuple[int, int, list[str]]]:
    """The run cut at its joining words ("Activists of the BNP" -> Activists, BNP)."""
    parts: list[tuple[int, int, list[str]]] = []
    pos, cur_start = start, start
    current: list[str] = []
    for w in words:
        if w in _JOIN_WORDS:
            if current:
                parts.append((cur_start, pos - 1, current))
            current = []
            cur_start = pos + len(w) + 1
        else:
            current.append(w)
        pos += len(w) + 1
    if current:
        parts.append((cur_start, pos - 1, current))
    return parts


def _classify(text: str, cand: Candidate) -> list[Raw]:
    """Labelled spans for one candidate run (none when no rule is confident)."""
    start, end, words, title, opener = cand
    label = _label(text, start, end, words)
    if label is None and title is not None and all(_NAME_WORD.fullmatch(w) for w in words):
        label = "PER"
    if label == "ORG" and opener < start and text[opener:start].split()[0] in _DEMONYMS:
        start = opener  # "Afghan National Police": the demonym is part of the name
    if label == "LOC" and _demonym(text[start:end]):
        return []  # "Far Eastern", "Central Asian": an adjective, no place
    if label is not None:
        return _split_of(text, (start, end, label))
    if len(words) == 1 or not any(w in _JOIN_WORDS for w in words):
        return []
    out: list[Raw] = []
    for s, e, part in _parts(start, words):
        sub = _label(text, s, e, part)
        if sub is not None:
            out.append((s, e, sub))
    return out


def _demonym(name: str) -> bool:
    """Whether a place the places stage found is a people's or a place's adjective
    ("Russian", "Tajik", "Syrians", "Central Asian"): the places stage reads it as its
    country, but it names no place, and no gold set marks it."""
    last = name.split()[-1]
    if last in _DEMONYMS or last.removesuffix("s") in _DEMONYMS:
        return True
    return _ADJECTIVE_FORM.fullmatch(last) is not None and name not in _countries()


def recognise(text: str, places: list[Place]) -> list[Entity]:
    """PER/ORG/LOC entities of an English text; ``places`` are the places stage's finds."""
    spans: list[Raw] = []
    places = [p for p in places if not _demonym(text[p.start : p.end])]
    place_spans = {(p.start, p.end) for p in places}
    for cand in _candidates(text):
        if (cand[0], cand[1]) in place_spans:
            spans.append((cand[0], cand[1], "LOC"))
        else:
            spans.extend(_classify(text, cand))
    # A place the places stage found and no run covers (lower-case names, odd spellings).
    covered = [(s, e) for s, e, _ in spans]
    for p in places:
        if not any(s <= p.start and p.end <= e for s, e in covered):
            spans.append((p.start, p.end, "LOC"))
    return [Entity(label, text[s:e], s, e) for s, e, label in dedupe(spans)]
