"""Word lists for telling place names from the capitalised words around them.

General English and Russian vocabulary only (months, titles, frequent sentence-initial
words, administrative type words); nothing here is drawn from any evaluation corpus.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())

#: Lower-case words that follow a name and say what kind of place it is.
FEATURE_WORDS: dict[str, str] = {
    "province": "admin1", "state": "admin1", "region": "admin1", "oblast": "admin1",
    "governorate": "admin1", "division": "admin1", "krai": "admin1", "prefecture": "admin1",
    "department": "admin1", "republic": "admin1",
    "district": "admin2", "county": "admin2", "parish": "admin2", "upazila": "admin2",
    "tehsil": "admin2", "raion": "admin2", "rayon": "admin2", "borough": "admin2",
    "municipality": "admin2", "township": "admin2", "subdistrict": "admin2",
    # South Asian subdivisions ("Puttur taluk", "Paba thana", "Khyber Agency")
    "taluk": "admin2", "taluka": "admin2", "thana": "admin2", "mandal": "admin2",
    "agency": "admin2",
    "city": "city", "town": "city", "village": "city", "area": "city", "township's": "city",
    "neighbourhood": "city", "neighborhood": "city", "suburb": "city", "locality": "city",
    "camp": "city",
}

#: Russian type words (stems, as :func:`khronika.geo.names.ru_stem_word` leaves them).
RU_FEATURE_STEMS: dict[str, str] = {
    "област": "admin1", "кра": "admin1", "республик": "admin1", "округ": "admin2",
    "район": "admin2", "город": "city", "посёлк": "city", "поселк": "city", "сел": "city",
    "деревн": "city", "станиц": "city",
}

#: Words joining the parts of one name ("Bosnia and Herzegovina", "Rostov-on-Don").
CONNECTORS = frozenset({
    "of", "de", "del", "la", "le", "el", "al", "upon", "on", "du", "des", "da", "do", "dos",
    "y", "and", "the", "di", "van", "von", "an", "e", "i",
})

#: Direction and size words that may precede a name in the same capitalised run.
MODIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "greater", "new", "old", "northeast", "northwest",
    "southeast", "southwest", "downtown", "metro", "suburban", "rural", "metropolitan",
})

#: Capitalised words before a person's name.
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
    "judge", "officer", "sgt", "sergeant", "lt", "lieutenant", "capt", "captain", "chief",
    "deputy", "sheriff", "coach", "rev", "reverend", "prof", "professor", "mayor", "minister",
    "general", "gen", "col", "colonel", "maj", "major", "pastor", "father", "sister",
    "brother", "king", "queen", "prince", "princess", "saint", "pope", "commissioner",
    "councilman", "councilwoman", "trooper", "detective", "attorney", "secretary", "director",
    "superintendent", "principal", "representative", "speaker", "justice", "dean",
    "господин", "госпожа", "президент", "министр", "губернатор", "мэр", "глава",
})

#: Common given names (English-language news, and Russian ones in Latin letters): first in
#: a run of capitalised words ("Mary Wheeler", "David Mills") they begin a person's name,
#: even where a town carries the same name (Mary, Turkmenistan; David, Panama).
GIVEN_NAMES = _words("""
aaron adam alan albert alex alexander alice amanda amy andrew angela ann anna anne
anthony arthur barbara barry ben benjamin betty bill billy bob bobby brad brenda brian
bruce carl carol caroline catherine charles charlie chris christine christopher craig
daniel david dennis diane donald donna doris dorothy douglas edward elizabeth ellen emily
emma eric eugene evelyn frank fred gary george gerald gloria gordon grace greg gregory
harold harry heather helen henry howard jack james jane janet jason jean jeff jeffrey
jennifer jeremy jerry jessica jim jimmy joan joe john johnny jonathan joseph joshua joyce
juan judith judy julia julie justin karen kate katherine kathleen keith kelly kenneth
kevin kimberly larry laura lawrence lee linda lisa louis lucy margaret maria marie mark
martha martin mary matthew melissa michael michelle mike nancy nathan nicholas nicole
pamela patricia patrick paul peter philip phillip rachel ralph randy raymond rebecca
richard rick robert roger ronald rose russell ruth ryan sam samuel sandra sara sarah
scott sean sharon shirley stephanie stephen steve steven susan teresa terry thomas tim
timothy todd tom tony vincent walter wayne william
aleksandr alexei andrei dmitry igor ivan mikhail nikolai oleg sergei vladimir yuri
olga tatiana natalia irina svetlana yelena
""")

#: Lower-case words that stand right before a person's name in reports ("his sons Usman
#: and Bilal", "commander Usman alias Abu Zar"), and those right after one.
PERSON_BEFORE = frozenset({
    "son", "sons", "daughter", "daughters", "brother", "brothers", "sister", "sisters",
    "nephew", "niece", "cousin", "wife", "husband", "widow", "commander", "commanders",
    "cleric", "named", "alias", "aka",
})
PERSON_AFTER = frozenset({"alias", "aka"})

#: Words after a name that make it a person ("X said").
PERSON_VERBS = frozenset({
    "said", "says", "told", "added", "explained", "noted", "asked", "wrote", "stated",
    "argued", "claimed", "recalled", "replied", "announced", "sa", "sayed",
    "сказал", "сказала", "заявил", "заявила", "отметил", "отметила", "сообщил", "сообщила",
})

#: Lower-case words that a town's name qualifies in news ("Chapin man dies", "Stamford
#: Mayor Dan Malloy", "Torrington firefighters"): a name right before one is a place.
PLACE_QUALIFIED = _words("""
man woman men women couple teen teenager teens boy girl student students residents
resident firefighters officers officials mayor manager selectman selectmen alderman
councillor councilor supervisor administrator clerk treasurer inn superior crown
elementary middle high
""")

#: Capitalised words that are common English words far more often than place names.
COMMON = _words("""
a about above across after again against all almost along also although always am among an
and another any are around as at away back be because been before being below best better
between both but by can city could county day days did do does down during each early east
either end even ever every few first for from further general get given go good great had
has have he her here hers him his home how however i if in including into is it its just
last late later least less like little long made main make many may me might more most much
must my near never new next no none nor north not now of off often on once one only or other
our out over own part people per perhaps police president rather right said same second see
several she should since so some south still such than that the their them then there these
they this those though three through thus to today together too two under until up upon us
very was we well were west what when where whether which while who whom whose why will with
within without would yet you your
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter
jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
colony bazar bazaar sadar rifles rifle golden sector section mills mill gold silver junction
crossing gate campus ward block phase
mobile reading independence liberty union justice hope faith grace victory unity progress
federal national state government army navy court church school university college hospital
airport station street road avenue highway bridge river lake park center centre hall house
office department ministry council committee party police forces force troops militants
protesters residents officials authorities sources media news report reports press times post
herald tribune journal daily weekly radio television tv online internet web god lord allah
islam islamic muslim muslims christian christians hindu hindus buddhist jewish sunni shia
taliban maoist maoists communist democrats republicans republican democratic liberal labour
parliament assembly senate congress election elections supreme high district provincial
western eastern northern southern central middle upper lower greater
man woman men women boy girl child children family friend friends member members
police station market village town
capital valley forest reserve commerce
""")

#: Month and weekday names, which may stand in a capitalised run before a place name
#: ("On Monday Russia said").
CALENDAR = _words("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""")

#: Russian sentence-initial or capitalised words that are not place names.
RU_COMMON = _words("""
в во на по из за от до для при о об у с со к ко и а но или что как это этот эта эти тот та
те там тут где когда кто он она они мы вы я его ее их все всё уже ещё еще также так же
не ни бы ли вот да нет после перед между через около под над без со среди
""")

#: Capitalised words that make a name before them a modifier of an institution or a
#: feature ("Rapides Parish Fire District", "Kabul University"), not part of a person.
INSTITUTIONS = _words("""
fire sheriff sheriffs emergency health memorial regional community public library museum
stadium center centre county township area metro city water zoo mall courthouse jail prison
hotel church cathedral mosque temple bank airport university college school schools
hospital police department council court board commission office city's county's state's
international national times post news herald tribune journal press chronicle gazette
daily star observer province district region valley river lake bay beach island islands
harbor harbour port road street avenue highway bridge square park parks forest mountains
mountain hills hill falls springs creek canyon basin border government ministry army
military forces force authority authorities officials residents people market fair
""")
