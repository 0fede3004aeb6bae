"""Stage ``counts``: how many people were killed, injured, detained, deported or took part.

The stage anchors on *triggers* (a word that names what happened to people: "killed",
"wounded", "задержаны", "выдворены", "protested") and attaches to each the quantity
(:mod:`khronika.extract.numbers`) that grammar links to it, within one sentence:

- **right** of a verb used actively or of a Russian/Tajik verb (free word order):
  "killing three civilians", "police detained 30 migrants", "погибли 137 человек";
- else **left**, the nearest quantity before it in the same clause: "12 Taliban militants
  were killed", "более 400 иностранцев выдворены", "left 4 dead";
- else, for a singular passive ("a civilian was killed", "He died") or an active verb
  with "a/an/one" object ("killing a policeman"), the count is 1.

A quantity is used at most once (no double counting), and quantities that only qualify
another one are skipped: "including 2 commanders" (a subset), "(4 according to Taliban
sources)" (a parenthetical alternative), ages, years, money, distances, vehicles, units
("27 Mountain Rifles").

The dead are counted as ACLED codes an event's fatalities: every group killed in it
("A police captain and four smugglers were killed" = 5, "3 guards were killed along
with 11 attackers" = 14, "Погибли трое мирных жителей и полицейский" = 4), one for a
victim named without a figure ("killed the head of", "Trader killed in Kunduz",
"The body of a teacher was found", "убит мигрант"), and a figure before an active verb
with an object is its doers' ("3 masked men gunned down a lawyer" = 1).
:func:`total` adds an event's counts up without counting anyone twice.
ACLED crowd-size tags ("[crowd size=about 100]", "[size=no report]") give participants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from khronika.extract.numbers import Quantity, find_quantities, parse_quantity, twin_text
from khronika.extract.prefilter import gate_for, needles_in, uncased
from khronika.model import Count, Document

# Trigger modes: how the quantity is found relative to the trigger.
ACTIVE = "active"  # an English verb that may be active: right first, left only when near
PASSIVE = "passive"  # left only ("N people died", "N protesters")
RIGHT = "right"  # right only ("death toll rose to N", "a crowd of N")
BOTH = "both"  # right first, then left (Russian and Tajik word order)
NEAR = "near"  # left, adjacent only ("4 dead", "N bodies")
OBJECT = "object"  # the figure is inside the trigger ("shot two guards dead"), else one
SELF = "self"  # one person by nature ("blew himself up", "committed suicide")
INSIDE = "inside"  # the figure is inside the trigger, else nothing ("taking 70 people to")

_EN: list[tuple[str, str, str]] = [
    ("killed", RIGHT, r"(?:total\s+)?fatalit(?:y|ies)\s+(?:were\s+|was\s+|are\s+|is\s+)?"
                      r"(?:coded|recorded)\s+as|death\s+toll(?:\s+(?!and\b|but\b|called\b|said\b)\w+){0,8}?"
                      r"\s+(?:to|of|at|reached|is|was)"
                      r"|deaths?\s+of|(?:dead\s+)?bod(?:y|ies)\s+of|lives\s+of|killings?\s+of|murders?\s+of"
                      r"|fatalit(?:y|ies)\s+(?:stand|stood|stands)\s+at"
                      # "the army had sustained four casualties", "the rebels lost 5
                      # fighters": casualties of a side in a battle are its dead
                      r"|(?:sustain|suffer)(?:ed|ing|s)?(?=\s+(?:at\s+least\s+|about\s+|some\s+)?[\w-]+"
                      r"\s+casualties)|lost(?=\s+(?:at\s+least\s+|about\s+|some\s+)?[\w-]+\s+(?:of\s+(?:its|their"
                      r"|his)\s+)?(?:soldiers|men|troops|fighters|personnel|militants|policemen|officers"
                      r"|comrades|cadres|members)\b)"),
    ("killed", ACTIVE, r"claim(?:ed|ing|s)?\s+the\s+lives?\s+of|shot\s+and\s+killed"
                       r"|shot\s+dead|shoot(?:s|ing)?\s+dead|gunned\s+down|kill+(?:ed|ing|s)?"
                       r"|murder(?:ed|ing|s)?|assassinat(?:ed|ing|es|e)"
                       r"|execut(?:ed|ing|es)|behead(?:ed|ing|s)?|massacr(?:ed|ing|es)"
                       r"|lynch(?:ed|ing|es)?|slaughter(?:ed|ing|s)?|slain|slew"
                       # official idiom for enemy dead: "80 militants were eliminated"
                       r"|eliminat(?:ed|ing)|liquidat(?:ed|ing)"
                       r"|fatally\s+(?:shot|stabbed|wounded|injured|hit|attacked|beaten)"
                       # a death phrase may take its object after it: "stabbed to death two guards"
                       r"|\w+ed\s+to\s+death|(?:burnt|beaten|beat|beating|shot|shooting|stabbed"
                       r"|stabbing|hacked|hacking|burned|burning|chopped|chopping)\s+to\s+death"
                       r"|(?:burnt|burned|burning)\s+alive|beaten\s+dead"),
    ("killed", OBJECT, r"(?:shot|shoots?|shooting|beat|beats|beating|beaten|stabbed|stabbing|hacked"
                       r"|hacking|burnt|burned|burning|stoned|stoning|clubbed|bludgeoned|tortured|chopped"
                       r"|strangled|lynched)\s+(?!dead\b|to\s+death\b|alive\b|(?:and|or|at|in|by|with|to|from"
                       r"|on|up)\b)(?:[\w'’.()-]+,?\s+){1,8}?"
                       r"(?:dead|to\s+death)"
                       r"|resulted\s+in\s+(?:(?!injur|wound|hurt)[\w'’.-]+,?\s+){1,8}?(?:killed|dead)"
                       # "left three shoppers and a policeman dead", "leaving bus conductor dead"
                       r"|(?:left|leaving|leaves)\s+(?:(?!injur|wound|hurt|for\b)[\w'’.-]+,?\s+){1,8}?"
                       r"dead(?!\s+(?:and|or)\s+(?:injur|wound))"
                       r"|(?:left|leaving|leaves)\s+(?:an?|one|\d+|two|three|four|five|six|seven|eight"
                       r"|nine|ten|several)\s+(?:[\w'’-]+\s+){0,3}?killed"),
    ("killed", INSIDE, r"claim(?:ed|ing|s)?\s+(?:[\w-]+\s+){1,3}?lives"),
    ("killed", SELF, r"blew\s+(?:himself|herself)\s+up|committed\s+suicide"
                     r"|killing\s+(?:himself|herself)"),
    ("killed", PASSIVE, r"died|dies|perished|succumb?ed|martyred"
                        r"|lost\s+(?:their|his|her)\s+li(?:fe|ves)|drowned"
                        r"|(?:found|discovered|pronounced|declared|confirmed|feared|presumed"
                        r"|reported)\s+dead"
                        r"|(?:reported|confirmed|believed|feared|said\s+to\s+have\s+been)\s+killed"),
    # "His stabbed body was recovered": one dead
    ("killed", SELF, r"(?<!\w)body\s+(?:[\w'’-]+\s+){0,4}?(?:was|has\s+been)\s+(?:later\s+)?"
                     r"(?:found|recovered|discovered|fished\s+out)"),
    ("killed", NEAR, r"dead|deaths?|fatalities|bodies|corpses"),
    ("injured", ACTIVE, r"injur(?:ed|ing|es)|wound(?:ed|ing|s)?|hurt|hospitali[sz]ed"
                        r"|maimed"),
    ("injured", NEAR, r"injuries|injured|casualties"),
    # the victims of a beating are counted as injured (ACLED's rule for assaults)
    ("injured", ACTIVE, r"(?:beat(?:en|ing)?|assaulted)(?![\w-])(?!(?:\s+[\w-]+){0,3}\s+"
                        r"(?:to\s+death|dead))"),
    ("injured", PASSIVE, r"ha(?:ve|d)\s+(?:had\s+)?(?:their|his|her)\s+injuries\s+"
                         r"(?:recorded|documented|registered)"),
    ("detained", RIGHT, r"arrests?\s+of|detention\s+of"),
    ("detained", ACTIVE, r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|apprehend(?:ed|ing|s)?"
                         r"|rounded\s+up|taken\s+into\s+custody|nabbed|remanded|sentenced|jailed"),
    ("detained", INSIDE, r"(?:tak(?:ing|en)|took|brought|bringing)\s+(?:[\w'’.-]+\s+){1,5}?to\s+"
                         r"(?:a\s+|the\s+)?police\s+stations?"
                         r"|ordered\s+(?:[\w'’.-]+\s+){1,10}?(?:to\s+be\s+)?(?:held|detained|remanded"
                         r"|jailed|kept)\b"),
    # "about 40 migrants were taken to a police station"
    ("detained", PASSIVE, r"(?:taken|brought)\s+to\s+(?:a\s+|the\s+)?(?:local\s+)?police"
                          r"\s+stations?"),
    ("injured", PASSIVE, r"taken\s+to\s+(?:a\s+|the\s+)?hospitals?"),
    ("detained", NEAR, r"detainees|arrestees"),
    ("deported", RIGHT, r"deportation\s+of|expulsion\s+of"),
    ("deported", ACTIVE, r"deport(?:ed|ing|s)?|expel(?:led|ling|s)?"),
    ("deported", RIGHT, r"(?:refused|denied|barred)\s+entry\s+to"),
    ("deported", NEAR, r"deportees"),
    # "12 of them face deportation"
    ("deported", PASSIVE, r"fac(?:e|es|ed|ing)\s+(?:deportation|expulsion)"),
    # "a protest by about 80 vendors", "drew some 5,000 people", "attended by 2,000"
    ("participants", RIGHT, r"(?:crowd|gathering|rally|protest|demonstration|march|picket|strike"
                            r"|sit-in|walkout)s?\s+(?:of|by|involving)|(?:protesters|protestors|demonstrators"
                            r"|marchers|picketers|strikers|participants|people|crowd)\s+numbering"
                            r"|(?:drew|drawing|draws|attracted|attracting|brought\s+out)(?=\s+(?:\S*\d"
                            r"|(?:some|about|around|nearly|roughly|over|more|at)\b))"
                            r"|attended\s+by|we\s+counted|crowd\s+(?:[\w-]+\s+){0,5}?"
                            r"(?:has\s+|had\s+)?(?:grown|grew|swelled|swollen)\s+to"),
    ("participants", SELF, r"(?:lone|solo|one-(?:man|woman|person))\s+(?:protest|picket)\w*"
                           r"|lone\s+(?:activist|protester|protestor|demonstrator|picketer)"),
    # "The rally gathered some 3,000 people", else "About 100 people gathered"
    ("participants", BOTH, r"gathered|assembled"),
    ("participants", PASSIVE, r"protest(?:ed|ing|s)?|demonstrat(?:ed|ing|es)|rall(?:ied|ying)"
                              r"|march(?:ed|ing)|took\s+part|participated|blocked|blockaded"
                              r"|picketed|staged|held\s+(?:a|an)\b|went\s+on\s+strike"
                              r"|joined|attended|turned\s+(?:out|up)|showed\s+up|came\s+(?:out\s+)?to"
                              r"|refused\s+to\s+work|(?:are|were|ha(?:ve|d)\s+been)\s+(?:now\s+|still\s+)?"
                              r"(?:standing|waiting)\s+(?:outside|near|in\s+front\s+of|at)"),
    ("participants", NEAR, r"protesters|protestors|demonstrators|participants|marchers"
                           r"|picketers|strikers|activists|people\s+protest\w*"),
]

_RU: list[tuple[str, str, str]] = [
    ("killed", RIGHT, r"число\s+(?:погибших|жертв|убитых)(?:[^.;!?]{0,120}?)\s+"
                      r"(?:достигло|возросло|выросло|составило|превысило)"
                      r"|шумораи\s+(?:қурбониён|кушташудагон|ҳалокшудагон|фавтидагон)\w*"
                      r"(?:[^.;!?]{0,150}?)\s+ба(?=\s+(?:беш\s+аз\s+|зиёда\s+аз\s+)?\d)"
                      r"|жертвами\s+стали|унес(?:ла|ло|ли)?\s+жизни|тела"),
    ("killed", BOTH, r"погиб(?:ли|ло|ла|ших|шие|шим|ших)?|убит(?:ы|о|а|ых|ые)?|убил[иа]?"
                     r"|застрелен(?:ы|о|а)?|застрелил[иа]?|скончал(?:ись|ся|ась|ось)"
                     r"|расстрелян(?:ы|о|а)?|расстрелял[иа]?|умерл[иао]|умер"
                     r"|жертв(?:ами|ы)?"),
    ("killed", BOTH, r"кушта\s+шуд\w*|ҳалок(?:\s+(?:шуд|гардид)\w*)?|фавт\w*|ҷон\s+бохт\w*"),
    ("injured", BOTH, r"ранен(?:ы|о|а|ых|ые|ий|ия)?|ранил[иа]?|пострадал(?:и|о|а)?"
                      r"|пострадавш\w+|госпитализирован(?:ы|о|а)?|получил[иа]?\s+ранения"
                      r"|получил[иа]?\s+травмы|травмирован(?:ы|о|а)?"),
    ("injured", BOTH, r"захмӣ|маҷрӯҳ\w*|ярадор\w*|ба\s+беморхона\s+бурда\s+шуд\w*|бистарӣ"
                      r"|избил[аио]?|избит(?:ы|о|а|ых)?|избива\w*|латукӯб\s+карда\w*"),
    ("injured", SELF, r"на\s+(?:него|неё|нее)\s+напал[иа]?"),
    ("detained", RIGHT, r"число\s+задержанных(?:\s+\w+){0,3}?\s+"
                        r"(?:достигло|возросло|выросло|составило|превысило)"),
    ("detained", BOTH, r"задержан(?:ы|о|а|ных|ные|ным|ный|ного)?|задержал[иа]?"
                       r"|задерживают|арестован(?:ы|о|а|ных|ные)?|арестовал[иа]?"
                       r"|доставлен(?:ы|о|а)?\s+в\s+(?:отдел\w*|полицию|отделени\w*)"
                       r"|доставил[иа]?\s+в\s+(?:отдел\w*|полицию|отделени\w*)"
                       r"|увезл[иа]|увозят|забрал[иа]|забирают|везут|выводят"
                       r"|в\s+(?:автобус\w*|автозак\w*)|отправил\w*\s+под\s+(?:арест|стражу)"
                       r"|заключил\w*\s+под\s+стражу|приговорил[иа]?|осужден(?:ы|о|а)?"),
    ("detained", BOTH, r"боздошт\w*|дастгир\w*|ҳабс\w*"),
    ("deported", BOTH, r"выдворен(?:ы|о|а|ию|ия|ных|ные)?|выдворить|выдворят|выдворил[иа]?"
                       r"|депортирован(?:ы|о|а|ных|ные)?|депортировал[иа]?|депортаци\w+"
                       r"|выслан(?:ы|о|а)?|выдворени\w+"),
    ("deported", BOTH, r"ихроҷ\w*|депорт\w*|роҳ\s+(?:на)?(?:медиҳ|дод)\w*|роҳ\s+надод\w*"
                       r"|отказал[иа]?\s+(?:во|в)\s+въезд\w*|(?:во|в)\s+въезде\s+отказал[иа]?"),
    # before the nouns alone: "Митингующих было около 1500"
    ("participants", RIGHT, r"(?:митингующ|протестующ|пикетчик)\w*\s+(?:был[оаи]?|собралось)"),
    ("participants", BOTH, r"(?:вышл[иао]|выйти|выходят)\s+на\s+(?:акци\w+|митинг\w*|пикет\w*"
                           r"|протест\w*|улиц\w*|забастовк\w+|сход\w*|шестви\w+)|на\s+(?:акци\w+"
                           r"|митинг\w*|пикет\w*|протест\w*|улиц\w*)\s+(?:вышл[иао]|выходят)"
                           r"|(?:митинг\w*|пикет\w*|акци\w+|шестви\w+)\s+(?:собрал[аио]?|прош[её]л)"
                           r"|принял[иао]?\s+участие|приняли\s+участие|участвова?л[иао]?|участвуют"
                           r"|участник(?:ов|и|ами)?|собрал(?:ись|ось|ся|ась|о|а)|протестующ\w+"
                           r"|демонстрант\w*|митингующ\w+|пикетчик\w*|присоединил(?:ись|ось|ся|ась)"
                           r"|пришл[иао]|(?:остановил|прекратил)[иао]?\s+работу"
                           r"|работу\s+(?:остановил|прекратил)[иао]?|бастуют|бастовал[иао]?"
                           r"|перекрыл[иао]?|(?:провел|провёл|устроил)[иао]?\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:сход\w*|акци\w+|пикет\w*|митинг\w*|забастовк\w+|шестви\w+"
                           r"|собрани\w+|демонстраци\w+)"
                           # waiting outside a court or a police station is a gathering
                           # (not "около": "стояли около 30" is a figure)
                           r"|(?:стоял|ждал|ожидал|дежурил)[иао]?\s+(?:у|возле|перед)"
                           # "ждут задержанных у отдела": a crowd waiting for those held
                           r"|(?:жд[уё]т|ожидают|ждали|ожидали)\s+(?:своих\s+)?(?:задержанн"
                           r"|арестованн)\w*"),
    ("participants", SELF, r"одиночн(?:ый|ого|ом|ым)\s+пикет(?:а|е|ом)?"),  # not "одиночными"
    # "вышли 15 жителей", "Митинг в Архангельске собрал около тысячи" (not "завод собрал 140
    # тысяч автомобилей"), "нас около тридцати"
    ("participants", RIGHT, r"вышл[иао]|(?<!у\s)нас|стоял[иао]|стоят|дежурил[иао]|дежурят"
                            r"|(?:митинг|пикет|акци|шестви|забастовк|протест"
                            r"|собрани|сход)\w*(?:\s+[^\s.,;!?]+){0,3}?\s+собрал[аио]?"
                            r"|(?:толп|групп)\w*\s+(?:из|в|численностью)"
                            r"|на\s+(?:акци\w+|митинг\w*|пикет\w*|шестви\w+)\s+(?:был[оаи]?"
                            r"|присутствовал[иао]?)"),
    ("participants", BOTH, r"тазоҳурот\w*|эътироз\w*|ширкат\s+варзид\w*"),
]

def _build(rules: list[tuple[str, str, str]]) -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """One alternation with a group per rule; the group index says kind and mode."""
    alternation = "|".join(f"({rx})" for _, _, rx in rules)
    rx = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])", re.IGNORECASE)
    return rx, [(kind, mode) for kind, mode, _ in rules]


_EN_RX, _EN_MODES = _build(_EN)
_RU_RX, _RU_MODES = _build(_RU)
# twins for lower-cased text (:func:`~khronika.extract.prefilter.uncased`)
_EN_TWIN, _RU_TWIN = uncased(_EN_RX), uncased(_RU_RX)

# "was ambushed by masked men and killed": a passive verb joined to the trigger
_PASSIVE_AND = re.compile(
    r"\b(were|are|was|is|have\s+been|had\s+been|has\s+been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en)\b"
    r"(?:\s+(?:by|in|at|on|near|from|to)\s+[^,.;:]{1,110}?)?\s+and\s+(?:(?:later|then|subsequently"
    r"|eventually|finally)\s+)?$", re.IGNORECASE)
_PLURAL_AUX = frozenset({"were", "are"}) | {f"{a} been" for a in ("have", "had")}
# Passive auxiliaries in front of an English trigger: "were killed", "have been arrested".
_ADVERBS = (r"(?:(?:also|later|subsequently|then|too|reportedly|allegedly|\w+ly|all|both)\s+)"
            r"{0,2}(?:(?:ordered|sentenced|set|due)\s+(?:to\s+be\s+)?)?")
_AUX_PLURAL = re.compile(
    rf"\b(?:were|are|have\s+been|had\s+been|got|being|be|been)\s+{_ADVERBS}"
    r"(?:\w+\s+(?:and|or)\s+)?$", re.IGNORECASE)
_AUX_SINGULAR = re.compile(
    rf"\b(?:was|is|has\s+(?:\w+ly\s+)?been|gets)\s+{_ADVERBS}(?:\w+\s+(?:and|or)\s+)?$",
    re.IGNORECASE)
# What may stand between an active verb and its quantity: "killing at least" is in the
# quantity itself; "killed the", "detained another".
_RIGHT_GAP_EN = re.compile(
    r"[\s,\"“']*(?:(?:the|some|another|an\s+additional|a\s+further|all|off|up|of)\s+)*$",
    re.IGNORECASE)
_RIGHT_GAP_RU = re.compile(
    # no bare comma: "доставлены в отделы, 40 будут выдворены" starts another clause
    # "выдворили из страны 12 человек", "за пределы России"
    r"[\s:—–-]*(?:(?:ещё|еще|всего|уже|сразу|как|не|в|из|,?\s*по\s+данным\s+\w+,?"
    r"|(?:из|за\s+пределы|с\s+территории)\s+(?:страны|(?-i:[А-ЯЁ])\w*)"
    r"|до\s+\d{1,2}\s+\w+)\s+)*$",
    re.IGNORECASE)
# "nobody was hurt or killed", "no one else died": up to a few words between
# "no one else was", "nobody was hurt or": a few words may follow; after "no" with a noun
# ("no civilians were") only one, else "in no time a man was" would read as nobody
_NOBODY = re.compile(r"\b(?:(?:no[\s-]+one|nobody|none)\s+(?:\w+\s+){0,4}"
                     r"|no\s+\w+\s+(?:\w+\s+)?)$", re.IGNORECASE)
# A named person as object: "police killed Dinesh Sahu, 30, a commander".
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}(?=\s*[,(]|\s+(?:in|on|at)\b)")
# Nouns for one person, for a victim named without a figure: "killed the head of",
# "kill border guard", "Trader killed in Kunduz".
_PERSON = (r"(?:man|woman|boy|girl|child|baby|infant|toddler|teen(?:ager)?|youth|youngster|person"
           r"|individual|civilian|villager|resident|local|farmer|herder|herdsman|shepherd|trader"
           r"|shopkeeper|businessman|merchant|vendor|driver|helper|teacher|student|doctor|nurse"
           r"|journalist|reporter|blogger|writer|publisher|activist|worker|labou?rer|member|leader"
           r"|chief|head|official|officer|policeman|policewoman|constable|cop|soldier|trooper|jawan"
           r"|guard|bodyguard|watchman|commander|militant|insurgent|rebel|fighter|gunman|attacker"
           r"|assailant|suspect|terrorist|bomber|militiam[ae]n|imam|cleric|priest|pastor|monk|elder"
           r"|chairman|councill?or|candidate|mayor|politician|lawyer|judge|engineer|contractor"
           r"|employee|prisoner|inmate|detainee|wife|husband|son|daughter|father|mother|brother"
           r"|sister|uncle|nephew|niece|cousin|relative|director|secretary|president|sarpanch"
           r"|headman|landlord|informer|informant|colonel|major|captain|lieutenant|sergeant"
           r"|inspector|commandant|supporter|cadre|volunteer|thief|robber|smuggler|dacoit|gangster"
           r"|passenger|pedestrian|pilgrim|tourist|foreigner|migrant|refugee|fisherman|cleaner"
           r"|guide|peacekeeper|victim|mechanic|tailor|barber|rickshaw-puller|hawker|jeweller"
           r"|professor|lecturer|principal|mp|mla|mpa|councilman|worshipper|devotee|deputy"
           r"|spokesman|agent|spy|operative|ranger|levy|sepoy|sub-inspector|dsp|sho|ssp|si|asi"
           r"|commando|serviceman|paramilitary|staffer|manager|owner|operator"
           r"|jco|havildar|naik|subedar|rifleman|gunner|sentry|escort|porter|herdboy|boatman"
           r"|pradhan|mukhiya|corporal|cameraman|photographer"
           r"|rival|contender|opponent|accomplice|aide|associate|companion|friend|neighbou?r)")
# Two people named one by one: "A teacher and a ferry pilot were stabbed to death".
_PAIR_TAIL = (r"(?:,[^.;]{1,40}?,|,)?\s+(?:and|along\s+with|together\s+with)\s+"
              # the second may go without an article when a person's noun follows:
              # "a customs clerk and driver were shot dead"
              rf"(?:(?:an?|one|the|his|her|their)\s+|(?=(?:[\w'’-]+\s+){{0,2}}?{_PERSON}\b))"
              r"[^,.;]{1,50}?"
              r"(?:,[^.;]{1,40}?,)?\s+(?:(?:were|have\s+been|had\s+been)\s+(?:\w+\s+){0,2})?$")
_PAIR = re.compile(r"\b(?:an?|one|the)\s+[^,.;()]{1,50}?" + _PAIR_TAIL, re.IGNORECASE)
# the same from the start of the sentence, where the first is named without an article:
# "Party chief Omar Daud along with his guard were shot dead"
_PAIR_LEAD = re.compile(r"^\W*[^,.;()]{1,50}?" + _PAIR_TAIL, re.IGNORECASE)
# A one-person object after an active verb: "killed the head of", "killed his cousin",
# "kill border guard", "killed him".
_ONE_OBJECT = re.compile(
    rf"\s+(?:him|her|(?:(?:the|his|her|their|its|a|an|one|another)\s+)?(?:(?!(?:by|in|at|on|of|with|from|to|for|and"
    rf"|or|a|an|after|during|near)\b)[\w'’-]+\s+){{0,3}}?{_PERSON}"
    r"(?![\w'’-])(?!\s+(?:and|or|as\s+well\s+as)\s+(?:his|her|their|the|a|an)?\s*[\w-]+s\b))",
    re.IGNORECASE)
# "killing a police personnel": one, though the noun ends in s
_A_PERSONNEL = re.compile(r"\s+(?:an?|one)\s+(?:[\w'’-]+\s+){0,3}?personnel\b", re.IGNORECASE)
# What may follow a verb used without an object (a participle: "Trader killed in Kunduz").
_NO_OBJECT = re.compile(
    r"\s*(?:[,.;:)\]]|$|(?:in|at|on|near|by|during|after|while|when|as|outside|inside|for"
    r"|from|with|over|allegedly|reportedly|yesterday|today|tonight|last|early|late|this"
    r"|earlier|overnight|recently|late|and)\b)", re.IGNORECASE)
_PERSON_BEFORE = re.compile(rf"\b{_PERSON},?\s+(?:(?:was|had|has|been|later|also|then|allegedly"
                            r"|reportedly|brutally|\w+ly)\s+){0,3}$", re.IGNORECASE)
# The verb has an object: a figure before it counts the doers ("3 masked men gunned down a
# lawyer", "At least six men beat to death the principal").
_HAS_OBJECT = re.compile(
    r"\s+(?:(?:the|his|her|their|its|a|an|one|another|him|former)\b"
    r"|(?!(?:In|On|At|During|After|Near|On|By|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)[A-Z])")
# One person: "killing a policeman", "a civilian was killed".
_ONE_AFTER = re.compile(r"\s+(?:a|an|one)\s+(?!\w+s\b)(?!few\b|number\b|total\b)\w",
                        re.IGNORECASE)
# A left quantity and its trigger must be in one clause: these words or marks start another.
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|\b(?:when|while|after|before|(?<!\bwell\s)as(?!\s+well\s+as\b)|but|whereas|which"
    r"|because|since|during"
    r"|following|where|said|says|according|когда|после|пока|который|которые|которых"
    r"|однако|но|а\s+также)\b", re.IGNORECASE)
# A quantity that only qualifies another one, or is an alternative figure.
_SUBSET_BEFORE = re.compile(
    r"(?:including|incl\.|among\s+them|among\s+whom|of\s+whom|of\s+them|out\s+of|among"
    r"|включая|в\s+том\s+числе|среди\s+них|из\s+них|из\s+которых|аз\s+ҷумла)"
    r"(?:\s+(?:the|these|those|them))?\s*$",
    re.IGNORECASE)
# "задержали 40 человек, из них 12 выдворят": the part of the held who are expelled is
# the count of the expelled, not a subset of it
_EXPEL_STEMS = r"выдвор|депорт|выслан|высыл"
_EXPELLED_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:будут\s+|могут\s+быть\s+|will\s+be\s+)?"
                             rf"(?:{_EXPEL_STEMS}|deport|expel)\w*", re.IGNORECASE)
# "the three smugglers": people named before, except where nobody was counted yet
# "A gang leader was among five bandits killed": the figure is the whole
_WAS_AMONG = re.compile(r"\b(?:was|were|is|are)\s+among\s*$", re.IGNORECASE)
# "two rival factions", "three armed groups": not people
_GROUPS_AFTER = re.compile(r"\s+(?:(?!(?:in|at|on|of|from|to|near|across|and|or)\b)"
                           r"[\w'’-]+\s+){1,2}"
                           r"(?:parties|groups|factions|organi[sz]ations|outfits"
                           r"|sides|villages|districts|provinces|vehicles|houses|shops|hideouts"
                           r"|camps|posts|checkpoints|locations|places|areas)\b", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those)\s*$", re.IGNORECASE)
# "aged 27": an age
_AGED_BEFORE = re.compile(r"\baged?\s*$", re.IGNORECASE)
# "One sergeant of 27 Mountain Rifles", "Troops of the 14 Brigade": a unit's number (read in the
# original text: the capitals tell it)
_UNIT_NAME_AFTER = re.compile(
    r"(?:st|nd|rd|th)?\s+(?:[A-Z][\w.-]*\s+){0,2}?(?:Rifles|Regiment|Battalion|Bn|Brigade|Division"
    r"|Corps|Infantry|Wing|Squadron|Company|Platoon|Garrison|Artillery|Commando|Mountain|Para"
    r"|Sikh|Punjab|Rajput|Jat|Gorkha|Maratha|Madras|Kumaon|Dogra|Garhwal|Mahar|Naga|JAK|RR|AR"
    r"|LID|LIB|Marine|Armou?red|Mechani[sz]ed|Field|Special|Light)\b")
_NEGATION_BEFORE = re.compile(r"(?:\bno|\bnot|\bни|\bне)\s*$", re.IGNORECASE)
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
          r"|январ\w*|феврал\w*|март\w*|апрел\w*|ма[яеий]|июн\w*|июл\w*|август\w*"
          r"|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s*$", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?:[$€£₽]|\b(?:rs|usd|afn|inr|pkr|rub|no|number|#))\.?\s*$",
                           re.IGNORECASE)
# Units after a figure that make it something other than a number of people.
_UNIT_AFTER = re.compile(
    rf"\s*(?:%|(?:st|nd|rd|th|'?s)\b|(?:{_MONTH})\b|-?\s*(?:years?|yrs?)[\s-]*old|\)"
    r"|(?:percent|per\s*cent|years?|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?"
    r"|km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|kg|kilos?|tons?|tonnes?|feet|ft"
    r"|am|pm|a\.m|p\.m|o'clock|rupees?|dollars?|afghanis?|taka|rubles?|roubles?|euros?|lakh"
    r"|crore|houses?|homes?|shops?|buildings?|vehicles?|cars?|trucks?|buses|motorcycles?"
    r"|motorbikes?|tankers?|bombs?|mines?|ieds?|weapons?|rifles?|guns?|rounds?|bullets?"
    r"|shells?|rockets?|mortars?|missiles?|grenades?|cattle|animals?|cows?|goats?|sheep"
    r"|camels?|villages?|times|acres|tents|huts|posts?|checkpoints?|cases|incidents"
    r"|attacks?|districts?|provinces?|schools?|groups?|factions?|parties|sides|families"
    r"|locations?|areas?|places?|occasions?|sectors?|tribes?|communities|organi[sz]ations"
    r"|kg|лет|года?|год|месяц\w*|дн\w+|сут\w+"
    r"|час\w*|минут\w*|рубл\w+|долл\w+|км|километр\w*|метр\w*|тонн\w*|процент\w*|раз\w*"
    r"|автомобил\w+|машин\w*|дом\w*|район\w*|город\w*|сол\w*|сум\w*|сомон\w*|ч\.)\b"
    r"(?!\s+(?:guards?|owners?|keepers?|workers?|drivers?|members?|personnel|staff|employees"
    r"|officers?|residents?|dwellers?|labou?rers?|traders?|thie(?:f|ves)|rustlers?|herders?"
    r"|smugglers?|farmers?|breeders?|dealers?|merchants?|herdsm[ae]n|grazers?|sellers?)))",
    re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")
_CHECKED_BEFORE = re.compile(
    r"(?:(?<!\w)у|провер\w+(?:\s+\w+)?|(?:papers|documents|ids)\s+of|check(?:ed|ing)|"
    r"checks\s+of)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"-?\s*(?:летн\w*|year-old)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-ZА-Я][\w.]*,\s*$")
_PERSON_AFTER = re.compile(r"\s+(?:people|persons|civilians|men|women|children|человек)",
                           re.IGNORECASE)
# "Fatalities are split across 2 events (6)": the figure in brackets is this event's share.
_SPLIT = re.compile(r"fatalities\s+(?:are\s+|were\s+)?split\s+(?:across|over|between)\s+"
                    r"\w+\s+\w+\s*\((\d+)\)", re.IGNORECASE)
_TAG = re.compile(r"\[(?:crowd\s+)?size\s*=\s*([^\]]*)\]", re.IGNORECASE)
_NOT_PEOPLE = re.compile(r"\b(?:cars?|vehicles?|trucks?|автомобил\w*|машин\w*)\b",
                         re.IGNORECASE)

# a figure that is part of a word: "40-летия", "2-day" (but "a 500-strong crowd")
# ("20-ти человек", "2-х" are figures with a case ending, no compound)
_COMPOUND = re.compile(r"-(?!strong\b|(?:ти|х|ми|ть)\b)\w", re.IGNORECASE)
_PARENS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
# Between two coordinated subjects: "4 pro-government militia members and 3 ..."
_COORD = re.compile(r"(?:\s+[\w'’.-]+){0,7}?\s*(?:,\s*(?:and\s+|и\s+)?|\s+(?:and|as\s+well\s+as"
                    r"|plus|и|а\s+также)\s+)", re.IGNORECASE)
# "Two BCL activists of Hazi Danesh Science and Technology University Unit were killed"
# A verb between two figures means two clauses, not one coordinated subject.
_VERB_IN_LINK = re.compile(r"\b(?:were|was|are|is|had|have|has|были|был[аио]?|будут)\b",
                           re.IGNORECASE)
# An injured/arrested verb after "and" starts a new clause: "killed 3 and injured 2".
_VERB_AFTER_AND = re.compile(r"\b(?:and|и)\s+\w+(?:ed|ing)\b", re.IGNORECASE)
# A figure with a predicate of its own after it starts a new clause, about part of the
# figure before: "избили 27 мигрантов, один госпитализирован" (27, not 28), "beat 27
# migrants, one was hospitalised". Russian short participles and past forms, English
# auxiliaries.
_OWN_PREDICATE = re.compile(
    r"\s+(?:(?:of\s+them|из\s+них)\s+)?(?:was|were|is|are|has|had|have|died|remains?"
    r"|был[аио]?|были|погиб(?:л[аи])?|\w{3,}(?:ован|ен|ан)[аоы]?|\w{3,}(?:л|ла|ли|лся|лась"
    r"|лись))(?!\w)", re.IGNORECASE)
# "killed four robbers, two with criminal records", "9 people, three of them women"
_PART_AFTER = re.compile(r"\s+(?:with|who|whom|of\s+(?:them|whom|those)|among\s+them|из\s+них)\b",
                         re.IGNORECASE)
# "задержали десятки мигрантов, несколько человек выдворят": a figure with a verb of
# its own fate after it is another clause's (a part of the figure before), not more held
_FATE_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:из\s+них\s+)?(?:будут\s+|могут\s+быть\s+)?"
                         rf"(?:{_EXPEL_STEMS}|оштраф|отпуст|освобод)\w*", re.IGNORECASE)
# "5 of them", "пятерых из них": a part of a figure named before
_SUBSET_AFTER = re.compile(r"\s+(?:of\s+(?:them|whom|those)|из\s+(?:них|которых))\b",
                           re.IGNORECASE)
# "killed one monk and a policeman": one more person, named with an article.
_AND_ONE = re.compile(r"(?:\s+[\w'’-]+){1,3}?\s+and\s+(?:a|an|one|another)\s+[\w'’-]+",
                      re.IGNORECASE)
_MAX_LEFT_WORDS = 16
# the dead may stand further from their verb: "Two senior commanders of the Eastern Hills
# Union (EHU) rebel group and a member of its banned student wing were killed"
_MAX_DEAD_LEFT_WORDS = 20
# The word before "died" when one person died: "He died", "his driver (a jawan) died".
_SINGULAR_SUBJECT = re.compile(
    r"(?:\b(?:he|she)|\b(?!the\b|who\b|and\b|had\b|have\b|also\b|they\b|we\b|you\b)"
    r"[\w'-]*[^s\W]),?\s+"
    r"(?:(?:has|had|later|subsequently|also|then|reportedly|allegedly|eventually)\s+){0,2}$",
    re.IGNORECASE)
_MAX_NEAR_WORDS = 2  # "4 dead", "4 people dead"
_MAX_ACTIVE_LEFT_WORDS = 3  # "3 soldiers killed" (headline style), not "3 Taliban attacked"
_THEY_BEFORE = re.compile(r"\b(?:they|both\s+of\s+them|all\s+of\s+them)\s+(?:\w+ly\s+|later\s+)?$",
                          re.IGNORECASE)
_THEM = re.compile(r"\s+them\b", re.IGNORECASE)
_MAX_PARTICIPLE_WORDS = 8  # "5 guards from the border police force killed in the raid"
# A finite verb between a figure and a participle: the figure is another clause's.
_VERB_BEFORE = re.compile(
    r"\b(?!(?:armed|suspected|alleged|unidentified|affiliated|based|trained|masked|wanted"
    r"|banned|outlawed|proscribed|unarmed|injured|wounded|reported|reportedly|allegedly"
    r"|deployed|retired|united|red|hundred|killed)\b)[a-z]+ed\b|\b(?:was|were|is|are|has|have"
    r"|had|attack\w*|ambush\w*|fire|fires|open\w*)\b")


class _Rule:
    """A case-insensitive pattern with its twin for lower-cased text (``uncased``) and,
    when ``gated``, the words one of which every match holds (found by
    :func:`~khronika.extract.prefilter.gate_for`): where none of them is in the lower-cased
    text, the pattern is not run. Worth it for patterns of few, rare words."""

    __slots__ = ("needles", "rx", "twin")

    def __init__(self, rx: re.Pattern[str], gated: bool = False) -> None:
        self.rx = rx
        self.twin = uncased(rx)
        self.needles = gate_for(rx).needles if gated else None

    def may_match(self, low: str) -> bool:
        """False when the pattern cannot match in the lower-cased text ``low``."""
        return needles_in(self.needles, low)

    def search(self, s: str, lowered: bool) -> bool:
        """Whether the pattern matches in ``s``, which :func:`twin_text` lower-cased when
        ``lowered``."""
        if not lowered:
            return self.rx.search(s) is not None
        return self.may_match(s) and self.twin.search(s) is not None

    def match(self, s: str, lowered: bool) -> bool:
        """Whether the pattern matches at the start of ``s`` (as :meth:`search`)."""
        if not lowered:
            return self.rx.match(s) is not None
        return self.may_match(s) and self.twin.match(s) is not None


_SUBSET_RULE = _Rule(_SUBSET_BEFORE)
_DEFINITE_RULE = _Rule(_DEFINITE_BEFORE)
_AGED_RULE = _Rule(_AGED_BEFORE)
_NEGATION_RULE = _Rule(_NEGATION_BEFORE)
_MONTH_RULE = _Rule(_MONTH_BEFORE)
_MONEY_RULE = _Rule(_MONEY_BEFORE)
_CHECKED_RULE = _Rule(_CHECKED_BEFORE)
_UNIT_RULE = _Rule(_UNIT_AFTER)
_AGE_RULE = _Rule(_AGE_AFTER, gated=True)
_PERSON_RULE = _Rule(_PERSON_AFTER)
_PLURAL_RULE = _Rule(_AUX_PLURAL, gated=True)
_SINGULAR_RULE = _Rule(_AUX_SINGULAR, gated=True)
_SPLIT_TAG_RULE = _Rule(_SPLIT, gated=True)
_SIZE_TAG_RULE = _Rule(_TAG, gated=True)


def _usable(q: Quantity, text: str, low: str | None, sent_start: int) -> bool:
    """False for figures that are no count of people (dates, ages, units) or only a subset.
    ``low`` is :func:`~khronika.extract.numbers.twin_text` of ``text``."""
    lowered = low is not None
    read = text if low is None else low  # the same characters, maybe lower-cased
    before = read[max(sent_start, q.start - 40):q.start]
    after = read[q.end:q.end + 40]
    if (_SUBSET_RULE.search(before, lowered) and not _WAS_AMONG.search(before)
            and not _EXPELLED_AFTER.match(after)) \
            or _NEGATION_RULE.search(before, lowered) or _AGED_RULE.search(before, lowered):
        return False
    if _GROUPS_AFTER.match(after):
        return False
    if q.exact and _UNIT_NAME_AFTER.match(text, q.end):
        return False
    # "March 2020", "мая 2024": digits after a month are a year; "до 22 мая четверых" is not
    if (_MONTH_RULE.search(before, lowered) and q.text[:1].isdigit()) \
            or _MONEY_RULE.search(before, lowered):
        return False
    if _CHECKED_RULE.search(before, lowered):
        return False  # people whose papers were checked are not thereby detained
    if _UNIT_RULE.match(after, lowered) or _AGE_RULE.match(after, lowered):
        return False
    if q.exact and _YEAR.match(q.text.strip()) and not _PERSON_RULE.match(after, lowered):
        return False
    # "Rajaram Jha, 25, died" (a capital letter: read in the original text)
    if after.startswith(",") and _AGE_BEFORE.search(text[max(sent_start, q.start - 40):q.start]):
        return False
    # inside an open parenthesis: an alternative figure ("(6 according to Taliban)")
    lpar = max(before.rfind("("), before.rfind("["))
    return not (lpar >= 0 and ")" not in before[lpar:] and "]" not in before[lpar:])


def _definite(q: Quantity, text: str, low: str | None, sent_start: int) -> bool:
    """Whether the article before ``q`` names people told of before: "the three smugglers"."""
    read = text if low is None else low
    return _DEFINITE_RULE.search(read[max(sent_start, q.start - 12):q.start], low is not None)


# between a part and its whole: "15 of the 90" (not "the release of the 11")
_PARTITIVE = re.compile(r"\s+of\s+the\s+", re.IGNORECASE)


def _words(s: str) -> int:
    return len(s.split())


# What keeps a figure from a trigger, beside the clause breaks:
# "4 killed, 6 wounded": after a comma, a figure with a verb of its own is another count;
_OWN_VERB_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:wounded|injured|hurt|arrested|detained"
                             r"|missing|abducted|kidnapped|captured|rescued|released|were|was|are"
                             r"|is|ранен\w*|задержан\w*|пострадал\w*)\b", re.IGNORECASE)
# "1 policeman killed 4 injured": the figure right after is the injured;
_INJURED_AFTER = re.compile(r"\s+(?:wounded|injured|hurt|ранен[аоы]?|пострадал[аио]?)\b",
                            re.IGNORECASE)
# "attacked by a group of thugs ... and succumbed": a figure after "by" counts the doers;
_AGENT_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
# "two passengers (injured) ... The bus driver died": figures said to be hurt;
_HURT_ASIDE = re.compile(r"\((?:[^()]{0,20}\b)?(?:injured|wounded|hurt)\b", re.IGNORECASE)
# "At least six persons, including a magistrate, two guards and an infant were killed":
# the figures after "including" are part of the one before.
_INCLUDING_IN = re.compile(r"^\s*[^.;:]{0,60}?\b(?:including|among\s+them|включая"
                           r"|в\s+том\s+числе)\b", re.IGNORECASE)


class _Matcher:
    """Pairs triggers with quantities inside one sentence."""

    def __init__(self, doc: Document, quantities: list[Quantity],
                 definite: set[int] | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.quantities = quantities
        self.used: set[int] = set()  # indexes of quantities already counted
        # figures after "the": only for the dead (:func:`_attach` sets ``kind``)
        self.definite: set[int] = definite or set()
        # "detained 15 of the roughly 90 activists who protested": the figure after "of
        # the" is the whole the part is taken from, which is the crowd
        self.wholes = {i for i in self.definite if i > 0 and _PARTITIVE.fullmatch(
            self.text, quantities[i - 1].end, quantities[i].start)}
        self.kind = ""
        self.cyrillic = (doc.lang or "") in ("ru", "tg", "uk", "be", "kk", "ky", "bg")
        self.low = twin_text(self.text)  # the text lower-cased for twins, or None
        # where the sentence's triggers end, with their kinds (:func:`find_counts` sets it)
        self.verbs: list[tuple[int, str]] = []

    def object_of_other(self, i: int) -> bool:
        """Whether quantity ``i`` stands right after a trigger of another kind, as its
        object: "вышли десятки тысяч человек, сотни задержаны" (the crowd, not more held)."""
        gap_rx = _RIGHT_GAP_RU if self.cyrillic else _RIGHT_GAP_EN
        q = self.quantities[i]
        # no comma between: "two guards were killed, 4 pupils and 3 teachers were hurt"
        return any(kind != self.kind and end <= q.start and q.start - end <= 30
                   and "," not in self.text[end:q.start]
                   and gap_rx.match(self.text, end, q.start) for end, kind in self.verbs)

    def taken(self, i: int) -> bool:
        """Whether quantity ``i`` may not be counted (again) for the current kind."""
        return i in self.used or (i in self.definite and self.kind != "killed"
                                  and not (self.kind == "participants" and i in self.wholes))

    def right(self, end: int, limit: int) -> int | None:
        gap_rx = _RIGHT_GAP_RU if self.cyrillic else _RIGHT_GAP_EN
        for i, q in enumerate(self.quantities):
            if q.start < end:
                continue
            if q.start > limit or q.start - end > 30:
                return None
            if gap_rx.match(self.text, end, q.start) and not self.taken(i) \
                    and not ("," in self.text[end:q.start]
                             and _OWN_VERB_AFTER.match(self.text, q.end)) \
                    and not _INJURED_AFTER.match(self.text, q.end):
                return i
            return None
        return None

    def following(self, i: int, limit: int) -> tuple[list[int], int]:
        """Figures coordinated after quantity ``i`` ("killed one soldier and one civilian"),
        and how many "and a/an X" objects follow ("one monk and a policeman")."""
        found, extra = [i], 0
        while True:
            last = self.quantities[found[-1]]
            nxt = found[-1] + 1
            if nxt < len(self.quantities) and not self.taken(nxt) \
                    and self.quantities[nxt].start <= limit:
                link = _PARENS.sub(" ", self.text[last.end:self.quantities[nxt].start])
                if _COORD.fullmatch(link) and not _VERB_IN_LINK.search(link) \
                        and not _VERB_AFTER_AND.search(link) \
                        and not _OWN_PREDICATE.match(self.text, self.quantities[nxt].end) \
                        and not _PART_AFTER.match(self.text, self.quantities[nxt].end) \
                        and not _FATE_AFTER.match(self.text, self.quantities[nxt].end):
                    found.append(nxt)
                    continue
            one = _AND_ONE.match(self.text, last.end, limit)
            if one:
                extra = 1
            return found, extra

    def left(self, start: int, floor: int, max_words: int, breaks: bool = True) -> list[int]:
        """The nearest usable quantity before ``start``, with any it is coordinated with
        ("4 militia members and 3 militants were killed" = 4 + 3); [] when none.
        ``breaks``: whether a clause break between them forbids the pairing."""
        for i in range(len(self.quantities) - 1, -1, -1):
            q = self.quantities[i]
            if q.end > start or q.start < floor:
                continue
            gap = _PARENS.sub(" ", self.text[q.end:start])
            if _words(gap) > max_words or (breaks and _CLAUSE_BREAK.search(gap)) \
                    or self.taken(i):
                return []
            if self.kind == "killed" and not self.cyrillic and (
                    _AGENT_BEFORE.search(self.text, max(floor, q.start - 12), q.start)
                    or _HURT_ASIDE.search(self.text, q.end, start)
                    or (" who " in gap and _words(gap.split(" who ")[0]) > 3)):
                return []  # "attacked by a group of thugs ... and succumbed": the doers
            found = [i]
            while i > 0:
                prev = self.quantities[i - 1]
                link = _PARENS.sub(" ", self.text[prev.end:self.quantities[i].start])
                if prev.start < floor or self.taken(i - 1) or not _COORD.fullmatch(link) \
                        or _VERB_IN_LINK.search(link) \
                        or _SUBSET_AFTER.match(self.text, self.quantities[i].end) \
                        or self.object_of_other(i - 1):
                    # "30 relatives gathered, 5 of them were detained": a part of the
                    # figure before, not a group beside it
                    break
                i -= 1
                found.insert(0, i)
            if self.kind == "killed" and found[0] > 0:
                # "At least six persons, including a magistrate, two guards and an infant
                # were killed": the figures after "including" are part of the one before
                whole = found[0] - 1
                link = _PARENS.sub(" ", self.text[self.quantities[whole].end:q.start])
                if not self.taken(whole) and self.quantities[whole].start >= floor \
                        and _INCLUDING_IN.search(link) and not _VERB_IN_LINK.search(link) \
                        and not _CLAUSE_BREAK.search(link):
                    self.used.update(found)
                    return [whole]
            return found
        return []


class CountStage:
    """Assigns ``doc.counts``: every count of people stated, in text order."""

    name = "counts"
    requires: tuple[str, ...] = ("text", "sentences", "lang")
    assigns: tuple[str, ...] = ("counts",)

    def __call__(self, doc: Document) -> None:
        doc.counts = find_counts(doc)


def _tag_counts(doc: Document) -> list[Count]:
    """Counts from coders' tags: crowd size, and fatalities split over several events."""
    out: list[Count] = []
    low = twin_text(doc.text)
    if low is not None and not (_SPLIT_TAG_RULE.may_match(low) or _SIZE_TAG_RULE.may_match(low)):
        return out  # neither tag's word is in the text
    for m in _SPLIT.finditer(doc.text):
        n = int(m[1])
        out.append(Count("killed", n, n, m[0], m.start(), m.end(), doc.sentence_of(m.start())))
    for m in _TAG.finditer(doc.text):
        value = m[1].strip()
        if _NOT_PEOPLE.search(value):
            continue
        rng = parse_quantity(value)
        if rng is None:
            found = find_quantities(value)
            rng = (found[0].min, found[0].max) if found else None
        if rng is None:
            continue
        out.append(Count("participants", rng[0], rng[1], m[0], m.start(), m.end(),
                         doc.sentence_of(m.start())))
    return out


def find_counts(doc: Document) -> list[Count]:
    """Every count in ``doc`` (sentences must be set), ordered by position."""
    text = doc.text
    cyrillic = (doc.lang or "") in ("ru", "tg", "uk", "be", "kk", "ky", "bg")
    rx, modes = (_RU_RX, _RU_MODES) if cyrillic else (_EN_RX, _EN_MODES)
    # triggers are found by the twin in the lower-cased text where it may stand in
    low = twin_text(text)
    if low is not None:
        rx = _RU_TWIN if cyrillic else _EN_TWIN
    tags = _tag_counts(doc)
    tag_spans = [(c.start, c.end) for c in tags]
    out: list[Count] = list(tags)
    sentences = doc.sentences or []
    for si, sent in enumerate(sentences):
        triggers = list(rx.finditer(text if low is None else low, sent.start, sent.end))
        if not triggers:
            continue
        # Figures inside a date ("21-03-2020", "24 марта") are no counts; doc.dates is
        # there when the dates stage ran first, as in the default pipeline.
        skip = tag_spans + [(d.start, d.end) for d in (*doc.dates, *doc.deadlines)]
        # the cheap overlap test first: a figure inside a date needs no reading of context
        qs = [q for q in find_quantities(text, sent.start, sent.end, doc.lang)
              if not any(q.start < b and a < q.end for a, b in skip)
              and _usable(q, text, low, sent.start)]
        # "The three smugglers were killed": a figure after "the" may state the dead where
        # no other count of them stands; other kinds leave it (people told of before)
        definite = {i for i, q in enumerate(qs) if _definite(q, text, low, sent.start)}
        matcher = _Matcher(doc, qs, definite)
        matcher.verbs = [(m.end(), modes[(m.lastindex or 1) - 1][0]) for m in triggers]
        # What happened to people outranks taking part: in "Two protesters were killed"
        # the figure belongs to "killed", so participants pick last; but a figure right
        # after "a crowd of", "attended by" is the crowd's, so those rank as the rest.
        ranked = sorted(((modes[(m.lastindex or 1) - 1], m) for m in triggers),
                        key=lambda km: (km[0][0] == "participants" and km[0][1] != RIGHT,
                                        km[1].start()))
        for (kind, mode), m in ranked:
            if any(a <= m.start() < b for a, b in tag_spans) \
                    or (kind == "detained" and _of_detained(text, m, sent.start)):
                continue
            c = _attach(matcher, m, kind, mode, sent.start, sent.end, si)
            if c is not None:
                out.append(c)
    out.sort(key=lambda c: c.start)
    # "a ranger killed or hurt by sniper fire": who died is not known
    return [c for c in out if not (c.kind == "killed" and _OR_WOUNDED.match(text, c.end))]


_OR_WOUNDED = re.compile(r"\s+or\s+(?:wounded|injured|hurt)\b", re.IGNORECASE)

# People who stand to the detained as kin, counsel or those who wait for them: "30
# relatives of detainees", "родственники задержанных", "ждут задержанных". Their figure is
# a crowd's, not the detained's. (Russian: only the noun forms; "родственники задержаны"
# says the relatives were held.)
_KIN_OF_DETAINED = re.compile(
    r"(?:\b(?:relatives?|famil(?:y|ies)|family\s+members|friends?|lawyers?|wives|mothers"
    r"|parents|kin|loved\s+ones|supporters)\s+of\s+(?:(?:the|those|their|some|all)\s+)?"
    r"|\b(?:wait(?:ed|ing|s)?|await(?:ed|ing|s)?)\s+(?:for\s+)?(?:(?:the|their)\s+)?)$"
    r"|(?:\b(?:родственник|родн|близк|друз|знаком|адвокат|защитник|жён|жен|матер|сем[ьей]"
    r"|сторонник|коллег)\w*|(?<!\w)(?:жд|ожида|встреча)\w*)\s+(?:(?:своих|всех|ранее)\s+)?"
    r"(?=(?:задержанн|арестованн|осужденн|осуждённ)\w*$)", re.IGNORECASE)
_DETAINED_NOUN_RU = re.compile(r"(?:задержанн|арестованн|осужденн|осуждённ)\w*", re.IGNORECASE)


def _of_detained(text: str, m: re.Match[str], s_start: int) -> bool:
    """Whether a 'detained' trigger ``m`` names the detained only as those others stand
    to ("relatives of detainees", "ждут задержанных"), so that no figure before it is
    theirs."""
    lo = max(s_start, m.start() - 50)
    if _DETAINED_NOUN_RU.fullmatch(m[0]):
        return bool(_KIN_OF_DETAINED.search(text[lo:m.start()] + m[0]))
    return bool(_KIN_OF_DETAINED.search(text, lo, m.start()))


def _attach(mt: _Matcher, m: re.Match[str], kind: str, mode: str,
            s_start: int, s_end: int, si: int) -> Count | None:
    """The count a trigger states, or None."""
    text = mt.text
    mt.kind = kind
    found: list[int] = []
    extra = 0
    if mode == INSIDE:
        inside = [i for i, q in enumerate(mt.quantities)
                  if m.start() <= q.start < m.end() and not mt.taken(i)]
        if not inside:
            return None
        mt.used.update(inside)
        lo = _tally(kind, [mt.quantities[i] for i in inside])
        return Count(kind, lo, lo, text[m.start():m.end()], m.start(), m.end(), si)
    if mode in (OBJECT, SELF):
        inside = [i for i, q in enumerate(mt.quantities)
                  if m.start() <= q.start < m.end() and not mt.taken(i)]
        mt.used.update(inside)
        n = sum(mt.quantities[i].min for i in inside) if inside and mode == OBJECT else 1
        if mode == OBJECT and kind == "killed" and not mt.cyrillic:
            # "left three shoppers and a policeman dead", "resulted in a guard and a
            # robber killed"
            span = text[mt.quantities[inside[-1]].end if inside else m.start():m.end()]
            n += len(_AND_PERSON.findall(span))
        return Count(kind, n, n, text[m.start():m.end()], m.start(), m.end(), si)
    before = text[max(s_start, m.start() - 30):m.start()]
    # passive auxiliaries, read in the lower-cased text where there is one
    lowered = mt.low is not None
    aux = before if mt.low is None else mt.low[max(s_start, m.start() - 30):m.start()]
    plural = _PLURAL_RULE.search(aux, lowered)
    singular = _SINGULAR_RULE.search(aux, lowered)
    if kind == "killed" and not mt.cyrillic and not (plural or singular):
        # "A ranger was ambushed by masked men and killed", "were abducted by
        # rebels and later executed": the auxiliary of the first verb serves both
        far = _PASSIVE_AND.search(text, max(s_start, m.start() - 160), m.start())
        if far:
            plural, singular = far[1].lower() in _PLURAL_AUX, far[1].lower() not in _PLURAL_AUX
    passive = plural or singular
    if mode in (ACTIVE, RIGHT, BOTH) and not (mode == ACTIVE and passive):
        idx = mt.right(m.end(), s_end)
        if idx is not None:
            found, extra = mt.following(idx, s_end)
    if not found:
        most = _MAX_DEAD_LEFT_WORDS if kind == "killed" else _MAX_LEFT_WORDS
        max_words = {NEAR: _MAX_NEAR_WORDS, RIGHT: 0, ACTIVE: most if passive
                     else _MAX_ACTIVE_LEFT_WORDS}.get(mode, most)
        if mode == ACTIVE and not passive and not mt.cyrillic and kind == "killed":
            if _THEM.match(text, m.end()):
                # "ambushed two police personnel on the highway, killing them"
                max_words = _MAX_DEAD_LEFT_WORDS // 2
            elif _HAS_OBJECT.match(text, m.end()):
                max_words = -1  # a figure before the verb counts its doers
            elif _NO_OBJECT.match(text, m.end()):
                # a participle, headline style: "5 rebels and bandits killed and 2
                # injured", "5 guards from the border police force killed in the raid"
                max_words = _MAX_PARTICIPLE_WORDS
        if mt.cyrillic and kind == "killed" and _KILLED_ACTIVE_RU.fullmatch(m[0]) \
                and _ONE_AFTER_RU.match(text, m.end()):
            max_words = -1  # "Двое мужчин убили полицейского": the figure counts the killers
        found = mt.left(m.start(), s_start, max_words) if max_words >= 0 else []
        if not found and kind == "killed" and not mt.cyrillic and _THEY_BEFORE.search(before):
            # "3 guards were taken to a clinic where they died"
            found = mt.left(m.start(), s_start, _MAX_DEAD_LEFT_WORDS, breaks=False)
        if found and max_words == _MAX_PARTICIPLE_WORDS and _words(
                text[mt.quantities[found[-1]].end:m.start()]) > _MAX_ACTIVE_LEFT_WORDS \
                and _VERB_BEFORE.search(text, mt.quantities[found[-1]].end, m.start()):
            found = []
    if kind == "participants" and any(_COMPOUND.match(text, mt.quantities[i].end) for i in found):
        return None  # "40-летия Победы", "a 20-party alliance": no crowd
    if found:
        mt.used.update(found)
        if kind == "participants" and mode == RIGHT:  # "группа из 25": the group is the 25
            mt.used.update(i for i, q in enumerate(mt.quantities) if m.start() <= q.start < m.end())
        qs = [mt.quantities[i] for i in found]
        lo = _tally(kind, qs) + extra
        hi = None if any(q.max is None for q in qs) else sum(q.max or 0 for q in qs) + extra
        if mode == RIGHT and hi is not None and re.match(r"(?:до|to)\s", qs[0].text, re.I):
            lo = hi  # "число погибших возросло до 143": the figure reached, not a bound
        start, end = min(qs[0].start, m.start()), max(qs[-1].end, m.end())
        if extra:
            tail = _AND_ONE.match(text, qs[-1].end, s_end)
            end = tail.end() if tail else end
        if kind == "killed" and mt.cyrillic:
            more, start, end = _more_dead_ru(mt, qs, m, s_start, s_end, start, end)
            lo += more
            hi = None if hi is None else hi + more
        elif kind == "killed":
            more, start, end = _more_dead(mt, qs, m, s_start, s_end, start, end)
            lo += more
            hi = None if hi is None else hi + more
        return Count(kind, lo, hi, text[start:end], start, end, si)
    one = _singular(mt, m, kind, mode, before, plural, singular, si, s_start)
    if one is not None and kind == "killed" and not mt.cyrillic and one.min == one.max == 1:
        n, end = _along_with(mt, max(one.end, m.end()), s_end)
        if n:
            one = Count(kind, 1 + n, 1 + n, text[one.start:end], one.start, end, si)
    return one


# Others named beside the counted ones, each one more dead: "A police captain and four
# smugglers were killed", "Two bandits and a ranger were killed", "3 guards were killed
# along with 11 attackers", "killed two porters along with their driver".
_ONE_BEFORE = re.compile(
    rf"(?<![\w'’-])(?:an?|one|the)\s+(?:[\w'’()-]+\s+){{0,5}}?{_PERSON}(?:\s+[\w'’()-]+){{0,5}}?"
    r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+|along\s+with\s+)?|\s+(?:and|as\s+well\s+as|along\s+with)\s+)"
    r"(?:(?:his|her|their)\s+)?$",
    re.IGNORECASE)
_AND_PERSON = re.compile(
    rf"\b(?:and|as\s+well\s+as)\s+(?:a|an|one|another|his|her|their)\s+(?:[\w'’-]+\s+){{0,4}}?"
    rf"{_PERSON}\b", re.IGNORECASE)
_SUBSET_IN = re.compile(r"\b(?:including|incl\.|among|of\s+whom|of\s+them)\b", re.IGNORECASE)
_ALONG_WITH = re.compile(r"(?:\s+(?!(?:and|but|when|while|as|after|before|were|was)\b)"
                         r"[\w'’()-]+){0,6}?"
                         r"[\s,]+(?:(?:along|together)\s+with|as\s+well\s+as|in\s+addition\s+to)\s+"
                         r"(?:(?:his|her|their)\s+)?", re.IGNORECASE)
# "one border guard was killed and 2 smugglers too"
_AND_TOO = re.compile(r"\s+and\s+(?=\S+(?:\s+[\w'’-]+){0,3}?\s+(?:too|also|as\s+well)\b)",
                      re.IGNORECASE)
_WITH_ONE = re.compile(rf"(?:an?|one|another|his|her|their)?\s*(?:[\w'’-]+\s+){{0,3}}?{_PERSON}\b",
                       re.IGNORECASE)


def _along_with(mt: _Matcher, pos: int, s_end: int) -> tuple[int, int]:
    """How many more dead "along with ..." names right after ``pos``, and where it ends."""
    w = _ALONG_WITH.match(mt.text, pos, s_end) or _AND_TOO.match(mt.text, pos, s_end)
    if not w:
        return 0, pos
    for i, q in enumerate(mt.quantities):
        if q.start == w.end() and not mt.taken(i):
            mt.used.add(i)
            return q.min, q.end
    if w.re is _AND_TOO:
        return 0, pos
    one = _WITH_ONE.match(mt.text, w.end(), s_end)
    return (1, one.end()) if one else (0, pos)


def _more_dead_ru(mt: _Matcher, qs: list[Quantity], m: re.Match[str], s_start: int,
                  s_end: int, start: int, end: int) -> tuple[int, int, int]:
    """Russian :func:`_more_dead`: "погибли трое мирных жителей и полицейский",
    "Полицейский и двое прохожих погибли"."""
    text, more = mt.text, 0
    if qs[0].start > m.start():  # figures after the verb
        tail = _AND_ONE_RU.match(text, qs[-1].end, s_end)
        if tail and not _VERB_IN_LINK.search(tail[0]):
            more, end = 1, max(end, tail.end())
    else:
        pre = _ONE_AND_RU.search(text, max(s_start, qs[0].start - 60), qs[0].start)
        if pre:
            more, start = 1, min(start, pre.start())
        tail = _AND_ONE_RU.match(text, qs[-1].end, m.start())
        if tail:
            more += 1
    return more, start, end


def _more_dead(mt: _Matcher, qs: list[Quantity], m: re.Match[str], s_start: int, s_end: int,
               start: int, end: int) -> tuple[int, int, int]:
    """Dead named beside the figures ``qs`` of a 'killed' trigger ``m`` without a figure of
    their own; with the count's new start and end."""
    text, more = mt.text, 0
    if qs[0].start < m.start():  # figures before the verb: "A captain and four smugglers were"
        lo = max(s_start, qs[0].start - 100)
        pre = _ONE_BEFORE.search(_PARENS.sub(lambda p: " " * len(p[0]), text[lo:qs[0].start]))
        if pre and not _CLAUSE_BREAK.search(pre[0]) and not _VERB_IN_LINK.search(pre[0]):
            more += 1
            start = min(start, lo + pre.start())
        mid = _PARENS.sub(" ", text[qs[-1].end:m.start()])
        if _AND_PERSON.search(mid) and not _VERB_IN_LINK.search(mid.split(" and ")[0]) \
                and not _SUBSET_IN.search(mid):
            more += 1
    n, after = _along_with(mt, max(end, m.end()), s_end)
    return more + n, start, max(end, after)


# Round estimates of people held or expelled are tallied conservatively: "about 70 taken
# to police stations" is at least 63. Fatalities and crowd sizes keep the stated figure,
# as ACLED codes them ("about 10 killed" is coded 10).
_APPROX_KINDS = frozenset({"detained", "deported", "injured"})
_APPROX_SHARE = 0.9


def _tally(kind: str, qs: list[Quantity]) -> int:
    """The conservative sum of coordinated quantities for a count of ``kind``."""
    if kind in _APPROX_KINDS:
        return sum(int(q.min * _APPROX_SHARE) if q.approx else q.min for q in qs)
    if kind == "killed":
        # "killing as many as nine": ACLED codes the figure stated; "an unknown number",
        # "several" or "many" dead ("несколько погибших") it codes as 10
        return sum(q.max if q.max is not None and _AS_MANY_AS.match(q.text)
                   else max(q.min, _UNKNOWN_DEAD) if _UNKNOWN_NUMBER.match(q.text) else q.min
                   for q in qs)
    return sum(q.min for q in qs)


_WORD_REST = re.compile(r"[\w'’-]*")
_AS_MANY_AS = re.compile(r"as\s+many\s+as\b", re.IGNORECASE)
_UNKNOWN_NUMBER = re.compile(r"(?:an\s+)?unknown\s+number\b|(?:several|many|numerous|multiple"
                             r"|a\s+number\s+of|нескольк\w*|многие|многих|множеств\w*"
                             r"|неизвестн\w+\s+числ\w*)\b", re.IGNORECASE)
_UNKNOWN_DEAD = 10


# Russian singular objects: "арестовал 23-летнего гражданина", "задержали мужчину".
_ONE_AFTER_RU = re.compile(
    r"[^.;:]{0,40}?(?<!\w)(?:\d+-летн(?:его|юю|ий|яя)|гражданина|гражданку|мужчину|женщину|"
    r"жителя|жительницу|уроженца|уроженку|мигранта|подозреваемого|обвиняемого|брата|мужа|"
    r"сына|курьера|рабочего|водителя|таксиста|продавца|торговца|студента|подростка|парня|"
    r"девушку|человека|полицейского|сотрудника|военного|военнослужащего|охранника|журналиста|"
    r"предпринимателя|бизнесмена|пенсионера|пенсионерку|школьника|школьницу|ребёнка|ребенка|"
    r"мальчика|девочку|солдата|офицера|командира|боевика|пассажира|прохожего|жену|мать|отца)(?!\w)",
    re.IGNORECASE)
# "избили брата и ещё двоих ребят": one named person plus N more.
_AND_MORE_RU = re.compile(r"(?:[^.;:()]|\([^)]*\)){1,60}?\s+и\s+ещ[её]\s+$", re.IGNORECASE)


# Russian (and Tajik) persons, nominative singular: "погибли трое мирных жителей и
# полицейский", "Водитель и пассажир погибли".
_PERSON_RU = (r"(?:полицейский|военнослужащий|военный|сотрудник\w*|мигрант|гражданин|гражданка"
              r"|мужчина|женщина|ребёнок|ребенок|подросток|водитель|пассажир(?:ка)?|житель(?:ница)?"
              r"|студент(?:ка)?|рабочий|охранник|прохожий|боевик|солдат|офицер|командир"
              r"|журналист(?:ка)?|врач|продавец|продавщица|таксист|курьер|пенсионер(?:ка)?"
              r"|школьник|школьница|девушка|парень|юноша|мальчик|девочка|уроженец|уроженка"
              r"|иностранец|предприниматель|фермер|пограничник|силовик|волонт[её]р|участковый"
              r"|инспектор|охранница|сторож|строитель|дворник|сын|дочь|отец|мать|брат|муж|жена)")
_AND_ONE_RU = re.compile(rf"(?:\s+[\w-]+){{0,3}}?\s+и\s+(?:ещё\s+|еще\s+)?(?:один\s+|одна\s+)?"
                         rf"(?:[\w-]+(?:ый|ий|ой|ая|яя)\s+)?{_PERSON_RU}(?!\w)", re.IGNORECASE)
_ONE_AND_RU = re.compile(rf"(?<!\w)(?:один\s+|одна\s+)?(?:[\w-]+(?:ый|ий|ой|ая|яя)\s+)?{_PERSON_RU}"
                         r"\s+и\s+$", re.IGNORECASE)
_PAIR_RU = re.compile(rf"(?<!\w)(?:[\w-]+(?:ый|ий|ой|ая|яя)\s+)?{_PERSON_RU}\s+и\s+"
                      rf"(?:[\w-]+(?:ый|ий|ой|ая|яя)\s+)?{_PERSON_RU}\s+(?:[\w-]+\s+)?$",
                      re.IGNORECASE)
# Verb forms that say one person died or was killed: "Водитель погиб", "убит мигрант".
_ONE_DEAD_RU = re.compile(r"(?:погиб|погибла|убит|убита|скончался|скончалась|умер|умерла|застрелен"
                          r"|застрелена|расстрелян|расстреляна|ҳалок\s+шуд|кушта\s+шуд)",
                          re.IGNORECASE)
# An active verb of killing: a figure before it counts the killers ("Двое мужчин убили
# полицейского").
_KILLED_ACTIVE_RU = re.compile(r"(?:убил[иа]?|застрелил[иа]?|расстрелял[иа]?)", re.IGNORECASE)
# "не погиб", "никто больше не пострадал", "больше никого не задержали"
_NOT_RU = re.compile(r"(?:\bне|\bникто\s+не|\bникого\s+не)\s*$", re.IGNORECASE)


def _killed_ru(mt: _Matcher, m: re.Match[str], si: int) -> Count | None:
    """One dead (or two named one by one) for a Russian verb of death with no figure."""
    text = mt.text
    before = text[max(0, m.start() - 60):m.start()]
    if _NOT_RU.search(before):
        return None
    if _ONE_DEAD_RU.fullmatch(m[0]):
        return Count("killed", 1, 1, text[m.start():m.end()], m.start(), m.end(), si)
    pair = _PAIR_RU.search(before)
    if pair:  # "Водитель и пассажир погибли"
        start = m.start() - len(before) + pair.start()
        return Count("killed", 2, 2, text[start:m.end()], start, m.end(), si)
    one = _ONE_AFTER_RU.match(text, m.end()) if _KILLED_ACTIVE_RU.fullmatch(m[0]) else None
    if one:
        return Count("killed", 1, 1, text[m.start():one.end()], m.start(), one.end(), si)
    return None


def _singular_ru(mt: _Matcher, m: re.Match[str], kind: str, si: int) -> Count | None:
    """One person (or one plus N more) after a Russian verb of detention, expulsion or
    beating; one dead after a verb of death."""
    if kind == "killed":
        return _killed_ru(mt, m, si)
    if kind not in _APPROX_KINDS or _NOT_RU.search(mt.text, max(0, m.start() - 60), m.start()):
        # "Никто больше не пострадал, полиция ищет мужчину": nobody, not the man
        return None
    for i, q in enumerate(mt.quantities):
        if q.start >= m.end() and q.start - m.end() <= 70 and not mt.taken(i) \
                and _AND_MORE_RU.fullmatch(mt.text, m.end(), q.start):
            mt.used.add(i)
            n = q.min + 1
            return Count(kind, n, n, mt.text[m.start():q.end], m.start(), q.end, si)
    one = _ONE_AFTER_RU.match(mt.text, m.end())
    if one:
        # "избили мигранта и его брата": one more, named by kinship
        kin = _AND_KIN_RU.match(mt.text, one.end())
        n, end = (2, kin.end()) if kin else (1, one.end())
        return Count(kind, n, n, mt.text[m.start():end], m.start(), end, si)
    return None


_AND_KIN_RU = re.compile(r"\s+и\s+(?:его|её|ее|их|своего|свою)\s+(?:брата|сына|отца|мужа|жену"
                         r"|сестру|дочь|мать|друга|подругу|знакомого|знакомую|родственника"
                         r"|родственницу|коллегу|напарника|племянника|дядю|супруга|супругу)(?!\w)",
                         re.IGNORECASE)


# A sentence that opens with one person: "A taxi driver, who ...", "Another firebomb victim".
_LEAD_ONE = re.compile(rf"\W*(?:on\s+\w+\s+\w+,\s*)?((?:an?|one|another)\s+"
                       rf"(?:[\w'’()-]+\s+){{0,4}}?{_PERSON}(?:\s+of\s+(?:the\s+)?[\w'’()-]+){{0,2}})"
                       r"\b(?=,|\s+who\b)", re.IGNORECASE)


# "Market Traders Union President Tomas Reyel, who succumbed"
_ONE_WHO = re.compile(rf"(?:\b{_PERSON}|\b[A-Z][\w'’-]+),?\s+who\s+(?:later\s+|eventually\s+)?$")
# Others named after one victim: ", his brother, and their uncle", "and three others".
_AND_HIS = re.compile(rf"(?:\s+[A-Z][\w'’.-]*){{0,4}}(?:\s+(?:in|at|of|from)\s+[A-Z][\w'’.-]*)?"
                      rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:his|her|their)\s+"
                      rf"(?:[\w'’-]+\s+){{0,2}}?{_PERSON}\b")
_AND_OTHERS = re.compile(r"[^.;:()]{0,60}?(?:,\s*and|\s+and|,)\s+$")
_OTHERS_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+){0,1}others?\b")


def _others_after(mt: _Matcher, pos: int, end: int, s_end: int) -> tuple[int, int]:
    """How many more people of the count's kind are named after one ending at ``pos``
    ("a vendor and his son", "a trader and two others"), and the new end."""
    more = 0
    while True:
        his = _AND_HIS.match(mt.text, pos, s_end)
        if not his:
            break
        more, pos, end = more + 1, his.end(), max(end, his.end())
    for i, q in enumerate(mt.quantities):
        if q.start < pos or mt.taken(i) or not _AND_OTHERS.fullmatch(mt.text, pos, q.start) \
                or _CLAUSE_BREAK.search(mt.text, pos, q.start) \
                or _VERB_IN_LINK.search(mt.text, pos, q.start):
            continue
        others = _OTHERS_AFTER.match(mt.text, q.end)
        if others and not _OWN_PREDICATE.match(mt.text, others.end()):
            mt.used.add(i)
            return more + q.min, max(end, q.end)
    return more, end


def _singular(mt: _Matcher, m: re.Match[str], kind: str, mode: str, before: str,
              plural: bool, singular: bool, si: int, s_start: int = 0) -> Count | None:
    """One person: "a civilian was killed", "He died", "killing a policeman". ``plural``
    and ``singular`` say whether ``before`` ends with a passive auxiliary of that number."""
    text = mt.text
    if mt.cyrillic and kind != "participants":
        return _singular_ru(mt, m, kind, si)
    if kind == "participants" or mt.cyrillic or _NOBODY.search(before):
        return None
    wide = text[max(0, m.start() - 120):m.start()]
    if plural or mode == PASSIVE:
        # "A Green Banner (GB) activist and a River Party man were killed"
        blank = _PARENS.sub(lambda p: " " * len(p[0]), wide)
        pair = _PAIR.search(blank)
        if pair is None and kind == "killed" and m.start() - len(wide) <= s_start:
            lead = text[s_start:m.start()]
            pair = _PAIR_LEAD.search(_PARENS.sub(lambda p: " " * len(p[0]), lead))
            wide = lead
        if pair:  # "a teacher and a ferry pilot were stabbed to death"
            start = m.start() - len(wide) + pair.start()
            return Count(kind, 2, 2, text[start:m.end()], start, m.end(), si)
    if mode in (ACTIVE, RIGHT) and not singular and not plural:
        one = _ONE_AFTER.match(text, m.end()) or _NAME_AFTER.match(text, m.end()) \
            or (kind == "killed" and (_ONE_OBJECT.match(text, m.end())
                                      or _A_PERSONNEL.match(text, m.end())))
        if one:
            end = text.find(" ", one.end())
            end = len(text) if end < 0 else end
            # "killed a shepherd, his brother, and their uncle", "beat a vendor and his son",
            # "detained a trader and two others"
            sents = mt.doc.sentences
            s_end = sents[si].end if 0 <= si < len(sents) else len(text)
            word_end = _WORD_REST.match(text, one.end())
            more, end = _others_after(mt, word_end.end() if word_end else one.end(), end, s_end)
            n = 1 + more
            return Count(kind, n, n, text[m.start():end].rstrip(",."), m.start(), end, si)
        if mode == ACTIVE and kind == "killed" and _NO_OBJECT.match(text, m.end()):
            subject = _PERSON_BEFORE.search(_PARENS.sub("", before))
            if subject:  # a participle after one person: "Trader killed in Kunduz"
                start = m.start() - len(before) + subject.start()
                return Count(kind, 1, 1, text[start:m.end()], start, m.end(), si)
        return None
    if not singular and mode == PASSIVE and kind == "killed":
        # "A taxi driver, who was badly burnt in ..., died in hospital": the
        # sentence's subject is one person and no one else is named before the verb
        head = text[s_start:m.start()]
        subject = _LEAD_ONE.match(head)
        if subject and re.match(r",?\s+who\b", head[subject.end():]) \
                and not re.search(r"\band\b", head[:subject.end()]):
            return Count(kind, 1, 1, text[s_start + subject.start(1):m.end()],
                         s_start + subject.start(1), m.end(), si)
    if singular or (mode == PASSIVE and kind == "killed"
                    and (_SINGULAR_SUBJECT.search(_PARENS.sub("", before))
                         or _ONE_WHO.search(before))):
        start = m.start() - len(before)
        space = text.find(" ", start, m.start())
        start = space + 1 if space >= 0 and start > 0 and text[start - 1].isalnum() else start
        return Count(kind, 1, 1, text[start:m.end()], start, m.end(), si)
    return None


_TOTAL = re.compile(r"(?:total\s+)?fatalit|split|death\s+toll"
                    r"|число\s+(?:погибших|жертв|убитых|задержанных)|всего|in\s+total"
                    r"|a\s+total\s+of", re.IGNORECASE)


_CAMPAIGN = re.compile(r"\b(?:ongoing|so\s+far|since|this\s+year|campaign|blockade|hartal|agitation"
                       r"|movement|unrest|nationwide|countrywide|in\s+the\s+(?:district|country|state"
                       r"|province|region))\b", re.IGNORECASE)
_ADDITIONAL = re.compile(r"\b(?:also|another|more|others?|additional|further|as\s+well|too"
                         r"|ещё|еще|также|други[ех])\b", re.IGNORECASE)


_BACKGROUND = re.compile(
    r"\b(?:against|over|protest\w*|condemn\w*|demand\w*|justice|compensat\w*|remembrance"
    r"|memory|anniversary|mourn\w*|outrage\w*|anger\w*|after|following|trigger\w*|spark\w*"
    r"|because|since|probe|investigat\w*|против|из-за|после|в\s+связи\s+с|память)\b[^.;]*$",
    re.IGNORECASE)
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied)|strike|shutdown|bandh"
                      r"|hartal|blockade|blocked|sit-in|митинг\w*|пикет\w*|протест\w*|акци\w+)",
                      re.IGNORECASE)


def is_background(doc: Document, count: Count) -> bool:
    """True for a count given as the reason for something else, not as what happened:
    "protested against the killing of two labourers", "rioted after a laborer died"."""
    sent = doc.sentences[count.sentence] if 0 <= count.sentence < len(doc.sentences) else None
    s_start = sent.start if sent else 0
    before = doc.text[s_start:count.start]
    if not _BACKGROUND.search(before[-80:]):
        return False
    sentence = doc.text[s_start:sent.end] if sent else doc.text
    return bool(_PROTEST.search(sentence))


# A figure that refers back to dead already counted: "one of those killed", "2 among the
# five killed", "из них", "среди погибших".
_SUBSET_REF = re.compile(
    r"\b(?:of\s+(?:those|them|whom|the\s+dead|the\s+victims)|among\s+(?:the|those|them|whom)"
    r"|из\s+(?:них|которых)|среди\s+(?:них|погибших|убитых))\b", re.IGNORECASE)
# One who killed only himself: the bomber is not added to the dead of his attack.
_SELF_ONLY = re.compile(r"\b(?:blew\s+(?:himself|herself|themselves)\s+up|committed\s+suicide"
                        r"|killing\s+(?:himself|herself|themselves))\b", re.IGNORECASE)
# The clause a figure stands in gives the cause or the background of the event, not a
# death in it: "rioted after a teacher died", "lynched ... over the deaths of three
# patients", "against the killing of", "в связи с гибелью".
_DEATH_NOUN = r"(?:deaths?|killings?|murders?|lynching|assassination|гибел\w+|смерт\w+|убийств\w+)"
_CAUSE_BEFORE = re.compile(
    r"(?:\b(?:after|following|since|in\s+(?:the\s+)?wake\s+of|in\s+retaliation\s+(?:for|to)"
    r"|in\s+revenge\s+for|to\s+avenge|после|из-за|в\s+связи\s+с)\b"
    r"|\bdemand\w*\s+(?:[\w'’-]+\s+){0,3}?(?:justice|arrest|action|compensation|probe"
    r"|investigation|punishment)\b|\bjustice\s+for\b"
    # "rioted against the bombing of a mosque that left 23 dead"
    r"|\b(?:against|condemn\w*)\s+[^,;:.()]{0,60}?\b(?:that|which|in\s+which)\b"
    rf"|\b(?:over|against|protest\w*|condemn\w*|против)\s+(?:[\w'’-]+\s+){{0,2}}?{_DEATH_NOUN}"
    r"(?:\s+(?:of|за)\b|(?<=death)|(?<=deaths)))[^,;:.()]{0,80}$", re.IGNORECASE)
# "who was killed", "which killed", "that left 23 dead": a relative clause about someone
# named before, or an earlier attack.
_RELATIVE_BEFORE = re.compile(r"\b(?:who|whom|который|которая|которые)\s+"
                              r"(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
_MORE_BEFORE = re.compile(r"\b(?:also|another|further|additionally|moreover|ещё|еще|также)\b"
                          r"[^,;:.()]*$", re.IGNORECASE)
_MORE_AFTER = re.compile(r"[^.;:]{0,40}?\b(?:as\s+well|too)\b", re.IGNORECASE)
# "The bodies of five rebel fighters were found": the other side's dead, told apart
_BODIES = re.compile(r"\bbodies\b", re.IGNORECASE)
_RETALIATION = re.compile(r"\b(?:retaliat\w*|responded|in\s+response"
                          r"|return(?:ed|ing)?\s+(?:gun)?fire|fired\s+back|counter-?attack\w*"
                          r"|ответн\w+)", re.IGNORECASE)
# A person named again with the definite article: "the herder was a smuggler and was killed".
_THE_NOUN = re.compile(r"\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?([\w'’-]+)\s*$",
                       re.IGNORECASE)


def _self_only(c: Count) -> bool:
    """Whether ``c`` counts a bomber who killed himself, and no one else."""
    return bool(_SELF_ONLY.search(c.text)) and not _AND_OTHERS_IN.search(c.text)


_AND_OTHERS_IN = re.compile(r"\b(?:and|along\s+with|others?)\b", re.IGNORECASE)


def sentence_before(doc: Document, c: Count, width: int | None = 120) -> str:
    """The text of ``c``'s sentence before it (at most ``width`` characters; None: all)."""
    sent = doc.sentences[c.sentence] if 0 <= c.sentence < len(doc.sentences) else None
    lo = sent.start if sent is not None else 0
    return doc.text[lo if width is None else max(lo, c.start - width):c.start]


def first_words(c: Count) -> str:
    """The words of a count's first piece of evidence (a joined count's parts are kept
    with " … " between them)."""
    return c.text.split(" … ")[0]


def is_cause(doc: Document, c: Count) -> bool:
    """True for a count that gives the cause of what happened or an earlier event:
    "protested after a teacher died", "after one sentry was killed by a landmine"."""
    return bool(_CAUSE_BEFORE.search(sentence_before(doc, c) + c.text))


# "leaving him dead", "shot Sadiq dead", "he succumbed": someone named before.
_HIM_AGAIN = re.compile(r"^(?:(?:left|leaving|leaves|shot|shoots?|shooting)\s+"
                        r"(?:him|her|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:dead|to\s+death|killed)$"
                        r"|(?:he|she)\s+\w+$"
                        r"|[a-z]+\s+(?:him|her)\b|.*\b(?:leaving|left)\s+(?:him|her)\s+dead$)")


def _named_again(doc: Document, c: Count, first: Count) -> bool:
    """Whether a one-person count names someone an earlier count holds: "Soldiers
    killed one herder ..., the army said that the herder ... was killed"."""
    if c.min != 1 or c.max != 1:
        return False
    if _HIM_AGAIN.search(c.text):
        return True
    m = _THE_NOUN.search(doc.text, max(0, c.start - 60), c.start + c.text.find(" was "))\
        if " was " in c.text else None
    head = m[1].lower() if m else ""
    return len(head) > 2 and head in doc.text[first.start:first.end + 40].lower()


# The sides of a fight, by the nouns that name their dead: a later sentence that tells of
# the other side's dead adds them ("Two guards died when the mine went off. ... a sweep
# of the hills that left four raiders dead").
_SIDES = (
    re.compile(r"\b(?:soldiers?|troops?|troopers?|policem[ae]n|police\w*|constables?|officers?"
               r"|personnel|guards?|jawans?|rangers?|commandos?|servicem[ae]n|militiam[ae]n"
               r"|военнослужащ\w+|военн\w+|солдат\w*|полицейск\w+|сотрудник\w*)\b",
               re.IGNORECASE),
    re.compile(r"\b(?:militants?|insurgents?|rebels?|terrorists?|fighters?|attackers?|assailants?"
               r"|gunmen|bandits?|jihadists?|extremists?|cadres?|ultras?|bombers?"
               r"|боевик\w*|террорист\w*|нападавш\w+)\b", re.IGNORECASE),
    re.compile(r"\b(?:civilians?|villagers?|residents?|passers-by|bystanders?|farmers?"
               r"|мирн\w+\s+жител\w+|жител\w+)\b", re.IGNORECASE),
)


def _side(text: str) -> int | None:
    """Which side of a fight the dead a count's text names belong to, if it says."""
    found = [i for i, rx in enumerate(_SIDES) if rx.search(text)]
    return found[0] if len(found) == 1 else None


# up to the next clause or the agent ("killed by gunmen", "killed when bandits struck")
_NAMED_AFTER = re.compile(r"(?:(?!\b(?:by|and|when|while|as|after|but)\b)[^.;:,()\[\]]){0,30}")


def _named(doc: Document, c: Count) -> str:
    """A count's text with the words just after it, which may name the dead ("the killing
    of two troops", "killing one of the raiders")."""
    m = _NAMED_AFTER.match(doc.text, c.end)
    return c.text.split(" … ")[-1] + (m.group(0) if m else "")


def _other_side(doc: Document, c: Count, first: Count) -> bool:
    """Whether ``c`` names dead of the other side of the fight from ``first``'s."""
    a, b = _side(_named(doc, first)), _side(_named(doc, c))
    return a is not None and b is not None and a != b


def _adds_to(doc: Document, c: Count, first: Count) -> bool:
    """Whether ``c`` names dead not yet counted in an event whose first count is ``first``."""
    if _SUBSET_REF.search(c.text) or _SELF_ONLY.search(c.text) or is_cause(doc, c) \
            or _RELATIVE_BEFORE.search(sentence_before(doc, c, 40)):
        return False
    more = bool(_ADDITIONAL.search(c.text) or _MORE_BEFORE.search(sentence_before(doc, c, 60))
                or _MORE_AFTER.match(doc.text, c.end))
    if not more and _DEFINITE_BEFORE.search(doc.text[max(0, c.start - 12):c.start]):
        lead = find_quantities(c.text[:40])
        if lead and lead[0].start == 0:
            return False  # "the two militants": counted before
    if c.sentence != first.sentence:
        # a later sentence mostly retells the same deaths ("Four bandits were killed
        # ... Officers named the four dead as ..."): it adds when it says so, or tells
        # of the other side's dead ("Police returned fire and killed 3 gunmen")
        return more or (_other_side(doc, c, first) and not _DEFINITE_BEFORE.search(
            doc.text[max(0, c.start - 12):c.start])) or (
            bool(_RETALIATION.search(sentence_before(doc, c, 200)) or _BODIES.search(c.text))
            and c.min != first.min and not _named_again(doc, c, first))
    return more or not _named_again(doc, c, first)


# Another source's figure for the same dead: "..., while officials said 3 died", "; officials
# claim 3", "though officials put the toll at 3".
_OTHER_SOURCE = re.compile(
    r"(?:\b(?:while|whereas|but|though|although|however)\b|;|\s[—–-]\s)[^.;]{0,60}?\b(?:said|says"
    r"|say"
    r"|claim\w*|reported|report|put|told|according|сообщ\w+|заяв\w+|по\s+данным)\b",
    re.IGNORECASE)


def _alternative(doc: Document, first: Count, c: Count) -> bool:
    """Whether ``c`` is another source's figure for the dead ``first`` counts."""
    return c.sentence == first.sentence and c.start > first.end \
        and bool(_OTHER_SOURCE.search(doc.text, first.end, c.start))


def _breakdown(picked: list[Count]) -> bool:
    """Whether the counts after the first add up to it exactly: a toll told, then told
    again incident by incident ("Five men were killed in three shootings. Two died at a
    barber's shop; another ...; two more ...")."""
    rest = picked[1:]
    return len(rest) > 1 and all(c.max == c.min for c in rest) \
        and sum(c.min or 0 for c in rest) == picked[0].min


def event_total(doc: Document, kind: str, first: int = 0) -> Count | None:
    """The figure of ``kind`` for an event whose first sentence is ``first``: :func:`total`
    over that sentence and those after it."""
    return total(doc, kind, range(first, max(len(doc.sentences), first + 1)))


def total(doc: Document, kind: str, sentences: Iterable[int] | None = None) -> Count | None:
    """One figure of ``kind`` for a document (or the given sentences), as ACLED codes one
    event: a stated total ("Total fatalities coded as 5", "death toll rose to 12") wins;
    otherwise the counts are added up ("2 soldiers were killed ... 3 militants were also
    killed" = 5), since each quantity was counted once only. Counts given only as the
    reason for a protest (:func:`is_background`) are left out.

    For the dead, each count after the first must name someone new (:func:`_adds_to`):
    not a subset ("one of those killed"), a person named again ("the herder ... was
    killed"), the dead of an earlier event or the cause of this one (:func:`is_cause`),
    nor another source's figure (the lowest of those stands); a later sentence adds
    only when it says so ("also", "another") or tells of the other side's dead.
    A campaign's toll ("the death toll in the ongoing unrest rose to twelve") is not
    the event's."""
    wanted = None if sentences is None else set(sentences)
    picked = [c for c in doc.counts if c.kind == kind
              and (wanted is None or c.sentence in wanted)
              and (kind == "killed" or not is_background(doc, c))]
    if not picked:
        return None
    if kind == "killed":
        # "the death toll in the ongoing unrest rose to twelve": a campaign's, not the event's
        picked = [c for c in picked if not (_TOTAL.search(c.text) and _CAMPAIGN.search(c.text))]
        if not picked:
            return None
    stated = [c for c in picked if _TOTAL.search(c.text) or c.text.startswith("[")]
    if stated:
        return stated[-1]
    if kind == "participants":  # crowd sizes of one event are restated, not added up
        return max(picked, key=lambda c: c.min or 0)
    if kind == "killed":
        lead = [c for c in picked if not is_cause(doc, c)]
        if not lead:
            return None  # only the dead the event is about: "rioted after a teacher died"
        # "a bomber blew himself up at the gate, killing 9": the bomber counts only when
        # no one else died
        lead = [c for c in lead if not _self_only(c)] or lead
        if _breakdown(lead):
            return lead[0]
        # "Elders said 5 people died, while officials said 3 died": the figures of other
        # sources are alternatives, of which the lowest stands (ACLED's conservative rule)
        alts = [c for c in lead[1:] if _alternative(doc, lead[0], c)]
        first = min([lead[0], *alts], key=lambda c: c.min or 0)
        picked = [first] + [c for c in lead[1:]
                            if c not in alts and c is not first and _adds_to(doc, c, lead[0])]
    else:
        # A later sentence mostly retells the same figure: it adds when it says so.
        first_sentence = picked[0].sentence
        picked = [c for c in picked
                  if c.sentence == first_sentence or _ADDITIONAL.search(c.text)]
    if len(picked) == 1:
        return picked[0]
    lo = sum(c.min or 0 for c in picked)
    hi = None if any(c.max is None for c in picked) else sum(c.max or 0 for c in picked)
    first, last = picked[0], picked[-1]
    return Count(kind, lo, hi, " … ".join(c.text for c in picked), first.start, last.end,
                 first.sentence)
