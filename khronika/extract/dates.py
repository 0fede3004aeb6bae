"""Stage ``dates``: every date stated in the text, absolute or relative, resolved to days.

Rules, English and Russian (Tajik month names too), tried in order of specificity; an
earlier rule's span wins over a later one's:

- absolute: "21 March 2020", "March 21st, 2020", "24th of February", "24 марта 2024 года",
  "21-03-2020", "2020-03-21", "(20/06)"; month "March 2020", "в марте 2024 года"; year
  "in 2019", "в 2019 году";
- ranges: "between 21 and 23 March", "21-23 March", "March 21-23", "с 24 по 30 марта";
- "в ночь на 24 марта" is the night from the 23rd to the 24th: start 23, end 24 (the
  Russian phrase names the morning's date; "в ночь с 23 на 24 марта" is the same);
- relative to ``doc.published`` (``relative=True``): "yesterday", "вчера", "позавчера",
  "on Sunday" (the latest such day on or before the published day), "last week" /
  "на прошлой неделе" (Monday to Sunday, precision week), "last month", "over the past
  week" / "за последние 3 дня" (published minus N days up to published), "3 days ago";
- relative to the previous date mention in the text: "two days later", "the next day",
  "N days after the attack", "на следующий день", "спустя два дня", "накануне".

A day and month without a year take the nearest year stated earlier in the text, else the
published year (the year before when that would put the day after publication), else any
year written in the text; with none of these, the mention is dropped. A range's precision
follows its length: one day "day", up to a week "week", up to 31 days "month", longer
"year". Everything is regular
expressions compiled once; dateparser is not needed for these forms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from khronika.extract.numbers import words_to_int
from khronika.extract.prefilter import GateSet, gate_for, probe_of, uncased
from khronika.model import DateMention, Document

_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
_RU_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр"]


_EN_INDEX = {name: i + 1 for i, name in enumerate(_EN_MONTHS)}
_EN_INDEX.update({name[:3]: i + 1 for i, name in enumerate(_EN_MONTHS)})
_EN_INDEX["sept"] = 9


def _month_number(word: str) -> int | None:
    """1-12 for an English, Russian or Tajik month name or abbreviation."""
    w = word.lower().rstrip(".")
    if w in _EN_INDEX:
        return _EN_INDEX[w]
    if w in ("май", "мая", "мае", "майи"):
        return 5
    for i, stem in enumerate(_RU_STEMS):
        if i != 4 and w.startswith(stem) and len(w) - len(stem) <= 2:
            return i + 1
    return None


_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
    r"|(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|и)?"
    r"|март(?:а|е|и)?|август(?:а|е|и)?|ма[йяе]|майи"
)
_ORD = r"(?:st|nd|rd|th|-?го|-?е)?"
_YEAR_TAIL = r"(?:,?\s+(?P<y>\d{4})(?:\s*(?:года|году|г\.|гг\.|soli|соли))?)?"
_D = r"(?P<d>[0-3]?\d)"

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
    # Tajik; "душанбе" (Monday) is also the capital, so it counts only after "рӯзи" etc.
    "душанбе": 0, "сешанбе": 1, "чоршанбе": 2, "панҷшанбе": 3, "ҷумъа": 4, "шанбе": 5,
    "якшанбе": 6,
}
_WD_EN = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD_RU = r"понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
_NUMBER = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
           r"|fourteen|fifteen|twenty|thirty|один|одну|два|две|три|четыре|пять|шесть|семь"
           r"|восемь|девять|десять|двух|трех|трёх|четырех|пяти|десяти)")
_UNIT = (r"(?P<unit>days?|weeks?|months?|years?|дн(?:я|ей|ь)|сут(?:ки|ок)|недел(?:и|ю|ь|ь)"
         r"|месяц(?:а|ев)?|год(?:а)?|лет)")

#: (kind, pattern), most specific first.
_RULES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    # "overnight into Wednesday", "the night of Saturday to Sunday": the evening's day
    ("night_wd", rf"\b(?:overnight|(?:on\s+)?the\s+night)\s+(?:into|to|before)\s+"
                 rf"(?P<wd>{_WD_EN})\b|\bв\s+ночь\s+(?:на|с\s+\w+\s+на)\s+(?P<wd2>{_WD_RU}|"
                 r"понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b"),
    # "over Saturday and Sunday", "за субботу и воскресенье": the span from the first day
    ("wd_range", r"\b(?:overnight\s+|(?:on\s+)?the\s+night\s+)?(?:over|on|from|of|за|в|во|с)\s+"
                 rf"(?P<wd>{_WD_EN}|{_WD_RU})\s+(?:and|и|to|-|–)\s+"
                 rf"(?P<wd_end>{_WD_EN}|{_WD_RU})\b"),
    ("numeric", r"(?<![\d./-])(?P<d>[0-3]?\d)[./-](?P<m>[01]?\d)[./-](?P<y>\d{4}|\d{2})"
                r"(?![\d./-])"),
    ("night", r"\bв\s+ночь\s+(?:с\s+(?P<d0>[0-3]?\d)\s+)?на\s+(?P<d>[0-3]?\d)\s+"
              rf"(?P<mon>{_MONTH}){_YEAR_TAIL}"),
    ("range_dm", r"\b(?:between\s+|from\s+|с\s+|со\s+|аз\s+)?(?P<d0>[0-3]?\d)" + _ORD
                 + r"\s*(?:-|–|—|to|and|until|till|through|по|до|то)\s*" + _D + _ORD
                 + rf"\s+(?:of\s+)?(?P<mon>{_MONTH}){_YEAR_TAIL}"),
    ("range_dmdm", r"\b(?:between\s+|from\s+|с\s+)?(?P<d0>[0-3]?\d)" + _ORD
                   + rf"\s+(?:of\s+)?(?P<mon0>{_MONTH})\s*(?:-|–|—|to|and|until|по|до)\s*"
                   + _D + _ORD + rf"\s+(?:of\s+)?(?P<mon>{_MONTH}){_YEAR_TAIL}"),
    ("range_md", rf"\b(?P<mon>{_MONTH})\s+(?P<d0>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*"
                 + _D + r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?"),
    ("dm", _D + _ORD + rf"\s+(?:of\s+)?(?P<mon>{_MONTH})(?![\w]){_YEAR_TAIL}"),
    ("md", rf"\b(?P<mon>{_MONTH})\s+" + _D + r"(?:st|nd|rd|th)?(?![\d\w])(?!\s*,?\s*\d{3}\b)"
           r"(?:,?\s+(?P<y>\d{4}))?"),
    ("dm_short", r"(?<![\d./-])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?![\d/])"),
    ("my", rf"\b(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<y>\d{{4}})(?:\s*(?:года|году|г\.))?"),
    ("year", r"\b(?:in|since|during|в|во|с)\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:году|г\.|года))?"
             r"(?![\d-])"),
    ("past", r"\b(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+"
             rf"(?:(?P<n>{_NUMBER})\s+)?{_UNIT}"
             rf"|\bза\s+(?:последн\w+|прошедш\w+|минувш\w+)\s+(?:(?P<n2>{_NUMBER})\s+)?"
             r"(?P<unit2>дн(?:я|ей|ь)|сут(?:ки|ок)|недел\w+|месяц\w*)"),
    ("ago", rf"\b(?P<n>{_NUMBER})\s+{_UNIT}\s+(?:ago|назад)"),
    ("after", rf"\b(?P<n>{_NUMBER})\s+{_UNIT}\s+(?P<dir>later|after|afterwards|earlier|before"
              r"|prior|спустя)"
              rf"|\b(?:спустя|через)\s+(?:(?P<n2>{_NUMBER})\s+)?(?P<unit2>дн(?:я|ей|ь)|сут(?:ки|ок)"
              r"|недел\w+|месяц\w*)"),
    ("next_day", r"\b(?:the\s+(?:next|following)\s+(?:day|morning|evening|night)"
                 r"|(?:a|one)\s+day\s+later|на\s+следующий\s+день|на\s+другой\s+день"
                 r"|наутро|на\s+следующее\s+утро)\b"),
    ("prev_day", r"\b(?:the\s+(?:previous|preceding)\s+day|the\s+day\s+before|накануне)\b"),
    ("yesterday", r"\b(?:the\s+day\s+before\s+yesterday|позавчера|yesterday|вчера|last\s+night"
                  r"|today|tonight|this\s+(?:morning|afternoon|evening)|сегодня|дирӯз"
                  r"|имрӯз|(?:со\s+)?вчерашн\w+\s+(?:дня|вечера|утра|ночи)|шаби\s+гузашта"
                  r"|прямо\s+сейчас|сейчас|right\s+now|ҳозир|ҳоло)\b"),
    # a bare "overnight" / "ночью": the night before the report
    ("overnight", r"\b(?:overnight|ночью|этой\s+ночью|минувшей\s+ночью|прошлой\s+ночью)\b"),
    ("week", r"\b(?:last|this|past|previous)\s+week\b|\bна\s+(?:прошлой|этой|минувшей|текущей)"
             r"\s+неделе\b|\bҳафтаи\s+гузашта\b"),
    # "за неделю" in a running tally: the seven days up to and including the report's day
    ("this_week", r"\bза\s+(?:эту\s+)?неделю\b"),
    ("month", r"\b(?:last|this|past|previous)\s+month\b|\bв\s+(?:прошлом|этом|минувшем|текущем)"
              r"\s+месяце\b"),
    ("weekday", r"\b(?:(?:on|last|this\s+past|past|this)\s+)?(?P<wd>monday|tuesday|wednesday"
                r"|thursday|friday|saturday|sunday)\b|\bв(?:о)?\s+(?:(?:минувш|прошл|эт)\w+\s+)?"
                r"(?P<wd2>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b"
                r"|\b(?:рӯзи|шоми|субҳи|шаби|бегоҳи)\s+(?P<wd3>душанбе|сешанбе|чоршанбе|панҷшанбе"
                r"|ҷумъа|шанбе|якшанбе)\b|(?<!\w)(?P<wd4>сешанбе|чоршанбе|панҷшанбе|якшанбе)\b"),
]
_RX = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _RULES]


@lru_cache(maxsize=1)
def _gated_rules() -> GateSet[tuple[str, re.Pattern[str]]]:
    """The rules with their gates (built on first use: reading the patterns takes time)."""
    return GateSet([((kind, rx), gate_for(rx)) for kind, rx in _RX])
_ABSOLUTE = {"iso", "numeric", "night", "range_dm", "range_dmdm", "range_md", "dm", "md",
             "dm_short", "my", "year"}


_ANY_YEAR = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-4]\d)(?![\d.,]\d)")


@dataclass(slots=True)
class _Raw:
    kind: str
    m: re.Match[str]

    @property
    def start(self) -> int:
        return self.m.start()

    @property
    def end(self) -> int:
        return self.m.end()


def _precision(start: dt.date, end: dt.date) -> str:
    days = (end - start).days
    return "day" if days <= 0 else "week" if days <= 7 else "month" if days <= 31 else "year"


def _count(word: str | None) -> int:
    if not word:
        return 1
    if word.lower() in ("a", "an"):
        return 1
    return words_to_int(word) or 1


def _unit_days(unit: str) -> int:
    u = unit.lower()
    if u.startswith(("week", "недел")):
        return 7
    if u.startswith(("month", "месяц")):
        return 30
    if u.startswith(("year", "год", "лет")):
        return 365
    return 1


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if n < 100 else n


class _Resolver:
    """Turns raw matches, in text order, into calendar dates."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.pub = doc.published
        self.last_year: int | None = None
        self.prev: DateMention | None = None
        self.future = False  # resolving a deadline: a day-month without a year lies ahead
        self.deadlines: list[DateMention] = []
        # Last resort for a day without a year when nothing was published: a year written
        # anywhere in the text ("... the Land Ordinance-2015"), since a report names its own.
        found = _ANY_YEAR.search(doc.text) if doc.published is None else None
        self.text_year = int(found[0]) if found else None

    def _infer_year(self, month: int, day: int, first: tuple[int, int] | None = None
                    ) -> int | None:
        """The year of a day written without one; ``first`` is a range's first (month, day),
        which decides for the range ("с 24 по 30 марта" published on the 27th)."""
        if self.last_year is not None:
            return self.last_year
        if self.pub is None:
            return self.text_year
        year = self.pub.year
        if self.future:
            return year
        month, day = first or (month, day)
        try:
            if dt.date(year, month, day) > self.pub + dt.timedelta(days=1):
                year -= 1
        except ValueError:
            return None
        return year

    def _day(self, y: str | None, month: int | None, d: str,
             first: tuple[int, int] | None = None) -> tuple[dt.date, bool] | None:
        if month is None:
            return None
        day = int(d)
        year = _year(y) if y else self._infer_year(month, day, first)
        if year is None:
            return None
        try:
            return dt.date(year, month, day), not y
        except ValueError:
            return None

    def resolve(self, r: _Raw) -> tuple[dt.date, dt.date, str, bool] | None:
        """(start, end, precision, relative) or None when it cannot be placed in time."""
        g = r.m.groupdict()
        k = r.kind
        if k in ("iso", "numeric", "dm_short"):
            got = self._day(g.get("y"), int(g["m"]) if 1 <= int(g["m"]) <= 12 else None, g["d"])
            return None if got is None else (got[0], got[0], "day", got[1])
        if k == "dm" or k == "md":
            got = self._day(g.get("y"), _month_number(g["mon"]), g["d"])
            if k == "md" and g["mon"] in ("may", "march", "mar"):
                return None  # "may 5 people", "march 3 km": verbs, not months
            return None if got is None else (got[0], got[0], "day", got[1])
        if k in ("night", "range_dm", "range_md", "range_dmdm"):
            return self._range(g, k)
        if k == "my":
            month = _month_number(g["mon"])
            if month is None:
                return None
            start = dt.date(int(g["y"]), month, 1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return start, end, "month", False
        if k == "year":
            y = int(g["y"])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False
        if k in ("next_day", "prev_day", "after"):
            return self._from_previous(r)
        return self._from_published(r)

    def _range(self, g: dict[str, str | None], k: str) -> tuple[dt.date, dt.date, str, bool] | None:
        mon = _month_number(g["mon"] or "")
        mon0 = _month_number(g["mon0"] or "") if g.get("mon0") else mon
        first = (mon0, int(g["d0"] or 0)) if g.get("d0") and mon0 else None
        end = self._day(g.get("y"), mon, g["d"] or "", first)
        if end is None:
            return None
        if g.get("d0") is None:  # "в ночь на 24 марта" without "с 23"
            start = end[0] - dt.timedelta(days=1)
        else:
            if mon0 is None:
                return None
            try:
                start = end[0].replace(month=mon0, day=int(g["d0"] or 0))
            except ValueError:
                return None
            if start > end[0]:
                start = start.replace(year=start.year - 1)
        if k == "night":
            return start, end[0], "day", end[1]
        return start, end[0], _precision(start, end[0]), end[1]

    def _from_previous(self, r: _Raw) -> tuple[dt.date, dt.date, str, bool] | None:
        g = r.m.groupdict()
        base = self.prev.start_date if self.prev else None
        relative = False
        if base is None:
            if self.pub is None or r.kind != "prev_day":
                return None
            base, relative = self.pub, True  # "накануне" with nothing before: eve of publication
        if r.kind == "next_day":
            day = base + dt.timedelta(days=1)
        elif r.kind == "prev_day":
            day = base - dt.timedelta(days=1)
        else:
            n = _count(g.get("n") or g.get("n2")) \
                * _unit_days(g.get("unit") or g.get("unit2") or "")
            back = (g.get("dir") or "").lower() in ("earlier", "before", "prior")
            day = base - dt.timedelta(days=n) if back else base + dt.timedelta(days=n)
        return day, day, "day", relative

    def _from_published(self, r: _Raw) -> tuple[dt.date, dt.date, str, bool] | None:
        pub = self.pub
        if pub is None:
            return None
        g = r.m.groupdict()
        low = r.m[0].lower()
        if r.kind == "yesterday":
            back = 2 if ("before" in low or "позавчера" in low) else \
                1 if ("yesterday" in low or "вчера" in low or "last night" in low
                      or "дирӯз" in low or "гузашта" in low) else 0
            day = pub - dt.timedelta(days=back)
            return day, day, "day", True
        if r.kind in ("weekday", "night_wd", "wd_range"):
            name = g.get("wd") or g.get("wd2") or g.get("wd3") or g.get("wd4") or ""
            wd = _WEEKDAYS[name.lower()]
            day = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
            if r.kind == "night_wd":
                day -= dt.timedelta(days=1)  # the night into Sunday began on Saturday
                return day, day, "day", True
            if r.kind == "wd_range":
                last_wd = _WEEKDAYS[(g.get("wd_end") or "").lower()]
                end = pub - dt.timedelta(days=(pub.weekday() - last_wd) % 7)
                if end < day:
                    day -= dt.timedelta(days=7)
                return day, end, _precision(day, end), True
            return day, day, "day", True
        if r.kind == "overnight":
            day = pub - dt.timedelta(days=1)
            return day, day, "day", True
        if r.kind == "this_week":
            start = pub - dt.timedelta(days=6)
            return start, pub, "week", True
        if r.kind == "week":
            monday = pub - dt.timedelta(days=pub.weekday())
            if not re.search(r"this|этой|текущей", low):
                monday -= dt.timedelta(days=7)
            return monday, monday + dt.timedelta(days=6), "week", True
        if r.kind == "month":
            first = pub.replace(day=1)
            if not re.search(r"this|этом|текущем", low):
                first = (first - dt.timedelta(days=1)).replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return first, last, "month", True
        n = _count(g.get("n") or g.get("n2")) * _unit_days(g.get("unit") or g.get("unit2") or "")
        if r.kind == "past":
            start = pub - dt.timedelta(days=n)
            return start, pub, _precision(start, pub), True
        if r.kind == "ago":
            day = pub - dt.timedelta(days=n)
            return day, day, "day" if n < 7 else "week" if n < 28 else "month", True
        return None


@lru_cache(maxsize=1)
def _twins() -> dict[int, re.Pattern[str]]:
    """Each rule's pattern without IGNORECASE, for lower-cased text, by the rule's
    pattern's ``id`` (a pattern's hash reads its whole compiled program, microseconds for
    a rule with every month's name; the rules live as long as the module). Every letter in
    the patterns is lower case, so over lower-cased text a twin matches where and as its
    rule does (see :func:`~khronika.extract.prefilter.uncased`), several times faster: the
    engine skips a case-sensitive alternative (a month name) on its first letter."""
    return {id(rx): uncased(rx) for _, rx in _RX}


# Where a rule's match can begin, for the rules that begin at a digit, a month's name or
# a word before a day ("between", "с"): every start of the rule's matches over the
# lower-cased text is the start of a match of its lead (single digits; month names,
# which are letters only after a boundary, so no two overlap). Trying the rule at those
# few places finds what a scan of every position finds, in a fraction of the time.
_DIGIT_LEAD = r"\d"
_MONTH_LEAD = rf"\b(?:{_MONTH})"
_DAY_LEAD = r"\d|\b(?:between|from|со|с|аз)\s"
_LEAD_OF = {"iso": _DIGIT_LEAD, "numeric": _DIGIT_LEAD, "dm": _DIGIT_LEAD,
            "dm_short": _DIGIT_LEAD, "range_dm": _DAY_LEAD, "range_dmdm": _DAY_LEAD,
            "md": _MONTH_LEAD, "my": _MONTH_LEAD, "range_md": _MONTH_LEAD}
_LEADS = {lead: re.compile(lead) for lead in set(_LEAD_OF.values())}


def _led(twin: re.Pattern[str], low: str, starts: list[int]) -> Iterable[re.Match[str]] | None:
    """``twin.finditer(low)`` when every match of the twin starts at one of ``starts``
    (ascending): the twin tried there, each search going on where the last match ended,
    as finditer does. None if a match is empty (finditer would step on by one)."""
    out = []
    pos = 0
    for at in starts:
        if at < pos:
            continue
        m = twin.match(low, at)
        if m is not None:
            if m.end() == at:
                return None
            out.append(m)
            pos = m.end()
    return out


def _matches(rx: re.Pattern[str], text: str, low: str | None,
             starts: list[int] | None = None) -> Iterable[re.Match[str]]:
    """``rx.finditer(text)``; with ``low`` (``text`` lower-cased, every character in
    place), the twin finds where the matches are (only at ``starts`` when given, the
    rule's lead positions) and ``rx`` reads each one there, so the groups are as written
    ("May" is a month, "may" may be a verb)."""
    if low is None:
        return rx.finditer(text)
    twin = _twins()[id(rx)]
    found = _led(twin, low, starts) if starts is not None else None
    out = []
    for t in twin.finditer(low) if found is None else found:
        m = rx.match(text, t.start())
        if m is None or m.end() != t.end():  # not expected: the rule's own reading decides
            return rx.finditer(text)
        out.append(m)
    return out


def _collect(text: str) -> list[_Raw]:
    """Non-overlapping matches, earlier rules first, in text order."""
    taken: list[tuple[int, int]] = []
    raws: list[_Raw] = []
    probe = probe_of(text)
    # no twins where lower-casing moved characters or the engine's case rules differ
    low = probe.lowered
    leads: dict[str, list[int]] = {}
    # only the rules whose needed words are in the text: the others cannot match
    for kind, rx in _gated_rules().admitted(probe):
        lead = _LEAD_OF.get(kind) if low is not None else None
        starts = None
        if lead is not None and low is not None:
            starts = leads.get(lead)
            if starts is None:
                starts = leads[lead] = [m.start() for m in _LEADS[lead].finditer(low)]
        for m in _matches(rx, text, low, starts):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            raws.append(_Raw(kind, m))
    raws.sort(key=lambda r: r.start)
    return raws


def _beside_absolute(r: _Raw, raws: list[_Raw], text: str) -> bool:
    """A weekday written next to a full date ("Monday, 5 January", "on Thursday [17
    September]") adds nothing: the date says the day."""
    for o in raws:
        if o.kind not in _ABSOLUTE:
            continue
        gap = text[r.end:o.start] if o.start >= r.end else text[o.end:r.start]
        if len(gap) <= 4 and re.fullmatch(r"[\s,\[(]*", gap):
            return True
    return False


# "until 22 May", "till", "до 22 мая", "по 1 апреля включительно": a date by which something
# is to happen (a detention term, a deadline to leave), never when the event took place.
_DEADLINE_CUE = re.compile(
    r"(?:\buntil|\btill|\bby|\bdeadline of|\bdue on|\bдо|\bпо|\bне позднее|\bсрок(?:ом)? до"
    r"|(?<!\w)то)\s*$", re.IGNORECASE)
# "с 1 июня", "аз 1 май", "from 1 June": when a rule takes effect. A future one is no
# event date (the decree was adopted earlier); a past one is kept.
_EFFECTIVE_CUE = re.compile(r"(?:\bс|\bсо|(?<!\w)аз|\bfrom|\bstarting|\beffective|\bas of)\s*$",
                            re.IGNORECASE)
# Kinds resolved against the published day that another date in the same sentence makes
# redundant ("On 21 March, overnight, ...", "after Friday's raid ... overnight").
_SOFT = frozenset({"overnight"})


_REPORTED = re.compile(r"(?:\bsaid|\btold|\breported|\bannounced|\bсообщил\w*|\bзаявил\w*)"
                       r"\s+(?:on\s+)?$", re.IGNORECASE)


def _reported_on(text: str, r: _Raw) -> bool:
    """Whether a mention dates the report ("police said on Tuesday"), not the event."""
    return bool(_REPORTED.search(text[max(0, r.start - 20):r.start]))


def _anchor_after(r: _Raw, raws: list[_Raw], text: str) -> _Raw | None:
    """For "two days after the attack on 22 March" / "спустя два дня после теракта 22
    марта": the absolute date just after the phrase, which the days count from."""
    for o in raws:
        if o.kind in ("dm", "md", "iso", "numeric") and r.end <= o.start <= r.end + 60 \
                and not re.search(r"[.;!?]", text[r.end:o.start]):
            return o
    return None


def _is_deadline(text: str, start: int) -> bool:
    return bool(_DEADLINE_CUE.search(text[max(0, start - 24):start]))


def find_dates(doc: Document) -> tuple[list[DateMention], list[DateMention]]:
    """Every date mention in ``doc`` that can be placed on the calendar, in text order:
    (dates of what happened, deadlines such as "until 22 May")."""
    text = doc.text
    raws = _collect(text)
    res = _Resolver(doc)
    out: list[DateMention] = []
    anchors: set[int] = set()
    for r in raws:
        if r.start in anchors or (r.kind == "weekday" and _beside_absolute(r, raws, text)):
            continue
        if r.kind in _SOFT and any(o is not r and doc.sentence_of(o.start)
                                   == doc.sentence_of(r.start) and not _reported_on(text, o)
                                   for o in raws):
            continue
        deadline = r.kind in _ABSOLUTE and _is_deadline(text, r.start)
        effective = r.kind in _ABSOLUTE and bool(
            _EFFECTIVE_CUE.search(text[max(0, r.start - 12):r.start]))
        res.future = deadline or effective
        anchor = _anchor_after(r, raws, text) if r.kind == "after" else None
        if anchor is not None:
            # the date the days count from is the earlier event's, not this one's
            anchors.add(anchor.start)
        base = res.resolve(anchor) if anchor is not None else None
        saved = res.prev
        if anchor is not None and base is not None:
            res.prev = DateMention(base[0], base[1], base[2], anchor.m[0], anchor.start,
                                   anchor.end, doc.sentence_of(anchor.start), base[3])
        got = res.resolve(r)
        res.prev = saved if anchor is not None else res.prev
        res.future = False
        if got is None:
            continue
        start, end, precision, relative = got
        if effective and not deadline:
            deadline = res.pub is not None and start > res.pub
        mention = DateMention(start, end, precision, r.m[0], r.start, r.end,
                              doc.sentence_of(r.start), relative)
        if deadline:
            res.deadlines.append(mention)
            continue
        out.append(mention)
        if r.m.groupdict().get("y"):
            res.last_year = end.year
        if precision == "day" or r.kind in _ABSOLUTE:
            res.prev = mention
    return out, res.deadlines


class DateStage:
    """Assigns ``doc.dates``: every date mention, resolved, in text order."""

    name = "dates"
    requires: tuple[str, ...] = ("text", "sentences")
    assigns: tuple[str, ...] = ("dates", "deadlines")

    def __call__(self, doc: Document) -> None:
        doc.dates, doc.deadlines = find_dates(doc)
