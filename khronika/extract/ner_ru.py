"""Russian (and Tajik-Cyrillic) named entities: natasha's slovnet NER plus boundary fixes.

The slovnet model (``NewsNERTagger`` over ``NewsEmbedding``, shipped inside natasha) is
loaded lazily, once per process, the first time a Cyrillic document arrives, so that
English-only runs never pay for it. :func:`raw_spans` runs the model (through
:mod:`khronika.extract.ner_model`: slovnet's results, less overhead); :func:`refine`
turns its spans into entities under the conventions of the two Russian gold corpora
(NEREL and factRuEval-2016), fixing only what generalises:

- entities never cross a line break, a bullet, a semicolon or a bracket: the model glues
  "Name (Latin Name)" and list items into one span;
- a quoted organisation name loses its legal form and quotes ("ОАО «Газпром»" ->
  "Газпром"), as both corpora mark it; stray quotes are trimmed;
- a few labels the model gets systematically wrong are corrected (the European Union is
  an organisation, not a place; the ISS a place; "ФНС" an organisation), and generic
  words it tags (``СМИ``, a sentence-initial "Надеюсь") are dropped, as are quoted
  names after a word for a venue, work or vehicle ("кинотеатр «Родина»");
- a web platform is an organisation where it acts ("Telegram заблокировал"), nothing
  where something is posted on it ("написал в Telegram");
- people: titles are left out, a name cut in two is joined, two full names around a
  conjunction are split ("... ва ..."), initials with a close surname ("Д.Медведев") are
  found; Tajik letters are read as their Russian look-alikes, so Tajik names are seen;
- places the model passed over are added where pymorphy3's dictionary knows the word as
  a place ("чемпион Европы", "Сочи-2014"), with a short list of multi-word countries.

Rules that would serve one corpus's convention at the other's expense (place adjectives
such as "российский", bare "правительство", "полиция") are deliberately not applied.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khronika.extract.ner_rules import Raw, dedupe, split_hard, trim
from khronika.model import Entity

if TYPE_CHECKING:  # the model's module loads numpy and slovnet: only when tagging starts
    from khronika.extract.ner_model import FastTagger

_LOCK = threading.Lock()
_TAGGER: FastTagger | None = None

#: Put before each line: the model misses a name that is the very first token of its
#: input ("Путин подписал ..." finds nothing, ". Путин подписал ..." finds Путин).
_PREFIX = ". "


def _tagger() -> FastTagger:
    """The slovnet NER model, loaded on first use (about 0.5 s)."""
    global _TAGGER
    with _LOCK:
        if _TAGGER is None:
            from natasha import NewsEmbedding, NewsNERTagger

            from khronika.extract.ner_model import FastTagger

            _TAGGER = FastTagger(NewsNERTagger(NewsEmbedding()))
        return _TAGGER


@lru_cache(maxsize=1)
def _blas_thread_setter() -> Callable[[int], int] | None:
    """OpenBLAS's setter of the calling thread's BLAS thread count (returning the count it
    replaces), from the library numpy ships; None when numpy uses another BLAS."""
    import numpy

    root = Path(numpy.__file__).resolve().parent
    for lib in sorted([*root.parent.glob("numpy.libs/*openblas*"),
                       *root.glob(".dylibs/*openblas*")]):
        try:
            setter = ctypes.CDLL(str(lib)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes = [ctypes.c_int]
        setter.restype = ctypes.c_int
        return setter
    return None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with one BLAS thread in this thread. The model multiplies matrices of
    a few dozen rows: a thread pool only adds hand-over costs, and on a busy machine (two
    import workers on two cores) its spinning threads made tagging ten times slower. The
    ``khronika`` command already runs with one BLAS thread (it sets the environment before
    numpy loads), so in-process callers now tag exactly as the command does."""
    setter = _blas_thread_setter()
    if setter is None:
        yield
        return
    previous = setter(1)
    try:
        yield
    finally:
        setter(previous)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every non-blank line: the model is run per line, since headlines
    and list items are separate contexts and names must not run across them."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


#: Tajik letters the model's vocabulary lacks, each mapped to its Russian look-alike
#: (one character for one, so offsets stay): "Қурбонов" is read as "Курбонов".
_TAJIK_TO_RUSSIAN = str.maketrans("ҲҳҚқҒғҶҷӢӣӮӯ", "ХхКкГгЧчИиУу")


def raw_spans(text: str) -> list[Raw]:
    """The model's (start, end, label) spans, offsets into ``text``."""
    lines = _lines(text.translate(_TAJIK_TO_RUSSIAN))
    if not lines:
        return []
    shift = len(_PREFIX)
    # Batches are padded to their longest line: lines of like length go together.
    order = sorted(range(len(lines)), key=lambda i: len(lines[i][1]))
    with one_blas_thread():
        tagged = _tagger().map([_PREFIX + lines[i][1] for i in order])
    out: list[Raw] = []
    for i, spans in zip(order, tagged, strict=True):
        offset = lines[i][0]
        for start, stop, label in spans:
            if start >= shift:
                out.append((offset + start - shift, offset + stop - shift, label))
    return sorted(out)


# ---------------------------------------------------------------- label fixes

#: Generic words the model tags as organisations; neither corpus treats them as names.
_NOT_NAMES = frozenset(
    {"СМИ", "ПАО", "ОАО", "ЗАО", "ООО", "ГУ", "ГК", "ИА", "НКО", "ЖЖ"}
)

#: Web platforms: a company when it acts or owns ("Facebook объявил", "акции Facebook"),
#: a service where something is posted ("написал в Twitter"): only the first is a name.
_PLATFORMS = re.compile(
    r"(Facebook|Twitter|YouTube|Instagram|Telegram|Tumblr|Weibo|WhatsApp|TikTok|iTunes|"
    r"Google\+|Твиттер|Фейсбук|Ютуб|Телеграм|Инстаграм|ВКонтакте|Одноклассники|Википеди|"
    r"Живой журнал|Живом журнале)\w*"
)

#: Unions of states, and seats of power used for the government inside them, which the
#: model calls places: both corpora mark them as organisations.
_ORG_NOT_LOC = re.compile(
    r"ЕС|ЕАЭС|СНГ|НАТО|ООН|ОБСЕ|ОПЕК|ШОС|ОДКБ|БРИКС|АСЕАН|Евросоюз\w*|Европейск\w+ [сС]оюз\w*|"
    r"Больш\w+ (?:семерк|восьмерк|двадцатк)\w*|Кремл\w*|Бел\w+ [дД]ом\w*"
)

#: Prepositions after which a platform is the place of a post, not an actor.
_POSTED_IN = frozenset({"в", "во", "на", "через", "из", "по"})

#: Names the model calls organisations that are places: the space station.
_LOC_NOT_ORG = re.compile(r"МКС|Международн\w+ [кК]осмическ\w+ [сС]танци\w*")

_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def _word_before(text: str, start: int) -> str:
    """The lower-cased word just before ``start`` (up to 30 characters back)."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


#: Kinds of thing whose quoted name is not an organisation: a venue, a work, a vehicle,
#: a prize, a brand ("в кинотеатрах «Звезда» и «Космос»", "шаттл «Атлантис»").
_THING_BEFORE_QUOTE = re.compile(
    r"(?:кинотеатр|стадион|аэропорт|фильм|кинофильм|мультфильм|сериал|песн|альбом|"
    r"сингл|роман|книг|повест|спектакл|балет|шаттл|корабл|космодром|премии|"
    r"премия|премию|орден|ракет|самол[её]т|истребител|автомобил|марк|препарат|"
    r"операци|учени|крейсер|подводн\w+ лодк|ледокол|теплоход)\w*"
)

#: Quoted names listed after that kind word: «A», «B» и «C».
_QUOTED_LIST_TAIL = re.compile(r"(?:[«\"„“][^«»\"„“\n]*[»\"“]\s*(?:,|и)?\s*)+$")
_LAST_WORD = re.compile(r"([а-яёa-z][\w-]*)\W*$")


def _quoted_thing(text: str, start: int) -> bool:
    """Whether the quoted name at ``start`` follows a word for a non-organisation."""
    if start == 0 or text[start - 1] not in "«\"„“":
        return False
    before = _QUOTED_LIST_TAIL.sub("", text[max(0, start - 120) : start - 1])
    m = _LAST_WORD.search(before)
    return m is not None and _THING_BEFORE_QUOTE.fullmatch(m.group(1).lower()) is not None


_ABBREVIATION = re.compile(r"[А-ЯЁ]{2,8}")


def _organisation_abbr(word: str) -> bool:
    """Whether pymorphy3's likeliest reading of an abbreviation is an organisation."""
    tag = _parse(word)[0].tag
    return "Orgn" in tag and "Geox" not in tag


def _relabel(text: str, span: Raw) -> Raw | None:
    """The span with its label corrected, or None when it is not a name at all."""
    start, end, label = span
    surface = text[start:end]
    if surface in _NOT_NAMES:
        return None
    if _PLATFORMS.fullmatch(surface):
        if _word_before(text, start) in _POSTED_IN:
            return None
        return start, end, "ORG"
    if label == "LOC" and _ORG_NOT_LOC.fullmatch(surface):
        return start, end, "ORG"
    if label == "ORG" and _LOC_NOT_ORG.fullmatch(surface):
        return start, end, "LOC"
    if label == "LOC" and _ABBREVIATION.fullmatch(surface) and _organisation_abbr(surface):
        return start, end, "ORG"  # "ФНС", "СКП": pymorphy3 knows them as organisations
    if label == "ORG" and _quoted_thing(text, start):
        return None
    return span


_MORPH: Any = None


def _morph() -> Any:
    """pymorphy3's analyser (loads in about 0.05 s)."""
    global _MORPH
    with _LOCK:
        if _MORPH is None:
            import pymorphy3

            _MORPH = pymorphy3.MorphAnalyzer()
        return _MORPH


@lru_cache(maxsize=50_000)
def _parse(word: str) -> tuple[Any, ...]:
    """pymorphy3's readings of ``word``, likeliest first (remembered: the same names
    come back in every document)."""
    return tuple(_morph().parse(word))


def _genitive(word: str) -> bool:
    """Whether ``word`` can be a genitive (abbreviations such as РФ, США do not decline)."""
    return any(p.tag.case == "gent" for p in _parse(word))


#: Labels of a dependent name that joins the organisation before it.
_MERGE = frozenset({"LOC", "ORG"})


def _merge_genitive(text: str, spans: list[Raw]) -> list[Raw]:
    """Join an organisation and the place or organisation it belongs to that follows in
    the genitive: "ФСБ России", "Института археологии РАН" are one name (NEREL's
    convention, and the useful one for naming an actor). The dependent name is kept as
    well, nested, as NEREL marks it (factRuEval marks only the parts)."""
    out: list[Raw] = []
    nested: list[Raw] = []
    for span in sorted(spans):
        if out:
            ps, pe, pl = out[-1]
            s, e, label = span
            if (pl == "ORG" and label in _MERGE and text[pe:s] == " "
                    and _genitive(text[s:e].split()[0])):
                out[-1] = (ps, e, "ORG")
                nested.append(span)
                continue
        out.append(span)
    return sorted(out + nested)


#: Titles and descriptors the model takes into a person's span; neither corpus does.
_TITLE = re.compile(
    r"(?:[Ии]мператор|[Кк]ронпринц|[Пп]ринц|[Кк]орол[ьяюе]|[Кк]оролев|[Пп]ап|[Пп]атриарх|"
    r"[Мм]итрополит|[Мм]адам|[Мм]иссис|[Мм]истер|[Сс]эр|[Гг]осподин|[Гг]оспож|[Пп]резидент|"
    r"[Пп]ремьер|[Мм]инистр|[Гг]енерал|[Пп]олковник|[Сс]енатор|[Дд]епутат|[Шш]ейх|"
    r"[Гг]убернатор|[Пп]ресс-секретар|[Пп]ресс-агент|[Аа]дмирал|[Пп]рофессор|[Аа]кадемик|"
    r"[Кк]ардинал|[Аа]рхиепископ|[Ее]пископ|[Пп]ротоиерей|[Лл]орд|[Гг]ерцог|"
    r"[Пп]ремьер-министр|[Вв]ице-премьер|[Вв]ице-президент|[Ээ]кс-[а-яё-]+|"
    r"[Гг]оссекретар|[Пп]редседател|[Сс]пикер|[Кк]анцлер|[Кк]осмонавт|[Аа]стронавт|"
    r"[Аа]двокат|[Пп]равозащитни[кц]|[Жж]урналист|[Бб]логер|[Аа]ктивист)"
    r"(?:а|у|ом|е|ы|ой|ю|я|и|ем|ей|ь)?|(?:\d+-|\w+)летн(?:ий|его|ему|им|ем|яя|ей|юю)"
)


#: Parts of speech a one-word name never is, when pymorphy3 knows the word as such.
_NOT_NAME_POS = frozenset({"ADJF", "ADJS", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB",
                           "NPRO", "PRCL", "CONJ", "PREP", "PRED", "COMP"})


@lru_cache(maxsize=50_000)
def _common_word(word: str) -> bool:
    """Whether a capitalised one-word 'person' is a dictionary word that is no name: a
    sentence-initial verb, adverb or adjective the model tagged ("Надеюсь", "Серый")."""
    parses = _parse(word)
    best = parses[0]
    return (best.is_known and best.tag.POS in _NOT_NAME_POS
            and not any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr")))


def _fix_person(text: str, span: Raw) -> Raw:
    """A person's span without the title the model took in at its start ("Папа
    Франциск" -> "Франциск", "34-летний ТиДжей" -> "ТиДжей")."""
    start, end, label = span
    if label != "PER":
        return span
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    while len(words) > 1 and _TITLE.fullmatch(text[words[0][0] : words[0][1]]):
        words.pop(0)
    return words[0][0], words[-1][1], label


_WORD = re.compile(r"\S+")
_INITIAL = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]?")
_INITIALS_ONLY = re.compile(r"(?:[А-ЯЁ]\.[ \xa0]?){1,2}")


def _grammemes(word: str) -> set[str]:
    """The name grammemes (Name, Surn, Patr) of any of pymorphy3's readings of ``word``."""
    return {g for p in _parse(word) for g in ("Name", "Surn", "Patr") if g in p.tag}


def _one_person(left: str, right: str) -> bool:
    """Whether two person spans side by side are one name the model cut in two: a first
    name (and patronymic) before a surname ("Радия" + "Хабирова"), or a surname before a
    first name and patronymic ("Суркова" + "Зоя Антоновна"). Two people often stand side
    by side too ("сын Баффета Говард"), so nothing else is joined."""
    lw, rw = left.split(), right.split()
    if not 1 <= len(lw) <= 2 or not 1 <= len(rw) <= 2:
        return False
    if len(lw) + len(rw) == 2:
        return "Name" in _grammemes(lw[0]) and "Name" not in _grammemes(rw[0])
    if len(lw) == 2 and len(rw) == 1:
        return "Patr" in _grammemes(lw[1]) and "Name" not in _grammemes(rw[0])
    if len(lw) == 1 and len(rw) == 2:
        return "Surn" in _grammemes(lw[0]) and "Patr" in _grammemes(rw[1])
    return False


def _join_persons(text: str, spans: list[Raw]) -> list[Raw]:
    """Join person spans the model split after an initial ("Д" + "." + "Медведев"), a
    surname and the initials after it ("Жириновский" + "В. В."), or one name cut at a
    space (see :func:`_one_person`)."""
    out: list[Raw] = []
    for span in spans:
        if out and out[-1][2] == "PER" and span[2] == "PER":
            left = text[out[-1][0] : out[-1][1]]
            right = text[span[0] : span[1]]
            gap = text[out[-1][1] : span[0]]
            initial = gap in (".", ". ", ".\xa0") and _INITIAL.fullmatch(left) is not None
            spaced = gap in (" ", "\xa0")
            if initial or (spaced and (_INITIALS_ONLY.fullmatch(right) is not None
                                       or _one_person(left, right))):
                out[-1] = (out[-1][0], span[1], "PER")
                continue
        out.append(span)
    return out


def _initial_dot(text: str, span: Raw) -> Raw:
    """Take in the dot after a closing initial ("Нуреддин Х."), not after a regnal
    number ("Харальд V.") nor before a closing bracket."""
    start, end, label = span
    if (label == "PER" and end < len(text) and text[end] == "." and end - start >= 3
            and text[end - 1].isupper() and not text[end - 2].isalnum()
            and text[end - 1] not in "IVXL" and text[end + 1 : end + 2] != ")"):
        return start, end + 1, label
    return span


#: One or two initials and a surname written without the first name: "Д.Медведев",
#: "В. В. Путин", "А.-Х. Кадыров" (the model often misses the form without spaces).
_INITIALLED = re.compile(
    r"(?<![\w.-])(?:[А-ЯЁ]\.(?:-[А-ЯЁ]\.)?[ \xa0]?){1,2}"
    r"(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![\w-])"
)


def _geographic(word: str) -> bool:
    """Whether pymorphy3's likeliest reading of ``word`` is a place name."""
    return "Geox" in _parse(word)[0].tag


def _add_initialled(text: str, spans: list[Raw]) -> list[Raw]:
    """Persons named by initials and surname: a new span where the model found nothing
    there, the initials taken in where it found only the surname ("Б." + "Обама")."""
    out = list(spans)
    for m in _INITIALLED.finditer(text):
        start, end = m.start(), m.end()
        surname = m.start("surname")
        if _geographic(m.group("surname")):  # "Н.Новгород"
            continue
        overlapping = [i for i, (s, e, _) in enumerate(out) if s < end and e > start]
        if not overlapping:
            out.append((start, end, "PER"))
            continue
        if len(overlapping) == 1:
            s, e, label = out[overlapping[0]]
            if label == "PER" and s == surname and e >= end:
                out[overlapping[0]] = (start, e, label)
    return sorted(out)


#: A capitalised Cyrillic word (hyphenated parts included: "Нью-Йорке", "Улан-Удэ"),
#: also before a year ("Сочи-2014").
_CAP_WORD = re.compile(
    r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?![\w]|-[А-ЯЁа-яё])"
)

#: Country names of two or three words, as lemmas: pymorphy3 marks single words only.
_COUNTRY_LEMMAS = frozenset({
    ("российский", "федерация"), ("советский", "союз"), ("соединить", "штат"),
    ("соединённый", "штат"), ("соединенный", "штат"), ("кыргызский", "республика"),
    ("киргизский", "республика"), ("республика", "таджикистан"),
    ("республика", "узбекистан"), ("республика", "казахстан"), ("республика", "беларусь"),
    ("республика", "молдова"), ("чешский", "республика"), ("южный", "корея"),
    ("северный", "корея"), ("соединённый", "королевство"), ("соединенный", "королевство"),
    ("объединённый", "арабский", "эмират"), ("объединенный", "арабский", "эмират"),
    ("новый", "зеландия"), ("саудовский", "аравия"), ("южный", "осетия"),
    ("латинский", "америка"), ("северный", "америка"), ("южный", "америка"),
    ("центральный", "азия"), ("средний", "азия"), ("ближний", "восток"),
    ("северный", "кавказ"), ("дальний", "восток"),
})

_NAME_RUN = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:[ \xa0][А-ЯЁа-яё][а-яё]+){1,2}(?![\w-])")


def _add_places(text: str, spans: list[Raw]) -> list[Raw]:
    """Place names the model passed over ("чемпион Европы", "в Сочи"): capitalised
    words outside every span whose likeliest reading in pymorphy3's dictionary is a
    geographical name. A word right after an opening quote is a title ("«Арктика»")."""
    out = list(spans)
    covered = bytearray(len(text) + 1)  # 1 where a span already lies
    for s, e, _ in spans:
        covered[s:e] = b"\x01" * (e - s)
    for m in _CAP_WORD.finditer(text):
        start, end = m.span()
        if start > 0 and text[start - 1] in "«„\"'“":
            continue
        if any(covered[start:end]):
            continue
        best = _parse(m.group())[0]
        if "Geox" in best.tag and best.tag.POS == "NOUN":
            out.append((start, end, "LOC"))
            covered[start:end] = b"\x01" * (end - start)
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        for n in (3, 2):
            if len(words) < n:
                continue
            lemmas = tuple(_parse(w)[0].normal_form for w in words[:n])
            if lemmas in _COUNTRY_LEMMAS:
                start = m.start()
                end = start + len(" ".join(words[:n]))
                if not any(covered[start:end]):
                    out.append((start, end, "LOC"))
                break
    return sorted(out)


#: A conjunction inside a person span joins two people ("Ғайрат Ҷӯраев ва Қодир
#: Раҳимов": the model reads Tajik "ва" as part of one name).
_AND = re.compile(r"[ \xa0]+(?:и|ва|или|ё)[ \xa0]+")


def _split_people(text: str, span: Raw) -> list[Raw]:
    """A person span cut at a conjunction between two full names (each of two words or
    more: "Бингу ва Мутарика" is one man)."""
    start, end, label = span
    if label != "PER":
        return [span]
    parts: list[Raw] = []
    pos = start
    for m in _AND.finditer(text, start, end):
        parts.append((pos, m.start(), label))
        pos = m.end()
    parts.append((pos, end, label))
    if len(parts) > 1 and all(len(text[s:e].split()) >= 2 for s, e, _ in parts):
        return parts
    return [span]


#: A gloss in brackets right after a name: the same name in Latin letters or as an
#: abbreviation, optionally both ("(Zimbabwe Election Support Network, ZESN)").
_GLOSS = re.compile(
    r"[ \xa0]?\((?P<name>[A-Z][\w'’&.-]*(?:[ \xa0][\w'’&.-]+){0,7}?)"
    r"(?:,[ \xa0](?P<abbr>[A-ZА-ЯЁ]{2,8}))?\)"
)


def _add_glosses(text: str, spans: list[Raw]) -> list[Raw]:
    """A bracketed Latin gloss after a name is that name again, with its label:
    "Международная амнистия (Amnesty International)", "Илона Маск (Ilona Mask)"."""
    out = list(spans)
    taken = [(s, e) for s, e, _ in spans]
    for _start, end, label in spans:
        m = _GLOSS.match(text, end)
        if m is None:
            continue
        for group in ("name", "abbr"):
            s, e = m.span(group)
            if s >= 0 and not any(a < e and b > s for a, b in taken):
                out.append((s, e, label))
                taken.append((s, e))
    return sorted(out)


def refine(text: str, spans: list[Raw]) -> list[Entity]:
    """Entities from the model's spans, with the boundary and label fixes applied."""
    out: list[Raw] = []
    for span in (part for raw in spans for part in _split_people(text, raw)):
        for part in split_hard(text, span):
            fixed = trim(text, part)
            if fixed is None:
                continue
            relabelled = _relabel(text, fixed)
            if (relabelled is not None and relabelled[2] == "PER"
                    and _CAP_WORD.fullmatch(text, relabelled[0], relabelled[1])
                    and _common_word(text[relabelled[0] : relabelled[1]])):
                continue
            if relabelled is not None:
                out.append(_initial_dot(text, _fix_person(text, relabelled)))
    out = _add_initialled(text, _join_persons(text, dedupe(out)))
    out = _add_glosses(text, out)
    out = _merge_genitive(text, _add_places(text, out))
    return [Entity(label, text[s:e], s, e) for s, e, label in out]


def recognise(text: str) -> list[Entity]:
    """PER/ORG/LOC entities of a Russian text, with offsets into ``text``."""
    return refine(text, raw_spans(text))
