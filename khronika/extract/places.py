"""Stage ``places``: place names in the text, resolved against the offline gazetteer.

Finding: runs of capitalised words (Latin or Cyrillic) are matched against the gazetteer's
name keys, longest first; Russian case forms are met through pymorphy3 lemmas and a
suffix-stripped key ("в Благовещенске" -> Blagoveshchensk). A type word after a name
("Balkh province", "Калужской области") both joins the match and says what kind of place
is meant. Capitalised words that are demonyms ("Tajik"), titles and people's names ("Mr
Will", "X said", "Mary Wheeler"), or common words at a sentence start ("March", "Will")
are not places; a word after the name can make it one ("Chapin man", "Stamford Mayor",
"Hurricane, W.Va."). A name is one place throughout a document: once it stands (or is
cued by a preposition) somewhere, its other mentions stand too.

Resolving is :func:`khronika.geo.resolve.resolve`; the :class:`~khronika.model.Place`
records carry the chosen entry's coordinates, country, admin1 and ACLED precision.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from khronika.extract.language import script_family
from khronika.geo.cues import cue_votes, find_cues
from khronika.geo.fuzzy import fuzzy_lookup
from khronika.geo.gazetteer import (
    ADMIN1,
    CITY,
    COUNTRY,
    FEATURE_NAMES,
    PRECISION,
    STATE_ABBREVIATIONS,
    Gazetteer,
    load,
)
from khronika.geo.lexicon import (
    CALENDAR,
    COMMON,
    CONNECTORS,
    FEATURE_WORDS,
    GIVEN_NAMES,
    INSTITUTIONS,
    MODIFIERS,
    PERSON_AFTER,
    PERSON_BEFORE,
    PERSON_VERBS,
    PLACE_QUALIFIED,
    RU_COMMON,
    RU_FEATURE_STEMS,
    TITLES,
)
from khronika.geo.names import norm, ru_stem, ru_stem_word
from khronika.geo.resolve import Mention, resolve, same_name_region_penalty
from khronika.memo import Memo
from khronika.model import Document, Place

# Words with inner apostrophes and hyphens ("d'Ivoire", "Rostov-na-"), an abbreviation
# dot ("St."), but not a possessive "'s", which is left out of the token. A hyphen before
# a capital ends the word: "Dhaka-Sylhet highway" names two towns, and a run of name words
# joined by hyphens ("Ado-Ekiti") is looked up whole first anyway.
#: Prefix of a mention key that is a demonym ("Russian") rather than a name.
DEMONYM_MARK = "\x00"
# Words hyphenated to a name that leave the name standing alone: "a London-based firm",
# "Atlanta-area calls", "a Texas-born singer".
_SUFFIX_WORDS = ("(?:based|area|born|bound|headquartered|registered|owned|run|led|backed|"
                 "made|style|wide|bred|raised|centric)")
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                     # U.S., N.Y.
    r"|[A-Z][a-z]{0,3}\.(?:[A-Z][a-z]?\.)?"  # St., Ky., W.Va.
    r"|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+|-(?![A-ZА-ЯЁ]|" + _SUFFIX_WORDS + r"\b)[^\W\d_]+)*\.?"
)
# Lower-case particles that begin a name word: "d'Ivoire", "al-Anbar", "el-Arish".
_PARTICLE = re.compile(r"^(?:d|l|al|el|ad|ash|as|at|ar|an|ibn|bin)['’\-]\w", re.IGNORECASE)
# Most candidates kept per mention: the tail of 300 "Springfield"s never wins and costs time.
_MAX_CANDIDATES = 60
# A bare single word that only tiny places carry is more often a surname or a common
# word: below this population it needs a cue (preposition, type word, country support).
_WEAK_POPULATION = 5000
# Fuzzy look-ups only in documents about at most this many countries: a world news story
# gives too wide a field for a misspelt name to be found safely.
_FUZZY_COUNTRIES = 2
# A town this big is known by its other names too ("Chittagong" for Chattogram), even at
# a sentence start.
_KNOWN_POPULATION = 100_000
# A town abroad named by its main name stays in a one-country document from this size on
# (calibrated on the development corpora: at 1,000,000 district towns of a neighbouring
# country named in a story about a border dispute were lost; at 100,000 they are kept).
_STRAY_POPULATION = 100_000
_PREPOSITIONS = frozenset({
    "in", "at", "near", "from", "to", "outside", "across", "around", "into", "of", "towards",
    "toward", "between", "via", "through", "within",
    "в", "во", "из", "на", "под", "около", "возле", "близ", "до", "у", "через",
    "дар", "аз", "ба", "то",
})

# Capitalised at a sentence start, these may begin a run before a name ("In Kabul").
_FUNCTION_WORDS = _PREPOSITIONS | frozenset({
    "the", "a", "an", "and", "but", "when", "while", "as", "after", "before", "since",
    "during", "meanwhile", "then", "also", "both", "on", "by", "for", "with", "over", "unlike",
    "like", "residents", "police", "officials", "authorities", "in", "at", "all",
    # quantities before a place adjective ("Two Northeast Georgia counties")
    "most", "many", "some", "several", "two", "three", "four", "five", "six", "other",
    # question words and conjunctions opening a sentence or a headline ("Why US fears")
    "so", "why", "how", "what", "where", "if", "though", "although", "because", "once",
    "now", "yet", "even", "only", "not", "former", "from", "against", "inside", "under",
})
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}|W\.Va\.")
_ABBREVIATIONS = frozenset({"St.", "Ste.", "Ft.", "Mt.", "Pt.", *STATE_ABBREVIATIONS})


def _token_form(raw: str) -> tuple[str, str, bool]:
    """(text, lower-case key, capitalised) of a token as matched (remembered in
    :data:`_token_forms`: the same word recurs in most reports)."""
    text = raw
    if text.endswith(".") and "." not in text[:-1] and text not in _ABBREVIATIONS:
        text = text[:-1]  # a full stop, not part of "St." or "Ky."
    cap = text[0].isupper() or (_PARTICLE.match(text) is not None
                                and any(c.isupper() for c in text[1:4]))
    return text, text.lower().rstrip("."), cap


_token_forms = Memo(_token_form)


class _Tok:
    __slots__ = ("cap", "end", "low", "start", "text")

    def __init__(self, form: tuple[str, str, bool], start: int) -> None:
        self.text, self.low, self.cap = form
        self.start = start
        self.end = start + len(self.text)


def _tokens(text: str) -> list[_Tok]:
    forms = _token_forms
    return [_Tok(forms[m.group()], m.start()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def _ru_info(word: str) -> tuple[str, bool, bool]:
    """(lemma, is a geographic name, is a person's name or a common word) of one word."""
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    if not parses:
        return word.lower(), False, False
    best = parses[0]
    tags = best.tag
    geox = any("Geox" in p.tag for p in parses[:3])
    person = ("Name" in tags or "Surn" in tags or "Patr" in tags) and not geox
    common = best.is_known and not geox and "Orgn" not in tags and (
        "NOUN" not in tags or "Abbr" in tags) and "UNKN" not in tags
    return str(best.normal_form), geox, person or (common and "ADJF" not in tags)


# (word, Cyrillic document) -> (key, entries), for the gazetteer in _memo_owner
_lookup_memo: Memo[tuple[str, bool], tuple[str, tuple[int, ...]]] = Memo()
_memo_owner: list[Gazetteer] = []


def _lookups(g: Gazetteer) -> Memo[tuple[str, bool], tuple[str, tuple[int, ...]]]:
    """The memo of one-word look-ups in ``g`` (emptied when another gazetteer is used)."""
    if not _memo_owner or _memo_owner[0] is not g:
        _lookup_memo.clear()
        _memo_owner[:] = [g]
    return _lookup_memo


class _Finder:
    """Looks mentions up in one document's tokens."""

    def __init__(self, g: Gazetteer, doc: Document) -> None:
        self.g = g
        self.doc = doc
        self.text = doc.text
        self.cyrillic = script_family(doc.lang) == "cyrillic"
        self.toks = _tokens(doc.text)
        self.sent_starts = {s.start for s in doc.sentences}
        lower_words = {t.low for t in self.toks if not t.cap}
        self.lower_words = lower_words
        self.surnames: set[str] = set()
        self._starts: list[int] | None = None
        self.unmatched: list[tuple[int, int]] = []  # runs of name words that matched nothing
        letters = "".join(filter(str.isalpha, doc.text[:2000]))
        # a text in capitals (a headline, a telegram) has no acronyms to tell apart
        self.shouting = sum(map(str.isupper, letters)) > 0.6 * max(len(letters), 1)

    def token_index(self, start: int) -> int:
        """The index of the first token that starts at or after ``start``."""
        if self._starts is None:
            self._starts = [t.start for t in self.toks]
        return bisect_left(self._starts, start)

    def _sentence_initial(self, k: int) -> bool:
        t = self.toks[k]
        if k == 0 or t.start in self.sent_starts:
            return True
        gap = self.text[self.toks[k - 1].end : t.start]
        return any(c in gap for c in ".!?:\n\"“«")

    def _lookup(self, a: int, b: int) -> tuple[str, tuple[int, ...]]:
        """The key and the entries for tokens a..b-1 (exact, then lemma, then stem). Those
        of one word depend on nothing but the word and the script: they are remembered."""
        if b - a == 1:
            memo = _lookups(self.g)
            found_key = (self.toks[a].text, self.cyrillic)
            got = memo.get(found_key)
            return memo.remember(found_key, self._look_up(a, b)) if got is None else got
        return self._look_up(a, b)

    def _look_up(self, a: int, b: int) -> tuple[str, tuple[int, ...]]:
        span = self.text[self.toks[a].start : self.toks[b - 1].end]
        key = norm(span)
        if b - a <= 2 and key in self.g.demonyms and not any(
                self.g.kind[i] >= COUNTRY for i in self.g.lookup(key)):
            # "Russian", "Sri Lankan": the geoparsing corpora count a demonym as a mention
            # of its country; the Place is marked feature="demonym" (never an event site)
            cc = self.g.demonyms[key]
            if cc in self.g.country_index:
                return DEMONYM_MARK + key, (self.g.country_index[cc],)
        if b - a <= 2 and key in self.g.region_demonyms:
            return DEMONYM_MARK + key, (self.g.region_demonyms[key],)
        found = self.g.lookup(key)
        if found or not self.cyrillic:
            return key, found
        lemma = norm(" ".join(_ru_info(t.text)[0] for t in self.toks[a:b]))
        found = self.g.lookup(lemma)
        if found:
            return key, found
        stem = ru_stem(key)
        found = self.g.lookup_stem(stem)
        if found:
            return key, found
        # the index stems the nominative, which may itself end like a case ending:
        # "Ростов-на-Дону" is indexed as "рост на дон", which "Ростова" reaches in two steps
        return key, self.g.lookup_stem(ru_stem(stem))

    def _is_name_token(self, k: int) -> bool:
        t = self.toks[k]
        if not t.cap:
            return False
        if t.text in STATE_ABBREVIATIONS:
            return True  # "S.C.", "N.Y.": taken only after a comma (_state_abbreviation)
        if t.text.isupper() and len(t.low) <= 4 and not self.shouting:
            # acronyms: only those the gazetteer indexes as such ("US", "UK", "США"); an
            # organisation's initials ("AR", "KP", "APCA") must not meet a town's alias
            return norm(t.text) in self.g.acronyms
        return len(t.low) > 1

    def _runs(self) -> list[tuple[int, int]]:
        """Maximal runs of name tokens, connectors allowed inside."""
        runs = []
        k, n = 0, len(self.toks)
        while k < n:
            if not self._is_name_token(k):
                k += 1
                continue
            e = k + 1
            while e < n:
                gap = self.text[self.toks[e - 1].end : self.toks[e].start]
                if self._peoples(e):
                    e += 2  # "People's Republic of China" is one name
                    continue
                if gap.strip(" ") and gap != "-":
                    break  # a spaced dash ends a dateline ("DANIELSVILLE - Madison County")
                if self._is_name_token(e):
                    e += 1
                else:
                    joined = self._connectors_before_name(e)
                    if not joined:
                        break
                    e += joined + 1
            runs.append((k, e))
            k = e
        return runs

    def _peoples(self, e: int) -> bool:
        """Whether tokens e-1, e are "People" "s" of "People's Republic of ...", followed
        by a name token."""
        toks = self.toks
        return (toks[e].text == "s" and toks[e - 1].low == "people" and e + 1 < len(toks)
                and self.text[toks[e - 1].end : toks[e].start] in ("'", "’")
                and self.text[toks[e].end : toks[e + 1].start] == " "
                and self._is_name_token(e + 1))

    def _connectors_before_name(self, e: int) -> int:
        """How many connector words (one or two: "of", "of the", "de la") stand at token e
        before a name token, separated by single spaces; 0 when none do."""
        for width in (1, 2):
            last = e + width - 1
            if last + 1 >= len(self.toks) or self.toks[last].low not in CONNECTORS:
                return 0
            if self.text[self.toks[last].end : self.toks[last + 1].start].strip():
                return 0
            if self._is_name_token(last + 1):
                return width
        return 0

    def _hint_after(self, b: int) -> tuple[str | None, int]:
        """A type word right after token b-1: (kind, tokens it takes)."""
        if b >= len(self.toks):
            return None, 0
        t = self.toks[b]
        if self.text[self.toks[b - 1].end : t.start].strip():
            return None, 0
        if self.cyrillic:
            kind = RU_FEATURE_STEMS.get(ru_stem_word(norm(t.text)))
        else:
            kind = FEATURE_WORDS.get(t.low)
        return kind, 0 if kind is None else 1

    def find(self) -> list[Mention]:
        """Every matched span, before the person/demonym/common-word rules."""
        mentions: list[Mention] = []
        for a, e in self._runs():
            if e - a == 1:
                abbr = self._state_abbreviation(a)
                if abbr is not None:
                    mentions.append(abbr)
                    continue
            found_in_run = False
            k = a
            run_from = a  # a match resets the run: "Innisfail and Edmonton" keeps both
            while k < e:
                m = self._match_at(k, e) if self.toks[k].text not in STATE_ABBREVIATIONS else None
                if m is not None and m[1] == k + 1 and self.toks[k].low in COMMON \
                        and not (self.toks[k].text.isupper() and len(self.toks[k].low) > 1):
                    m = None  # "Will" in "Will Smith" is no place and resets nothing
                if m is not None and m[1] == k + 1 < e and self.toks[k].low in MODIFIERS:
                    m = None  # "Northeast" in "Northeast Georgia" qualifies the next name
                if m is None and self.toks[k].text in STATE_ABBREVIATIONS:
                    # "Harrisburg, Pa. Smith said": the run went on past the full stop
                    abbr = self._state_abbreviation(k)
                    m = None if abbr is None else (abbr, k + 1)
                if m is None or not self._fits_run(m[0], k, m[1], run_from, e):
                    k += 1
                    continue
                mentions.append(m[0])
                found_in_run = True
                k = run_from = m[1]
            if not found_in_run and e - a <= 3:
                self.unmatched.append((a, e))
            if not found_in_run and 2 <= e - a <= 3 and all(
                    self.toks[i].low not in CONNECTORS for i in range(a, e)):
                # a run of 2-3 name words with no place in it is likely a person
                self.surnames.add(self.toks[e - 1].low)
        return mentions

    def fuzzy(self, countries: set[str]) -> list[Mention]:
        """Unmatched runs that a preposition or a type word marks as places ("in
        Faislabad", "Suhbatpur area"), looked up fuzzily within ``countries``."""
        out = []
        for a, e in self.unmatched:
            prev = self.toks[a - 1].low if a > 0 else ""
            hint, _ = self._hint_after(e)
            if prev not in _PREPOSITIONS and hint is None:
                continue
            if any(self.toks[i].low in COMMON or self.toks[i].low in TITLES
                   or self.toks[i].text.isupper() for i in range(a, e)):
                continue
            start, end = self.toks[a].start, self.toks[e - 1].end
            key, found = fuzzy_lookup(self.g, norm(self.text[start:end]), countries)
            if found:
                out.append(Mention(self.text[start:end], start, end, key,
                                   found[:_MAX_CANDIDATES], hint=hint, strong=True))
        return out

    def _qualifies(self, b: int) -> bool:
        """Whether token b follows a name as a place's does: "Chapin man", "Stamford Mayor",
        "HURRICANE, W.Va." (a state abbreviation after a comma)."""
        if b >= len(self.toks) or self.cyrillic:
            return False
        t = self.toks[b]
        gap = self.text[self.toks[b - 1].end : t.start]
        if gap == " ":
            return t.low in PLACE_QUALIFIED
        return gap == ", " and t.text in STATE_ABBREVIATIONS

    def _state_abbreviation(self, k: int) -> Mention | None:
        """"Paris, Ky.", "the S.C. House": a news abbreviation of a state or province."""
        t = self.toks[k]
        full = STATE_ABBREVIATIONS.get(t.text)
        if full is None:
            return None
        # "S.C.", "N.Y." are nothing else and stand anywhere ("the S.C. House", "D-S.C.");
        # "Ind.", "Miss.", "Ga." are words too, so they count only after a comma
        comma = k > 0 and self.text[self.toks[k - 1].end : t.start].strip() == ","
        if not comma and not _DOTTED.fullmatch(t.text):
            return None
        for cc in ("US", "CA"):
            i = self.g.admin1_index.get((cc, full))
            if i is not None:
                return Mention(t.text, t.start, t.end, norm(full), (i,), hint="admin1")
        return None

    def _fits_run(self, m: Mention, k: int, b: int, a: int, e: int) -> bool:
        """A match inside a longer capitalised run: "Kabul University" keeps "Kabul", but
        "Will Smith" or "Raquel Henry" (a name word before the match) keeps nothing."""
        g = self.g
        big = any(g.kind[i] >= 2 or g.pop[i] >= 50_000 for i in m.candidates)
        if b >= e and k > a and self.toks[k - 1].low not in GIVEN_NAMES and any(
                g.kind[i] in (ADMIN1, COUNTRY) for i in m.candidates):
            # "Nazi Germany", "Taco Bell Canada", "Generation Texas": few people's names
            # end in a country's or a province's (those that do mostly follow a given
            # name: "Michael Jordan")
            return True
        for i in range(k - 1, a - 1, -1):
            if self.toks[i].low in ("of", "and", "or"):
                # "University of Rajasthan", "United Way of Metropolitan Atlanta": the
                # place of a thing; "Sharon and Falls Village": a list of places. What
                # stands between the joining word and the name is checked below.
                a = i + 1
                break
        for i in range(a, k):
            low = self.toks[i].low
            if low not in MODIFIERS and low not in CONNECTORS and low not in self.g.demonyms \
                    and low not in CALENDAR and not (i == a and low in _FUNCTION_WORDS):
                return False
        b = min(b, e)
        if b < e and b == k + 1 and k == a and self.toks[k].low in GIVEN_NAMES \
                and self.toks[b].low not in CONNECTORS:
            return False  # "Mary Wheeler": a person, whatever towns are called Mary
        if b < e:
            nxt = self.toks[b].low
            if nxt not in INSTITUTIONS and nxt not in FEATURE_WORDS \
                    and self._hint_after(e)[0] is not None:
                return False  # "Puli Alam city": the type word names the whole run
            return big or nxt in INSTITUTIONS or nxt in FEATURE_WORDS or nxt in (
                "and", "or") or nxt in TITLES or nxt in PLACE_QUALIFIED or (
                self.g.kind[m.candidates[0]] >= 1 and bool(m.hint))
        return True

    def _match_at(self, k: int, e: int) -> tuple[Mention, int] | None:
        g = self.g
        for b in range(min(e, k + g.max_words), k, -1):
            if self.toks[b - 1].low in CONNECTORS:
                continue
            hint, extra = self._hint_after(b) if b == e else (None, 0)
            if extra:  # the name with its type word first ("Balkh Province" is an alias)
                key2, found2 = self._lookup(k, b + extra)
                if found2:
                    return self._mention(k, b + extra, key2, found2, hint), b + extra
            # a run word that is itself a type word ("Rapides Parish") hints the kind too
            if b - k >= 2 and not self.cyrillic:
                hint = hint or FEATURE_WORDS.get(self.toks[b - 1].low)
            key, found = self._lookup(k, b)
            if found:
                return self._mention(k, b, key, found, hint), b
        return None

    def _mention(self, a: int, b: int, key: str, found: tuple[int, ...],
                 hint: str | None) -> Mention:
        g = self.g
        cands = found
        if len(cands) > _MAX_CANDIDATES:
            cands = tuple(sorted(cands, key=lambda i: -g.pop[i])[:_MAX_CANDIDATES])
        start, end = self.toks[a].start, self.toks[b - 1].end
        prev = self.toks[a - 1].low if a > 0 else ""
        strong = hint is not None or prev in _PREPOSITIONS or self._qualifies(b)
        return Mention(self.text[start:end], start, end, key, cands, hint=hint, strong=strong)


def _link_containers(text: str, mentions: list[Mention]) -> None:
    """"X, Y" and "X (Y)": Y may be the region or country that X lies in."""
    for idx in range(len(mentions) - 1):
        between = text[mentions[idx].end : mentions[idx + 1].start].strip()
        # "Kaldar district of Balkh", "X village in Y": a typed place, then its container
        words = between.lower().split()
        typed = (mentions[idx].hint in ("admin2", "city") and 1 <= len(words) <= 2
                 and words[-1] in ("of", "in") and all(w in FEATURE_WORDS for w in words[:-1]))
        # "Lebanon in Boone County": a name, then "in" a named region
        typed = typed or (words == ["in"] and mentions[idx + 1].hint in ("admin1", "admin2"))
        if between in (",", "(") or typed:
            mentions[idx].container = idx + 1
            # the name after "X," is the larger unit: "Kaldar district, Balkh" = province
            nxt = mentions[idx + 1]
            nxt.hint = nxt.hint or "container"


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)", re.IGNORECASE)
_STATE_OF = re.compile(r"\b(?:state|province)\s+of\s+$", re.IGNORECASE)


def _region_lists(g: Gazetteer, text: str, mentions: list[Mention]) -> None:
    """"Oregon and Washington", "Texas, Utah, Virginia, Washington": a name listed with
    names of first-level regions (all but it plainly regions) is a region too, not a
    same-named town or capital; so is a name after "the state of". A pair joined by a bare
    comma is left to the container rule ("Washington, Georgia" is a town in Georgia; "Texas
    and Washington, D.C." ends in one). A region's own town ("Punjab, Haryana, and
    Chandigarh") is left to the resolver."""

    def regional(m: Mention) -> bool:
        return any(g.kind[i] == ADMIN1 for i in m.candidates) and not any(
            g.kind[i] == COUNTRY for i in m.candidates)

    def plain(m: Mention) -> bool:  # no same-named town or capital competes
        return any(g.kind[i] == ADMIN1 and not same_name_region_penalty(g, m, i)
                   for i in m.candidates)

    def own_town(m: Mention) -> bool:  # "Chandigarh": the region's own town, left as it is
        regions = {(g.country[i], g.admin1[i]) for i in m.candidates if g.kind[i] == ADMIN1}
        return any(g.kind[i] == CITY and norm(g.name[i]) == m.key
                   and (g.country[i], g.admin1[i]) in regions for i in m.candidates)

    k, n = 0, len(mentions)
    while k < n:
        e, gaps = k + 1, []
        while e < n:
            gap = text[mentions[e - 1].end : mentions[e].start]
            if not _LIST_GAP.fullmatch(gap):
                break
            gaps.append(gap)
            e += 1
        members = mentions[k:e]
        if gaps and not gaps[-1].strip(" ,"):  # "..., X, Y": X qualified by Y
            members = members[:-2]
        conj = any(gap.strip(" ,") for gap in gaps)
        if len(members) >= 2 and (len(members) >= 3 or conj) and all(map(regional, members)) \
                and sum(map(plain, members)) >= len(members) - 1:
            for m in members:
                if (m.hint is None or m.hint == "container") and not own_town(m):
                    m.hint = "admin1"
                m.container = None
        k = e
    for m in mentions:
        if m.hint is None and regional(m) and _STATE_OF.search(text, max(0, m.start - 20),
                                                               m.start):
            m.hint = "admin1"


def _blocked(f: _Finder, m: Mention) -> str | None:
    """Why a matched span is rejected (see the module docstring): "person" (a title before
    it, "X said"), "initial" (a small place's name opening a sentence), "word" (a common
    word, a Russian given name, a too short word); None when it stands."""
    g = f.g
    if m.text in STATE_ABBREVIATIONS:
        return None
    # the tokens of the span (token starts increase: found by bisection, not a scan)
    idx = f.token_index(m.start)
    toks = f.toks[idx : f.token_index(m.end)]
    if not toks:
        return "word"
    first = toks[0]
    last_idx = idx + len(toks) - 1
    prev = f.toks[idx - 1] if idx > 0 else None
    nxt = f.toks[last_idx + 1] if last_idx + 1 < len(f.toks) else None
    big = any(g.kind[i] >= 2 or g.pop[i] >= 100_000 for i in m.candidates[:_MAX_CANDIDATES])
    single = len(toks) == 1
    low = first.low
    if prev is not None and prev.low.rstrip(".") in TITLES and prev.cap:
        return "person"
    if not big and ((prev is not None and prev.low in PERSON_BEFORE and not prev.cap)
                    or (nxt is not None and nxt.low in PERSON_AFTER)):
        return "person"  # "his sons Usman and ...", "commander Usman alias Abu Zar"
    if m.key.startswith(DEMONYM_MARK):
        return None
    # "Henry said", but not "from Botley, said:" (a place closing a clause)
    if nxt is not None and nxt.low in PERSON_VERBS and not _known_actor(g, m) \
            and not f.text[m.end : nxt.start].strip():
        return "person"
    if f.cyrillic:
        if single and (low in RU_COMMON or len(low) < 3):
            return "word"
        _, geox, person = _ru_info(first.text)
        return "word" if single and not geox and person and not m.strong else None
    if single and first.text.isupper() and len(low) <= 4:
        return None  # an acronym the gazetteer knows as such ("US", "UK")
    if single:
        if low in COMMON and not (m.strong and big) and not any(
                g.kind[i] == 3 for i in m.candidates):
            return "word"
        if low in f.lower_words and not big:
            return "word"
        if f._sentence_initial(idx) and not (big or m.strong or _dateline(f, m)):
            return "initial"
        if len(low) <= 2:
            return "word"
    return None


def _known_actor(g: Gazetteer, m: Mention) -> bool:
    """Whether a name may be the subject of "said" as a place: a country, a region or a big
    city speaks for its government ("Moscow said"); a county named after a person
    ("Brown", "Polk") does not."""
    return any(g.kind[i] >= ADMIN1 or (g.kind[i] == CITY and g.pop[i] >= 100_000)
               for i in m.candidates[:_MAX_CANDIDATES])


def _filter(f: _Finder, found: list[Mention]) -> list[Mention]:
    """The mentions that stand. A name is one place throughout a document: one opening a
    sentence ("Torrington firefighters ...") stands when the same name stands elsewhere,
    and one that the surname rule would drop stands when it is cued elsewhere ("in
    Edmonton")."""
    g = f.g
    reasons = [_blocked(f, m) for m in found]
    kept = {m.key for m, r in zip(found, reasons, strict=True) if r is None}
    mentions = [m for m, r in zip(found, reasons, strict=True)
                if r is None or (r == "initial" and m.key in kept)]
    if f.surnames:
        cued = {m.key for m in mentions if m.strong}
        mentions = [m for m in mentions if m.key not in f.surnames or m.key in cued
                    or any(g.kind[i] >= 2 for i in m.candidates)]
    return mentions


def _dateline(f: _Finder, m: Mention) -> bool:
    """"TORRINGTON — City Council ...": a name in capitals before a dash opens a story
    with the place it was filed from."""
    after = f.text[m.end : m.end + 3].lstrip(" ")
    return m.text.isupper() and len(m.text) > 3 and after[:1] in ("—", "–", "-", ":")


def _dominant_country(g: Gazetteer, mentions: list[Mention],
                      cues: dict[str, float]) -> str | None:
    """The country that at least two thirds of the resolved names and country cues (and at
    least two distinct ones) point at; None for a document about several countries."""
    votes: dict[str, set[str]] = {cc: {f"cue{k}" for k in range(int(n))}
                                  for cc, n in cues.items()}
    for m in mentions:
        # a demonym ("Indian troops") tells whose, not where: it does not vote
        if m.choice is not None and g.country[m.choice] and not m.key.startswith(DEMONYM_MARK):
            votes.setdefault(g.country[m.choice], set()).add(m.key)
    total = sum(len(v) for v in votes.values())
    for cc, keys in votes.items():
        if len(keys) >= 2 and len(keys) * 3 >= total * 2:
            return cc
    return None


def _other_countries(g: Gazetteer, mentions: list[Mention], m: Mention) -> set[str]:
    """The countries that the document's other names (not ``m``'s) were resolved in."""
    return {g.country[x.choice] for x in mentions
            if x.key != m.key and x.choice is not None and g.country[x.choice]}


def _foreign_alias(g: Gazetteer, m: Mention, mentions: list[Mention]) -> bool:
    """A town met only by one of its other names ("Tirah" for Tirat Karmel, Israel) in a
    document whose other places (among ``mentions``) all lie in another country: a local
    place the gazetteer lacks, far more often than the foreign town."""
    c = m.choice
    if c is None or g.kind[c] != 0 or norm(g.name[c]) == m.key or g.pop[c] >= 1_000_000:
        return False
    # the other places last: they take a pass over the document's names
    others = _other_countries(g, mentions, m)
    return bool(others) and g.country[c] not in others


def _stray(g: Gazetteer, m: Mention, dominant: str) -> bool:
    """A town abroad in a document about one country, named by an alias or too small to be
    world news ("Haidarabad" in an Afghan note is not Hyderabad, Pakistan)."""
    c = m.choice
    if c is None or g.kind[c] != 0 or g.country[c] == dominant:
        return False
    return norm(g.name[c]) != m.key or g.pop[c] < _STRAY_POPULATION


def _weak(g: Gazetteer, f: _Finder, m: Mention) -> bool:
    """A lone uncued word that names only a small town, or that is only an alias of its
    place ("Drug" for Durg) at a sentence start, is more often a word or a surname."""
    c = m.choice
    if c is None or g.kind[c] != 0:
        return False
    if g.pop[c] < _WEAK_POPULATION and m.score < 5.0:
        return True
    if norm(g.name[c]) != m.key and g.pop[c] < _KNOWN_POPULATION:
        idx = f.token_index(m.start)
        if idx == len(f.toks) or f.toks[idx].start != m.start:
            idx = 0
        return f._sentence_initial(idx)
    return False


def _place(g: Gazetteer, doc: Document, m: Mention) -> Place:
    p = Place(text=m.text, start=m.start, end=m.end, sentence=doc.sentence_of(m.start))
    i = m.choice
    if i is not None:
        p.name = g.name[i]
        p.geonameid = g.gid[i] or None
        p.lat = round(g.lat[i], 5)
        p.lon = round(g.lon[i], 5)
        p.country = g.country[i]
        p.admin1 = g.admin1[i] or None
        p.feature = "demonym" if m.key.startswith(DEMONYM_MARK) else FEATURE_NAMES[g.kind[i]]
        p.precision = PRECISION[g.kind[i]]
        p.population = g.pop[i]
        p.confidence = round(min(1.0, max(0.0, m.score / 10)), 3)
    return p


def find_places(doc: Document, g: Gazetteer | None = None) -> list[Place]:
    """The places named in ``doc.text``, resolved; offsets exact into the text."""
    g = g or load()
    f = _Finder(g, doc)
    # a name inside a party's or a force's name ("Lok Sabha", "Kachin Independence Army")
    # names the organisation, not where anything happened
    actors = [(c.start, c.end) for c in find_cues(doc.text)]
    mentions = [m for m in _filter(f, f.find())
                if not any(a <= m.start and m.end <= b for a, b in actors)]
    _link_containers(doc.text, mentions)
    _region_lists(g, doc.text, mentions)
    cues = cue_votes(doc.text)
    resolve(g, mentions, cues)
    if f.unmatched:
        countries = {g.country[m.choice] for m in mentions
                     if m.choice is not None and g.country[m.choice]} | set(cues)
        extra = f.fuzzy(countries) if len(countries) <= _FUZZY_COUNTRIES else []
        if extra:
            mentions = sorted(mentions + extra, key=lambda m: m.start)
            for m in mentions:
                m.container = None
            _link_containers(doc.text, mentions)
            _region_lists(g, doc.text, mentions)
            resolve(g, mentions, cues)
    places = []
    dominant = _dominant_country(g, mentions, cues)
    cued = {m.key for m in mentions if m.strong}  # a name cued once is a place throughout
    for m in mentions:
        if m.choice is not None and m.key not in cued and " " not in m.key \
                and _weak(g, f, m):
            continue
        if m.choice is not None and (
                (dominant and _stray(g, m, dominant))
                or _foreign_alias(g, m, mentions)):
            m.choice = None  # keep the span, but not a far-away homonym
        places.append(_place(g, doc, m))
    return places


class PlaceStage:
    """Fills ``doc.places`` with every place name found, resolved where possible."""

    name = "places"
    requires: tuple[str, ...] = ("text", "sentences", "lang")
    assigns: tuple[str, ...] = ("places",)

    def __call__(self, doc: Document) -> None:
        doc.places = find_places(doc)
