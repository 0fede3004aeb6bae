"""Stage ``events``: what happened, typed in the project's taxonomy, with date, place, counts.

The stage works in three steps:

1. **Triggers.** Every lexicon entry (:mod:`khronika.extract.lexicon`) is matched over the
   text; each hit is a :class:`~khronika.model.Trigger` with its type, weight and sentence,
   marked ``negated`` when a negation word stands just before it ("no one was arrested").
2. **Salience.** Each type scores the weight of its triggers, discounted by sentence
   position: reports, ACLED notes above all, state the main event first. Refinement
   rules (:mod:`khronika.extract.event_rules`) then settle the type that trigger words
   alone cannot tell: a protest with police intervention, a battle or an attack on
   civilians, a weapon found or a weapon used.
3. **Events.** The winning type becomes ``events[0]``; other types with strong triggers
   in other sentences become further events (a raid, then deportation orders). Each event
   takes the nearest date, the most specific place and the counts of its sentences.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable
from typing import Any

from khronika.extract import event_rules as rules
from khronika.extract.counts import event_total, first_words, sentence_before
from khronika.extract.language import script_family
from khronika.extract.lexicon import compiled_cues, lexicon_gates
from khronika.extract.prefilter import case_twin, may_match, probe_of
from khronika.model import Count, DateMention, Document, Event, Place, Trigger

# Sentence-position discount: the first sentence states the event, later ones add detail.
# Mild on purpose, so that a strong specific word later ("Taliban overtook the points")
# still outranks a generic one first ("attacks by Taliban").
_DECAY = (1.0, 0.85, 0.75, 0.65)
# A secondary event needs a trigger at least this strong (after discount).
_SECONDARY_MIN = 2.5
# Types that never stand as an extra event (they describe context, not incidents).
_NOT_SECONDARY = frozenset({"other", "legal_measure", "diplomatic_event", "threat"})

_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def _decay(sentence: int) -> float:
    return _DECAY[min(sentence, len(_DECAY) - 1)]


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


# Characters that the lexicon's patterns spell otherwise: a no-break or thin space where a
# pattern has a space ("crude\xa0bombs", in one ACLED note in ten and in most copied news),
# a typographic apostrophe where it has "'". Each is replaced by one character, so that
# every offset stays the same.
_UNIFY = str.maketrans({"\xa0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
                        "\t": " ", "\u2019": "'", "\u2018": "'"})
_ODD_CHARS = frozenset("\xa0\u2007\u2009\u202f\t\u2019\u2018")


def typing_view(doc: Document) -> Document:
    """The document as the typing rules read it: the same layers over a text whose odd
    spaces and apostrophes are the plain ones (same length, same offsets); the document
    itself when it has none."""
    if _ODD_CHARS.isdisjoint(doc.text):
        return doc
    view = copy.copy(doc)
    view.text = doc.text.translate(_UNIFY)
    return view


# What a report tells as background rather than as its event: a clause of what someone
# "had" done or suffered before ("a councillor, who had earlier switched parties"), and captives
# freed ("rescuing 16 of their hostages", "освободили похищенных"): the rescue is the event.
_EARLIER = re.compile(r"\b(?:who|which|that) (?:had|has|have)(?: \w+)?\W*$", re.IGNORECASE)
# "a man who was deported last month": what befell him before ("who were protesting" is
# what they were doing when the event happened, and stays)
_WHO_WAS = re.compile(r"\bwho (?:was|were) $", re.IGNORECASE)
# A Tajik past participle ("ихроҷшударо", the one who was expelled) names its noun by what
# befell it earlier.
_PARTICIPLE_TG = re.compile(r"шуда(?:ро|и|гон\w*)?$")
_FREED = re.compile(r"(?<!\w)(?:rescu\w*|freed|free|releas\w*|liberat\w*|освобо\w*|спас\w*|"
                    r"вызвол\w*|озод\w*)(?: \S+){0,4} ?$", re.IGNORECASE)


# A later sentence that says it tells another event ("In a separate incident ...",
# "Earlier, ..."); "also" is left out: it as often adds to the same event.
_ANOTHER = re.compile(r"\b(?:another|separate(?:ly)?|meanwhile|elsewhere|earlier|previously)\b|"
                      r"(?<!\w)(?:кроме того|ранее|отдельно|в другом)(?!\w)", re.IGNORECASE)


# An event named as the time since which the reported one happened, days or months
# earlier ("Three days after being detained in a raid, eleven traders were ordered
# deported", "спустя два месяца после задержания", "ду моҳ пас аз боздошт"); a bare "after"
# is not enough: "arrested after staging a protest" reports the protest, as ACLED codes it.
# And people named by what befell them ("relatives of the detained").
_AFTER = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?) (?:after|since) (?:the |a |an |his |"
                    r"her |their )?(?:[\w'-]+ )?$|\bafter being (?:[\w'-]+ ){0,3}$|(?<!\w)(?:дн\w*|"
                    r"недел\w*|месяц\w*|лет|год\w*|час\w*) (?:\S+ )?после (?:\S+ )?$|"
                    r"(?<!\w)(?:рӯз|ҳафта|моҳ|сол) пас аз (?:\S+ )?$", re.IGNORECASE)
_KIN_OF = rules.KIN_OF


# Tajik negates the verb after the noun it governs ("ӯро боздошт накардааст", did not
# detain him; "ихроҷ таъин накард", ordered no expulsion).
_NEG_AFTER_TG = re.compile(r"\s+(?:\w+\s+)?(?:накард|нашуд|нагирифт|намекун|намешав|нагузошт)\w*")
# What might happen to the reader ("If you have been fined, you have ten days to appeal"):
# advice, not an event; such a trigger counts as negated.
_IF_YOU = re.compile(r"\b(?:if|in case|when|should) (?:you|your|someone|anyone)\b[^.;!?]{0,40}$|"
                     r"(?<!\w)(?:если|в случае,? если) (?:вас|вы|вам|ваш\w*|кого-то|кого-нибудь)"
                     r"(?!\w)[^.;!?]{0,40}$|(?<!\w)агар (?:шуморо|шумо|ба шумо)(?!\w)"
                     r"[^.;!?]{0,40}$", re.IGNORECASE)
_PROTESTS = frozenset({"peaceful_protest", "violent_demonstration"})
# Events a report names as its backdrop (an attack, a wave of raids, fighting)
_BACKDROP = frozenset({"attack", "armed_clash", "raid", "arrest", "remote_explosive_landmine_ied",
                       "suicide_bomb", "mob_violence"})


# An event named at the head of a sentence as the time since which the reported one
# happened ("Since the attack on the concert hall, ...", "После теракта в «Крокусе», ...",
# "Пас аз ҳамла ба ..."): the background every report of a wave of abuses begins with.
_SINCE_LEAD = re.compile(r"^\W*(?:\w+ )?(?:since|after|following|in the wake of) (?:the |a |last "
                         r"\w+'s )?(?:[\w'-]+ )?$|^\W*(?:\w+ )?(?:после|с момента|со времени) "
                         r"(?:\S+ )?$|^\W*(?:\w+ )?пас аз (?:\S+ )?$", re.IGNORECASE)


# ... and what that backdrop did, in its clause ("..., in which more than 140 people died,")
_SINCE_LEAD_CLAUSE = re.compile(
    r"^\W*(?:\w+ )?(?:since|after|following|in the wake of) [^,;]{0,60}, (?:in which|where|when) "
    r"(?:[\w'-]+ ){0,4}$|^\W*(?:\w+ )?(?:после|с момента) [^,;]{0,60}, (?:где|в котором|в которой|"
    r"когда|в результате которого) (?:\S+ ){0,3}$|^\W*(?:\w+ )?пас аз [^,;]{0,60}, ки "
    r"(?:\S+ ){0,5}$", re.IGNORECASE)


def _background(code: str, before: str, sentence: int = 0, word: str = "") -> float:
    """The factor a trigger's weight takes from the words before it in its sentence (and
    from its own form)."""
    tail = before[-60:]
    if _PARTICIPLE_TG.search(word):
        return 0.5
    if code == "abduction" and _FREED.search(tail):
        return 0.4
    # "residents who had blocked the road" were protesting when police came: still the event
    if (_EARLIER.search(tail) and code not in _PROTESTS) or _KIN_OF.search(tail) or (
            _WHO_WAS.search(tail) and not word.endswith("ing")):
        return 0.5
    if _AFTER.search(tail) or (code in _BACKDROP and (
            _SINCE_LEAD.search(before) or _SINCE_LEAD_CLAUSE.search(before))):
        return 0.6
    if sentence > 0 and _ANOTHER.search(before):
        return 0.6
    return 1.0


def find_triggers(doc: Document) -> list[Trigger]:
    """Every lexicon hit in the text, in text order."""
    doc = typing_view(doc)
    family = script_family(doc.lang)
    negation = compiled_cues(family)["negation"]
    starts = [s.start for s in doc.sentences] or [0]
    text = doc.text
    found: list[Trigger] = []
    probe = probe_of(text)
    low = probe.lowered
    # only the entries whose needed words are in the text: the others cannot match
    for code, weight, rx in lexicon_gates(family).admitted(probe):
        # only spans are read: the case-sensitive twin over the lower-cased text finds them
        twin = case_twin(rx) if low is not None else None
        for m in rx.finditer(text) if twin is None or low is None else twin.finditer(low):
            sent = _sentence_index(starts, m.start())
            # a negation among the three words before the trigger ("no one was arrested",
            # "без задержаний"), within the same sentence
            lo = max(starts[sent], m.start() - 30)
            window = text[lo : m.start()]
            negated = bool(negation.search(" ".join(window.split()[-3:]))) or bool(
                family == "cyrillic" and (_NEG_AFTER_TG.match(text, m.end())
                                        or rules.ABSENT_AFTER_RU.match(text, m.end()))) or bool(
                _IF_YOU.search(text, starts[sent], m.start()))
            found.append(Trigger(code, m.start(), m.end(), sent,
                                 weight * _background(code, text[starts[sent]:m.start()], sent,
                                                      m.group(0)),
                                 negated))
    found.sort(key=lambda t: (t.start, -t.weight))
    return found


def type_scores(triggers: list[Trigger]) -> dict[str, float]:
    """Score per type: the best discounted trigger plus a little for each further one."""
    best: dict[str, float] = {}
    extra: dict[str, float] = {}
    for t in triggers:
        if t.negated:
            continue
        s = t.weight * _decay(t.sentence)
        if s > best.get(t.type, 0.0):
            extra[t.type] = extra.get(t.type, 0.0) + best.get(t.type, 0.0)
            best[t.type] = s
        else:
            extra[t.type] = extra.get(t.type, 0.0) + s
    # further hits add at most one point: repetition is weak evidence of salience
    return {k: v + min(0.1 * extra.get(k, 0.0), 1.0) for k, v in best.items()}


# ----------------------------------------------------------------------------- fields

BestLocation = Callable[..., Place | None]


def _geo_helper() -> BestLocation | None:
    # The geo package may offer a better chooser; use it when present.
    try:
        from khronika import geo
    except ImportError:  # pragma: no cover - geo is part of the package
        return None
    helper = getattr(geo, "best_event_location", None)
    return helper if callable(helper) else None


def choose_date(doc: Document, sentence: int, anchor: int) -> DateMention | None:
    """The date mention nearest the trigger in its sentence, else the last one before it,
    else the document's first."""
    if not doc.dates:
        return None
    # a date inside quoted speech ("«собираемся в субботу»") is what someone said would
    # happen, not when the reported event did
    dates = [d for d in doc.dates if not _quoted(doc.text, d.start)] or doc.dates
    same = [d for d in dates if d.sentence == sentence or
            (d.sentence < 0 and doc.sentence_of(d.start) == sentence)]
    if same:
        return min(same, key=lambda d: abs(d.start - anchor))
    before = [d for d in dates if d.start < anchor]
    if before:
        return max(before, key=lambda d: d.start)
    return dates[0]


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside «guillemets» opened earlier in its paragraph."""
    lo = text.rfind("\n", 0, pos) + 1
    before = text[lo:pos]
    return before.count("«") > before.count("»")


def _place_rank(p: Place, anchor: int, sent_dist: int) -> tuple[int, int, int]:
    precision = p.precision if p.precision is not None else 3
    return (sent_dist, precision, abs(p.start - anchor))


def choose_location(doc: Document, sentences: list[int], anchor: int) -> Place | None:
    """The most specific resolved place in or near the event's sentences."""
    helper = _geo_helper()
    if helper is not None:
        try:
            found = helper(doc, sentences, anchor)
        except TypeError:  # an older helper signature: fall back on our own choice
            found = None
        if found is not None:
            return found
    resolved = [p for p in doc.places if p.resolved]
    if not resolved:
        return None
    first = min(sentences) if sentences else 0

    def sent_dist(p: Place) -> int:
        s = p.sentence if p.sentence >= 0 else doc.sentence_of(p.start)
        if s in sentences:
            return 0
        # a place in a later sentence describes the event better than one from before it
        return (s - max(sentences)) if s > first else 2 * (first - s)

    return min(resolved, key=lambda p: _place_rank(p, anchor, sent_dist(p)))


_HARM = ("killed", "injured")
_KINDS_FOR: dict[str, tuple[str, ...]] = {
    "arrest": ("detained",), "raid": ("detained",), "deportation": ("deported",),
    "court_ruling": ("detained", "deported"), "forced_recruitment": ("detained",),
    "peaceful_protest": ("participants", "detained"),
    "protest_with_intervention": ("participants", "detained", *_HARM),
    "excessive_force_against_protesters": ("participants", "detained", *_HARM),
    "violent_demonstration": ("participants", "detained", *_HARM),
}


# "Всего по делу задержаны 11 человек", "a total of 30 were detained": a figure said to
# be the total replaces the partial one stated first ("Четверо ... были задержаны").
# Custody figures only: a death toll "in the two operations" spans several events.
_TOTAL_CUE = re.compile(r"(?:\bвсего|\bв общей сложности|\bin total|\ba total of|\baltogether|"
                        r"\boverall|\bдар маҷмӯъ)\b[^.;]*$", re.IGNORECASE)


def _stated_total(doc: Document, c: Count) -> bool:
    return may_match(_TOTAL_CUE, doc.text) and bool(_TOTAL_CUE.search(
        (sentence_before(doc, c, None) + doc.text[c.start:c.start + len(c.text)])[:200]))


def relevant_kinds(code: str) -> tuple[str, ...]:
    """Count kinds an event of type ``code`` takes from beyond its own sentences."""
    return _KINDS_FOR.get(code, _HARM)


def _crowd_tag(doc: Document) -> Count | None:
    """The crowd size a coder's tag states ("[size=around 200]"), the last if several;
    None where there is none or it gives no figure ("[size=no report]")."""
    tags = [c for c in doc.counts if c.kind == "participants" and c.text.startswith("[")]
    return tags[-1] if tags else None


def choose_counts(doc: Document, sentences: list[int], code: str = "") -> dict[str, Count]:
    """For each kind, the count in the event's earliest sentence that has one; else, for
    the kinds that fit the event, the document's first count from its sentence on. The
    dead are the event's total (:func:`~khronika.extract.counts.event_total`), as ACLED
    codes them: every group killed in it, each counted once. A coder's crowd-size tag
    outranks any figure in the text: it is the size the coder settled on."""
    out: dict[str, Count] = {}
    first = min(sentences) if sentences else 0
    for c in doc.counts:
        s = c.sentence if c.sentence >= 0 else doc.sentence_of(c.start)
        if s in sentences and (c.kind not in out or (c.kind in ("detained", "deported")
                                                      and _stated_total(doc, c))):
            out[c.kind] = c
    kinds = relevant_kinds(code)
    for c in doc.counts:
        s = c.sentence if c.sentence >= 0 else doc.sentence_of(c.start)
        if c.kind not in out and c.kind in kinds and s >= first:
            out[c.kind] = c
    start = first
    if "killed" not in out and "killed" in kinds:
        # an event of harm takes the dead from before its trigger too ("Another firebomb
        # victim died ... He had been caught in an arson attack")
        start = 0
        dead_before = next((c for c in doc.counts if c.kind == "killed"), None)
        if dead_before is not None:
            out["killed"] = dead_before
    tag = _crowd_tag(doc)
    if tag is not None and ("participants" in out or "participants" in kinds):
        out["participants"] = tag
    if "killed" in out:
        dead = event_total(doc, "killed", start)
        if dead is None:  # only deaths the event is about ("rioted after a man died")
            del out["killed"]
        else:
            out["killed"] = dead
    return out


# ACLED notes state the coded figure outright ("Fatalities coded as 0 (VoJ reported 3)",
# "Fatalities split over 2 locations (5)"): that statement overrides any tally.
_CODED_FATALITIES = re.compile(
    r"\bfatalit(?:y|ies) (?:are |were |is )?(?:coded as (\d+)|(?:split|divided) "
    r"(?:over|across|between) [^()]{0,40}\((\d+)\))", re.IGNORECASE)


def stated_fatalities(doc: Document) -> Count | None:
    """The fatality figure a note says it codes, as a 'killed' count (the last, when the
    note states it more than once)."""
    if not may_match(_CODED_FATALITIES, doc.text):
        return None
    # a later statement corrects an earlier one ("Fatalities coded as 0. ... Fatalities
    # coded as 7"): the last one stands
    found = list(_CODED_FATALITIES.finditer(doc.text))
    if not found:
        return None
    m = found[-1]
    n = int(m.group(1) or m.group(2))
    return Count("killed", n, n, m.group(0), m.start(), m.end(), doc.sentence_of(m.start()))


_PROTEST_CODES = frozenset({"peaceful_protest", "protest_with_intervention",
                            "excessive_force_against_protesters", "violent_demonstration"})
# A death a protest is about ("against the killing of two journalists") is not a death
# at the protest.
_CAUSE_OF_PROTEST = re.compile(r"\b(?:death|deaths|killing|killings|murder|murders)\s+of\b|"
                               r"(?:against|over|protest\w*|condemn\w*)\W+(?:\w+\W+){0,3}$",
                               re.IGNORECASE)


# On a protest typed peaceful, a death counts only when its sentence reports it as news,
# the subject leading ("A student was killed when police fired on the march", "One
# striker died on the fourth day of the fast"); a death that describes someone the
# protest is about ("relatives of a man who died", "the murdered farmer") is its cause.
_LEAD_OF_NEWS = re.compile(r"^\W*(?:(?:on|in|during)\s+[^,.;]{1,40},\s*)?(?:[\w'’.-]+\W+){0,4}$",
                           re.IGNORECASE)
# The kin, the funeral or the body by which someone dead is named.
_KIN_OR_BODY = r"family|families|relatives?|parents|kin|funeral|bod(?:y|ies)"
_DESCRIBES_SOMEONE = re.compile(r"\b(?:who|whom|whose|which|that|of\s+(?:a|an|the|his|her|their)"
                                rf"|{_KIN_OR_BODY})\b", re.IGNORECASE)
# the death word before its figure or noun: an attribute ("murdered woman") or a killer's
# act ("killed a migrant"), not the dead as the subject of the news
_DEATH_FIRST = re.compile(r"(?:killed|murdered|slain|dead)\b", re.IGNORECASE)


# On any protest: the dead named by kin, funeral or body, or in a relative clause of
# their own ("the brother of a porter who was stabbed", "the burial of a guard who was
# shot dead"), are the protest's cause.
_MOURNED = re.compile(rf"\b(?:{_KIN_OR_BODY}"
                      r"|culprits?|accused|suspects?)\b|\bwho\s+(?:was|were|had\s+been)\s+"
                      r"(?:\w+\s+)?(?:killed|murdered|lynched|shot\s+dead)\b", re.IGNORECASE)


def _mourned(doc: Document, c: Count) -> bool:
    """Whether the dead ``c`` counts are mourned or avenged by a protest, not dead at it."""
    return bool(_MOURNED.search(sentence_before(doc, c, 40) + first_words(c)))


def _death_at_protest(doc: Document, c: Count) -> bool:
    """Whether the dead ``c`` counts died at a protest, as the news of their sentence."""
    lead, text = sentence_before(doc, c, None), first_words(c)
    return bool(_LEAD_OF_NEWS.match(lead)) and not _DESCRIBES_SOMEONE.search(lead + text) \
        and not _DEATH_FIRST.match(text)


def _drop_protest_causes(doc: Document, counts: dict[str, Count], code: str = "") -> None:
    """Drop the dead and hurt a protest is about (its cause). On a peaceful protest only a
    death told as news of the protest itself stays: anyone hurt there would have made it
    a protest with intervention or a riot, so an injury named is the cause."""
    for kind in ("killed", "injured"):
        c = counts.get(kind)
        if c is None:
            continue
        if _CAUSE_OF_PROTEST.search(doc.text[max(0, c.start - 30):c.start] + " " + c.text) \
                or (code == "peaceful_protest"
                    and (kind == "injured" or not _death_at_protest(doc, c))) \
                or (kind == "killed" and _mourned(doc, c)):
            del counts[kind]


def _fill(doc: Document, ev: Event, trig: Trigger, sentences: list[int]) -> None:
    ev.sentences = sorted(set(sentences))
    ev.add_evidence("type", trig.start, trig.end)
    ev.date = choose_date(doc, trig.sentence, trig.start)
    if ev.date is not None:
        ev.add_evidence("date", ev.date.start, ev.date.end)
    ev.location = choose_location(doc, ev.sentences, trig.start)
    if ev.location is not None:
        ev.add_evidence("location", ev.location.start, ev.location.end)
    ev.counts = choose_counts(doc, ev.sentences, ev.type)
    if ev.type in _PROTEST_CODES:
        _drop_protest_causes(doc, ev.counts, ev.type)
    for kind, c in ev.counts.items():
        ev.add_evidence(f"counts.{kind}", c.start, c.end)
    ev.actors = rules.actors(doc, trig, script_family(doc.lang))


# ----------------------------------------------------------------------------- stage


def build_events(doc: Document, triggers: list[Trigger]) -> list[Event]:
    """Events for a document from its triggers, the most salient first."""
    family = script_family(doc.lang)
    scores = type_scores(triggers)
    view = typing_view(doc)  # the rules read the text with its spaces unified
    if not scores:
        fallback = _learned_event(doc, view)
        return [fallback] if fallback is not None else []
    main_type, main_score = rules.decide(view, triggers, scores, compiled_cues(family), family)
    if main_type is None:
        return []
    absorbed = rules.absorbed_by(main_type)
    main_trig = _current_trigger(view, triggers, rules.trigger_types_for(main_type)) or \
        _best_trigger(triggers, rules.trigger_types_for(main_type))
    if main_trig is None:  # a type decided from context: the strongest word stands for it
        main_trig = _best_trigger(triggers, frozenset(t.type for t in triggers))
    if main_trig is None:
        return []
    main_sents = sorted({t.sentence for t in triggers if not t.negated and
                         (t.type in absorbed or t.type == main_type)} | {main_trig.sentence})
    main = Event(main_type, trigger=main_trig, confidence=_confidence(main_score, scores))
    _fill(doc, main, main_trig, main_sents)
    coded = stated_fatalities(doc)
    if coded is not None:
        main.counts["killed"] = coded
        main.add_evidence("counts.killed", coded.start, coded.end)
    events = [main]
    seen = {main_type} | absorbed
    for t in sorted(triggers, key=lambda t: -t.weight * _decay(t.sentence)):
        if (t.negated or t.type in seen or t.type in _NOT_SECONDARY
                or t.weight * _decay(t.sentence) < _SECONDARY_MIN):
            continue
        code = rules.secondary_type(t.type, triggers)
        if code is None or code in seen:
            seen.add(t.type)
            continue
        seen.add(t.type)
        seen.add(code)
        seen.update(rules.absorbed_by(code))
        ev = Event(code, trigger=t, confidence=_confidence(t.weight * _decay(t.sentence), scores))
        _fill(doc, ev, t, [t.sentence])
        events.append(ev)
    return events


# "где был рейд 26 марта. Сейчас снова облава": the report is about what happens now or
# again; the earlier event of the same kind is background.
_NOW_AGAIN = re.compile(r"(?<!\w)(?:сейчас|снова|опять|again|right now|ҳозир|боз)(?!\w)",
                        re.IGNORECASE)


def _current_trigger(doc: Document, triggers: list[Trigger], types: frozenset[str]
                     ) -> Trigger | None:
    """The first trigger of ``types`` in a sentence that says "now" or "again", when an
    earlier one of the same types stands in a sentence that does not."""
    cands = [t for t in triggers if t.type in types and not t.negated]
    if len(cands) < 2 or not doc.sentences:
        return None

    def now(t: Trigger) -> bool:
        sent = doc.sentences[min(t.sentence, len(doc.sentences) - 1)]
        return may_match(_NOW_AGAIN, doc.text) and bool(
            _NOW_AGAIN.search(doc.text, sent.start, sent.end))

    if now(cands[0]):
        return None
    return next((t for t in cands if now(t)), None)


def _learned_event(doc: Document, view: Document) -> Event | None:
    """The event the learned model proposes for a report in which no trigger word was
    found (a family's account, a paraphrase), or None when it is unsure or sees none."""
    from khronika.extract import classifier

    if not doc.sentences or len(doc.text.split()) < 5:
        return None
    p = classifier.predict_fallback(view.text, {c.kind for c in doc.counts})
    code = max(p, key=lambda k: p[k])
    if code not in classifier.LABELS or p[code] < classifier.FALLBACK_MIN:
        return None
    first = doc.sentences[0]
    # no word stands for the type: the lead sentence is its evidence
    trig = Trigger(code, first.start, first.end, 0, 0.0)
    ev = Event(code, trigger=trig, confidence=round(0.6 * p[code], 3))
    _fill(doc, ev, trig, [0])
    return ev


def _best_trigger(triggers: list[Trigger], types: frozenset[str]) -> Trigger | None:
    cands = [t for t in triggers if t.type in types and not t.negated]
    if not cands:
        return None
    return max(cands, key=lambda t: (t.weight * _decay(t.sentence), -t.start))


def _confidence(score: float, scores: dict[str, float]) -> float:
    # strength of the evidence times the margin over the runner-up type
    ranked = sorted(scores.values(), reverse=True)
    runner = ranked[1] if len(ranked) > 1 else 0.0
    strength = min(score / 5.0, 1.0)
    margin = 0.5 + 0.5 * min(max(score - runner, 0.0) / 3.0, 1.0)
    return round(max(0.05, min(strength * margin, 0.99)), 3)


class EventStage:
    """Assigns ``triggers`` and ``events`` (most salient first; [] when none)."""

    name = "events"
    requires: tuple[str, ...] = ("text", "sentences", "dates", "places", "counts")
    assigns: tuple[str, ...] = ("events", "triggers")

    def __call__(self, doc: Document) -> None:
        doc.triggers = rules.drop_nested(find_triggers(doc))
        doc.events = build_events(doc, doc.triggers)


def describe(doc: Document) -> list[dict[str, Any]]:
    """A compact view of a document's events, for debugging and tests."""
    return [
        {"type": e.type, "sentences": e.sentences, "confidence": e.confidence,
         "date": e.date.start_date.isoformat() if e.date else None,
         "location": e.location.name if e.location else None,
         "counts": {k: c.min for k, c in e.counts.items()}, "actors": e.actors}
        for e in doc.events
    ]
