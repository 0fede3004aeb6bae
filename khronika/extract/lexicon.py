"""Trigger lexicons: the words and phrases that signal each event type, per script.

Each entry is ``(pattern, weight)``: ``pattern`` is a regular-expression fragment matched
case-insensitively at word boundaries, ``weight`` says how strongly it signals the type
(about 1 = a hint that needs support, 3 = the word names the event, 5 = it names a
specific weapon or act that overrides generic violence words). Weights were set by hand
on the development notes and on invented sentences: specific weapons outrank generic
"attack"/"killed", because ACLED codes an event by its most specific means.

English entries use stems (``arrest\\w*``). Russian entries are stems of lemmas with an
open ending (``задерж\\w*`` covers задержали, задержан, задержания ...), which covers
inflection without a morphological analyser; Tajik entries (best effort) share the
Cyrillic path. ``CUES`` are context words the event stage uses to refine a type (who
the victims are, whether police intervened in a protest), not triggers of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from khronika.extract.prefilter import Gate, GateSet, gate_for

Entry = tuple[str, float]

EN: dict[str, list[Entry]] = {
    "armed_clash": [
        (r"clash(?:ed|es|ing)?", 2.5), (r"fought|fighting|firefights?|gunfights?", 2.5),
        (r"gun ?battles?|exchanges? of fire|exchanged fire|skirmish\w*", 3.0),
        (r"engaged (?:in )?(?:a )?(?:fight|battle|clash)\w*|battles?\b|battled", 2.5),
        (r"ambush\w*|encounters?\b", 2.0), (r"offensive|counter-?attack\w*", 2.0),
        (r"repel(?:s|led|ling)?\b|repuls(?:ed|es|ing)\b", 2.5),
        (r"(?:military|security|clearance|joint) operations?|operations? (?:by|against)", 2.0),
        # fighting named by its parties: "fighting between the army and a rebel militia"
        (r"(?:conflict|violence|hostilities) (?:\w+ ){0,2}between", 2.5),
        # an attack or an ambush on a post, convoy or patrol: armed men on both sides
        # (its agent may stand between: "an ambush by the rebels on the hill post")
        (r"(?:attack|ambush)(?:ed|es|s|ing)? (?:by (?:[\w'-]+ ){1,3}(?=on ))?(?:on )?"
         r"(?:a |an |the |their )?(?:\w+ ){0,2}"
         r"(?:check ?-?(?:posts?|points?)|outposts?|bases?|posts?|convoys?|patrols?|"
         r"tanks?|positions?|security forces|soldiers|troops|police)", 3.0),
        (r"came face to face|crossfire|cross-border firing|firing (?:across|between)|"
         r"shoot-?outs?|heavy firing|retaliat\w*", 2.5),
        (r"stormed|overpowered|besieged|siege", 1.5),
        (r"sniper", 2.0),
        # troops firing along a frontier, a post targeted, gunfire engaged
        (r"fir(?:ed|ing|e) (?:\w+ ){0,5}(?:along|across) (?:the )?(?:\w+ ){0,2}(?:border|LoC|"
         r"line of control|frontier)|targeted (?:an? |the )?(?:[\w'-]+ ){0,2}(?:posts?|"
         r"check ?posts?|positions?|outposts?|convoys?|patrols?|bases?)|engaged (?:[\w'-]+ ){0,3}"
         r"in (?:gun)?fire", 3.0),
        (r"gun fights?|fire ?fights?|fire exchanges?|exchanged (?:gun)?fire|exchange of gunfire|"
         r"fired back|targeted each other(?:'s)?|engaged (?:\w+ ){0,3}in (?:gun)?fire|"
         r"resorted to (?:\w+ ){0,2}firing|(?:unprovoked|indiscriminate|cross-border) firing|"
         r"battling|engagements? with", 2.5),
    ],
    "air_drone_strike": [
        (r"air ?-?strikes?|air ?-?raids?|airstrik\w*|drone (?:strike|attack)s?", 5.0),
        (r"aerial (?:bombardment|attack|bombing)s?|air (?:attack|bombardment)s?", 5.0),
        (r"(?:a?erial|arial) (?:offensives?|strikes?|raids?|sorties|operations?|campaign)|"
         r"air ?-?forces? (?:\w+ ){0,3}(?:launch\w*|continued|carr(?:y|ies|ied) out|conduct\w*|"
         r"intensified|resumed)(?: \w+){0,3} (?:attacks?|strikes?|raids?|offensives?|sorties|"
         r"operations?|bombing)|air ?-?forces? (?:\w+ ){0,2}(?:strike|strikes|struck)\b|(?:jets?|"
         r"warplanes?|bombers) (?:strike|hit|pound|bomb)s?\b", 5.0),
        (r"(?:war ?planes?|fighter jets?|jets?|aircraft|helicopters?|gunships?|drones?)"
         r" (?:\w+ ){0,2}(?:bombed|struck|fired|attacked|shelled|hit|targeted|dropped|kill(?:s|"
         r"ed)?)",
         4.5),
        (r"(?:bombed|bombing|strikes?|attacked) by (?:\w+ ){0,2}"
         r"(?:war ?planes?|jets?|aircraft|helicopters?|drones?)", 4.5),
        (r"barrel bombs?", 5.0), (r"unmanned aerial vehicle|UAV", 2.0),
        (r"air ?forces? (?:\w+ ){0,3}(?:bombed|struck|targeted|hit|pounded|launched)|"
         r"(?:MiGs?|MiG fighters|fighter planes|bombers) (?:\w+ ){0,3}(?:target\w*|bomb\w*|"
         r"struck|hit)", 4.5),
    ],
    "shelling_artillery_missile_attack": [
        # police "tear gas shells" and "smoke shells" disperse a crowd: not artillery
        (r"(?<!gas )(?<!gas-)(?<!smoke )shell(?:ed|ing|s)\b(?! of (?:tear|smoke))|mortars?|"
         r"artillery|howitzers?", 4.0),
        (r"rockets?|missiles?|RPGs?|rocket-propelled|katyushas?|projectiles? (?:fired|hit)", 3.5),
        (r"bombard(?:ed|ment|ments)\b|pounded|heavy weapons", 3.0),
        (r"cross-border (?:shelling|fire)|ceasefire violations?|violated the ceasefire", 2.5),
    ],
    "remote_explosive_landmine_ied": [
        (r"IEDs?|improvised explosive|road-?side bombs?|land ?-?mines?|mines? (?:blast|explosion)",
         4.5),
        (r"magnetic (?:bomb|mine)s?|sticky bombs?|car bombs?|VBIEDs?|crude bombs?|bomb blasts?",
         4.5),
        (r"explosive devices?|explosives?-(?:laden|packed)|remote[- ]controlled", 4.0),
        (r"bombs? (?:went off|exploded|blast|attack|detonated|explosion)|bombings?", 4.0),
        (r"blasts?\b|explosions?|exploded|detonat\w*|blew up|blown up|went off", 3.0),
        (r"bombs?\b|hit a mine|stepped on a mine", 2.5),
    ],
    "suicide_bomb": [
        (r"suicide (?:bomb\w*|attack\w*|vest|blast|car|truck|assault)", 6.0),
        (r"blew (?:him|her|them)sel(?:f|ves) up|self-detonat\w*|suicide bombers?", 6.0),
    ],
    # stun and flash grenades are crowd control, not a weapon used on people
    "grenade": [(r"(?<!stun )(?<!stun-)(?<!flash )(?<!sound )grenades?", 5.5)],
    "chemical_weapon": [
        (r"chemical (?:weapons?|attacks?|agents?|munitions?)|sarin|chlorine (?:gas|attack)|"
         r"mustard gas|nerve agents?|toxic gas attack", 7.0),
    ],
    "peaceful_protest": [
        (r"protest\w*|demonstrat(?:ion|ions|ors|ed|ing|e)\b|rall(?:y|ies|ied)\b", 3.0),
        # the word's common misspellings in hurried notes ("protesst", "proteset", "protesed")
        (r"prote(?:sst|set|sed)\w*", 3.0),
        # crowd-control weapons turned on people: a gathering that was dispersed
        (r"(?:used|fired|deployed|lobbed|resorted to) (?:\w+ ){0,3}(?:tear ?-?gas|teargas|water "
         r"cannons?|rubber bullets|stun grenades|pepper spray)", 2.5),
        # one person's protest is a sign held up; a gathering is a protest by its aim
        (r"(?:holding|held|displayed|displaying|unfurled|unfurling|raised|raising|carrying|"
         r"carried) (?:up )?(?:an? |the )?(?:[\w-]+ ){0,2}(?:signs?|posters?|placards?|banners?)\b|"
         r"(?:single-person|one-person|solo|lone) pickets?", 3.0),
        (r"(?:gathered|assembled|came out|converged|turned out|held an? (?:\w+ )?(?:gathering|"
         r"meeting|assembly))(?: [\w,'-]+){0,10} (?:demanding|to demand|calling for|to call for|"
         r"in support of|to support|in solidarity|against|to oppose|to protest|to voice|"
         r"to express)",
         3.0),
        # a crowd's action named by what it staged ("set out to stage a road blockade")
        # a procession held, a road blockade put up: the crowd's act named by its form
        (r"(?:processions?|rall(?:y|ies)|marches|vigils?|sit-?ins?|demonstrations?|human chains?)"
         r" (?:was|were) (?:\w+ )?(?:held|organi[sz]ed|staged|taken out|brought out)|"
         r"(?:road|rail|railway|highway) blockades?|put up (?:an? )?(?:\w+ )?blockades?", 3.0),
        (r"stag(?:e|ed|es|ing) (?:an? |the )?(?:[\w'-]+ ){0,2}(?:blockades?|sit-?ins?|dharnas?|"
         r"demonstrations?|rall(?:y|ies)|marches|walk-?outs?|pickets?|vigils?)", 3.0),
        (r"march(?:ed|ing|es)\b|(?:protest|long|peace|silent|torch|a) march\b|sit-?ins?\b|"
         r"(?-i:march)\b", 3.0),
        (r"hunger strikes?|(?:on|general|indefinite|token|nationwide|labou?r|day-long) strikes?|"
         r"went on strike|strik(?:e|es|ed|ing) (?:over|for|against|to demand|in protest)", 3.5),
        (r"(?:workers|employees|teachers|doctors|nurses|judges|drivers|traders|staff|lawyers|"
         r"miners|students|farmers|transporters)(?: \w+){0,3} strik(?:e|es|ed|ing)\b", 3.5),
        (r"bandhs?|hartals?|dharnas?|gheraos?|gheraoed|human (?:chains?|barricades?)|pickets?\b|"
         r"picketed|picketing|picketers|vigils?\b|hunger-?strikes?|fast-unto-death|"
         r"(?:rasta|rail) roko|chakka jam|road-?blocks?|blockaders|sit-?down", 3.5),
        (r"block(?:ed|ing) (?:[\w'-]+ ){0,3}(?:roads?|highways?|streets?|railway|rail tracks|"
         r"tracks|trains?|"
         r"traffic|entrance|gates?)|squatted|(?:complete )?shutdown "
         r"(?:was )?observed|(?:complete|total) shutdown|took to (?:the )?streets?|"
         r"face-?off|faced off|converged on", 2.5),
        # slogans shouted are a protest's sound, and also an attacker's ("beat him, shouting
        # slogans"): not enough alone to make the event a protest
        (r"shout(?:ed|ing) slogans", 2.0),
        (r"block(?:ed|ing)? (?:\w+ ){0,2}traffic|disrupt(?:ed|ing) (?:\w+ ){0,2}traffic|"
         r"observed a fast|(?:burn(?:ed|t)?|burning) (?:[\w'’.]+ ){0,3}effig\w*|"
         r"burn(?:ed|t) copies|"
         r"sat (?:on|in) (?:the )?(?:street|road)|laid (?:a )?siege|mass (?:meeting|rally)|"
         r"refused to attend classes|(?:forcibly|forcefully) (?:shut|closed) down|"
         r"(?:shops|markets|businesses|bazaars) (?:\w+ ){0,5}(?:closed|shut) (?:\w+ ){0,4}"
         r"(?:in response to|to protest|against|over)", 3.0),
        # what a crowd does to make itself heard, named by the act: obstructing an event,
        # a shutdown called, a site or road blocked, a siege laid, a plan opposed
        # a crowd's attempt, stopped or not, and a procession the police broke up
        (r"(?:attempted|tried|trying|attempting|sought) to (?:block|gherao|storm|barge|lay "
         r"siege|besiege|picket|march|disrupt|enter (?:the |a )?(?:\w+ )?(?:office|premises|"
         r"assembly|secretariat|house|residence))|(?:foiled|intercepted|stopped|obstructed|"
         r"prevented|broke up|halted|blocked) (?:a |the |an )?(?:[\w'-]+ ){0,3}(?:procession|"
         r"rally|march|demonstration|protest|sit-?in|human chain)s?|interrupt(?:ed|ing)? "
         r"(?:a |the )?(?:\w+ ){0,2}(?:ceremony|meeting|speech|function|programme|event)",
         3.0),
        (r"(?:took|taken|take|taking) to the streets?|lathi-?charg\w*|(?:to )?disperse "
         r"(?:the )?(?:crowds?|protesters|demonstrators|agitators|mob)|disrupt(?:ed|ing)? "
         r"(?:an? |the )?(?:[\w'-]+ ){0,2}(?:play|celebrations?|meeting|programme|program|event|"
         r"function|hearing|ceremony|speech)|obstruct(?:ed|ing|s)?|"
         r"(?:organi[sz]ed|called|enforced|observed|imposed) (?:a |an |the )?"
         r"(?:[\w'-]+ ){0,2}(?:shut-?downs?|hartals?|bandhs?|general strikes?)|"
         r"block(?:ed|ing)? (?:the )?(?:[\w'-]+ ){0,3}(?:track|railway line|construction|"
         r"circulation|access|entry|work|vehicles)|la(?:y|id|ying) (?:a )?(?:siege|seige)|"
         r"(?:convened|gathered|assembled|came together|met|marched) (?:[\w'-]+ ){0,6}to "
         r"(?:oppose|protest|demand|press|denounce|voice)|called for an end to|"
         r"took (?:their )?(?:frustrations?|grievances?|anger|complaints?) to|"
         r"resisted (?:an? |the )?(?:\w+ ){0,2}(?:attempt|eviction|demolition|survey|acquisition)",
         2.8),
        (r"(?:brought|took|bring|take) out (?:\w+ ){0,3}(?:processions?|rall(?:y|ies)|marches)|"
         r"processions? (?:\w+ ){0,3}(?:demanding|protesting|against|in protest)", 3.0),
        (r"(?<!air )(?<!drone )(?<!missile )(?<!military )(?<!US )(?<!NATO )(?<!aerial )(?<!arial )"
         r"strikes?\b", 2.5),
        (r"staged|took out|observed (?:a |the )?(?:\w+ )?(?:hartal|bandh|strike|black day)", 1.5),
        (r"agitat\w*|boycott\w*|walk-?outs?|took to the streets?|chant(?:ed|ing) slogans",
         2.5),
        (r"(?:burn(?:ed|t)?|burning) (?:an |the )?effig\w*|black flags?|placards|banners",
         2.5),
        # an effigy set alight is a protest's act, not an arson
        (r"set (?:\w+ )?(?:on )?fire (?:to )?(?:an? |the )?effig\w*|effig\w* (?:\w+ ){0,4}"
         r"(?:on fire|ablaze|alight|torched|burnt|burned)|torch\w* (?:an? |the )?effig\w*", 4.0),
        (r"gathered|assembled|(?:submitted|handed) (?:a |their )?(?:memorandum|petition)", 1.2),
        (r"demand(?:ed|ing)|denounc\w*|condemn\w*|processions?|blockade\w*|blocked (?:the |a )?"
         r"(?:road|highway|street)s?", 1.0),
    ],
    "violent_demonstration": [
        (r"riot(?:s|ed|ers|ing)?\b(?! (?:police|squad|gear|control|officers|units?))|rampag\w*",
         3.5),
        (r"(?:pelt\w*|threw|throwing|hurl\w*)(?: \w+){0,2} (?:stones?|bricks?|rocks?|petrol bombs?"
         r"|molotov\w*|projectiles?|missiles)|stone-?pelting|brick-?bats", 3.5),
        (r"violent (?:protest|demonstration)\w*|turned violent", 3.0),
        # stones thrown at a house or a bus: a crowd's act
        (r"stoned (?:the |a |an |his |her |their )?(?:\w+ )?(?:houses?|residences?|homes?|"
         r"vehicles?|bus(?:es)?|cars?|offices?|shops?|trains?)|(?:houses?|residences?|homes?|"
         r"vehicles?|bus(?:es)?|cars?|offices?|shops?|trains?) (?:\w+ ){0,2}(?:was|were|"
         r"had been|have been) stoned", 3.0),
        # "cocktail": a petrol bomb, thrown by rioters (South Asian press usage)
        (r"(?:hurl\w*|threw|throwing|blast\w*|explod\w*|lobb\w*|set off)(?: \w+){0,3} "
         r"cocktails?|cocktail (?:attacks?|blasts?|explosions?)", 4.6),
    ],
    "mob_violence": [
        # (vigilantes are no mob: ACLED counts their groups among the armed militias)
        (r"mobs?\b|lynch\w*|beaten by (?:a )?(?:group|crowd|villagers|locals)",
         3.5),
        (r"(?:crowds?|mobs?|hundreds|dozens) (?:of [\w-]+ )?(?:\w+ ){0,2}(?:stormed|ransacked|"
         r"broke into|forced (?:their|its) way into|attacked|beat|chased)", 4.0),
        (r"communal (?:clash|violence|tension)\w*|(?:group|factional) clash\w*|scuffl\w*|"
         r"in-?fighting|"
         r"brawl\w*|rival groups", 3.0),
        (r"(?:sectarian|ethnic|communal|political|post-?poll|electoral) violence|"
         r"violence (?:erupted|broke out)|went berserk", 3.0),
    ],
    "attack": [
        # people set on fire: an attack on them, not an arson of property
        (r"(?:was|were|been) doused (?:in|with) (?:petrol|gasoline|kerosene|fuel)|doused (?:him|"
         r"her|them)|poured (?:petrol|gasoline|kerosene|fuel) (?:on|over) (?:him|her|them)|"
         r"set (?:him|her|them|himself|themselves) (?:on fire|alight|ablaze)|burn(?:ed|"
         r"t) alive", 4.0),
        (r"killed|shot dead|gunned down|murder\w*|assassinat\w*|beheaded|massacre\w*", 2.0),
        (r"hacked to death|hacked (?:by|with)|stabbed|(?:beaten|burn(?:ed|t)) to death|executed|"
         r"targeted killing",
         2.5),
        (r"shot (?:and )?(?:killed|injured|wounded)|opened fire|fired (?:up)?on|shot at|"
         r"fired at", 2.0),
        (r"attack(?:s|ing)?\b|assault(?:ed)?\b|assailants|gunm[ae]n|terrorist attack", 1.5),
        # the verb names a deed done to someone ("supporters of one party set upon another's")
        (r"attacked", 2.0),
        (r"killing|kills?\b", 1.5),
        # headline present tense of African and Asian notes ("Unknown group injure a boy")
        (r"(?:injure|injures|wound|wounds|shoot|shoots) (?:an?|the|\d+|two|three|several)\b",
         1.5),
        (r"\bshot\b|wounded|injured", 0.8),
        (r"(?:hacked|chopped|axed|bludgeoned|stoned|clubbed) to death|slaughtered|"
         r"shoot(?:s|ing)? (?:\w+ ){0,3}dead|open fire on|fire on (?:civilians|villagers|"
         r"residents|people)|firing incident|bullet[- ]?riddled|bod(?:y|ies) (?:[\w,'-]+ ){0,8}"
         r"(?:was|were) found", 2.5),
    ],
    "abduction": [
        (r"abduct\w*|kidnap\w*|taken hostage|took (?:\w+ ){0,3}hostage|hostages?", 4.5),
        # taken away and not seen since: an enforced disappearance as families report it
        (r"(?:lost|no) (?:all )?(?:contact|news) (?:with|of|from)|not (?:been )?heard from|"
         r"(?:are|is) not holding (?:him|her|them)|(?:none|no one) (?:of them )?has returned|"
         r"taken (?:away )?(?:from (?:his|her|their) \w+ )?by (?:\w+ ){0,2}(?:plain-?clothes|"
         r"unidentified|unknown|masked) (?:men|officers|people)|(?:were|was) taken (?:away )?from "
         r"(?:his|her|their) (?:\w+ )?(?:village|home|house)s? by", 4.5),
        (r"whereabouts\b[^.;]{0,60}\b(?:unknown|unclear|not known)|missing person|nobody knows "
         r"where|(?:failed to|did not|has not|never) (?:come|came|returned?) home|took (?:him|her|"
         r"them) away|(?:forced|pushed|bundled) (?:him|her|them|\w+ \w+) into a (?:car|van)|"
         r"phone (?:has been |was |is )?(?:switched|turned) off|deny holding", 4.0),
        (r"went missing|gone missing|disappeared|whereabouts (?:are |is |remain )?unknown|"
         r"enforced disappearance|forcibly disappeared", 3.5),
    ],
    "sexual_violence": [
        (r"rap(?:e|ed|es|ing|ist|ists)\b|gang-?raped?|sexual(?:ly)? (?:assault\w*|abuse\w*|"
         r"violence|harass\w*)|molest\w*", 5.0),
    ],
    "arrest": [
        # "a detainee was injured" names someone already held, not an arrest
        (r"arrest\w*|detain(?!ees?\b)\w*|detention(?! cent(?:re|er)s?)|taken into custody|"
         r"held in custody|"
         r"apprehend\w*", 3.5),
        (r"detainees?", 1.5),
        (r"rounded up|picked up by (?:the )?police|custody|remanded|handcuffed|nabbed", 2.0),
        # "80 opposition men were held": people held is custody (meetings are held too)
        (r"(?:men|people|persons|activists|supporters|leaders|members|suspects|workers|migrants)"
         r" (?:were|have been|had been) (?:\w+ )?held\b", 2.5),
    ],
    "raid": [
        (r"raid(?:ed|s|ing)?\b|sweeps?\b|swoop\w*|round-?ups?|search operations?", 3.5),
        (r"(?:document|identity|passport|ID) checks?|checked (?:the )?(?:documents|papers|IDs)",
         2.5),
        (r"swept through|cordoned off (?:the |a )?\w+|(?:went|going) (?:from room to room|through "
         r"the (?:market|hostel|site|building|dormitory))|check(?:ed|ing|s)? (?:the )?(?:papers|"
         r"passports|documents|registration|IDs) (?:of|at) (?:every|all|everyone|more than|over|"
         r"about|"
         r"some|\d+|dozens|hundreds)|checks at the "
         r"(?:entrances?|exits?)|(?:searched|inspected|inspection of) (?:a |the )?(?:\w+ )?"
         r"(?:market|hostel|dormitory|construction site|building site|warehouse)", 3.5),
    ],
    "deportation": [
        # "the deportation centre" is a place, named where its inmates are held
        (r"deport(?!ation cent(?:re|er))\w*|expel\w*|expulsion\w*|removal orders?|entry bans?|"
         r"banned from entering|"
         r"barred from entering|ordered (?:\w+ ){0,3}to leave the country", 3.4),
        (r"(?:refused|denied|barred) entry|refused (?:\w+ ){0,2}entry|turned back at the "
         r"(?:border|airport)|ordered out of the country|pending (?:his |her |their )?removal|"
         r"(?:stay|presence) (?:\w+ ){0,3}undesirable|(?:days|hours) to leave (?:the country|"
         r"Russia)|ordered (?:his|her|their|the) (?:\w+ )?removal|(?:put|placed) on (?:a |"
         r"the )?(?:\w+ )?(?:plane|"
         r"flight) (?:back )?to|(?:flown|sent) back to (?:Tajikistan|Uzbekistan|Kyrgyzstan|"
         r"Dushanbe|Khujand|Tashkent|Bishkek|Osh)", 4.5),
    ],
    "forced_recruitment": [
        (r"forc\w* (?:\w+ ){0,3}(?:to (?:sign|join|enlist|fight)|recruit\w*|conscript\w*)|"
         r"forcibly (?:recruited|conscripted|enlisted|mobili[sz]ed)", 5.0),
        (r"conscript\w*|military contracts?|draft notices?|"
         r"sent to (?:fight|the front)|press-?gang\w*|recruit\w*", 2.5),
        # the coercion our reports describe: a contract to fight offered to detainees
        (r"(?:sign|signed|signing) (?:a |the )?(?:[\w-]+ ){0,2}contracts? (?:to fight|with the "
         r"(?:army|military|defen[cs]e ministry))|contracts? to fight|enlistment papers|"
         r"(?:pressed|pressured|pushed|urged) (?:\w+ ){0,3}to (?:sign|enlist|fight|join the "
         r"(?:army|military|armed forces))", 6.0),
        (r"coerc\w* (?:\w+ ){0,2}into (?:military|army) service|military service in exchange|"
         r"(?:prison|jail) or the front|enlistment papers|draft notices?|"
         # taken to the enlistment office: the office named alone is only a place (an
         # office set on fire, a protest outside it)
         r"(?:tak\w*|took|brought|bringing|driv\w*|drove|sent|escort\w*|deliver\w*|dragg\w*) "
         r"(?:[\w-]+ ){0,7}to (?:the |an? )?(?:\w+ )?(?:military|enlistment|recruitment|draft) "
         r"(?:enlistment )?(?:office|centre|center|point|commissariat)|"
         r"sign(?:s|ed|ing)? up (?:\w+ ){0,5}(?:the front|the army|to fight|the war)", 5.0),
    ],
    "torture": [
        (r"tortur\w*|ill-treat\w*|electric shocks?|beaten in custody|abused in custody", 4.5),
        (r"(?:during|under) (?:his |her |their )?(?:questioning|interrogation)|(?:until|"
         r"to make) (?:him|her|them) "
         r"confess\w*|forced to (?:sign|confess)\w*|stun guns?|bag over (?:his|her) head|"
         r"beaten (?:in|inside) the (?:van|cell|station)", 4.0),
    ],
    "assault": [
        (r"(?:brutally|severely|badly|viciously|savagely) (?:attacked|assaulted|beaten|injured|"
         r"thrashed)", 3.0),
        (r"beat(?:en|ing)?\b|assault\w*|punched|kicked|thrashed|manhandled|hate crimes?|"
         r"roughed up|heckled and (?:pushed|slapped)|slapped", 2.5),
        # the victims named as migrants or by nationality: an attack on people, not a brawl
        (r"(?:migrants?|workers?|couriers?|foreigners?|(?:tajik|uzbek|kyrgyz)\w*)(?: \w+){0,3}"
         r" (?:was|were) (?:\w+ )?(?:beaten|assaulted|attacked)", 3.5),
    ],
    "arson": [
        (r"set (?:on )?fire|set (?:\S+ ){0,10}?(?:on fire|ablaze|alight|afire)|torch(?:ed|ing)|"
         r"arson\w*|(?:started|set) deliberately|deliberately (?:set|started)|treat\w* (?:it |"
         r"the fire )?as deliberate|petrol cans?|burn[te]d?-out",
         3.5),
        (r"(?:was|were|been) (?:\w+ )?(?:partly |partially )?burn(?:ed|t)\b(?! to death)|"
         r"burn(?:ed|t) down|firebomb\w*|petrol bombs?|molotov\w*|burn(?:ed|t|ing) (?:\w+ ){0,2}"
         r"(?:houses?|shops?|vehicles?|cars?|buses|bus|homes?|market|stalls?|offices?|tyres|tires)",
         3.0),
    ],
    "looting_property_destruction": [
        (r"loot\w*|plunder\w*|ransack\w*|vandali[sz]\w*|pillag\w*", 3.5),
        (r"demolish\w*|bulldoz\w*|destroy(?:ed|ing|s)? (?:\w+ ){0,3}(?:property|houses?|homes?|"
         r"shops?|vehicles?|school|offices?|checkpoints?|masts?|bridges?|pumps?|towers?|"
         r"buildings?|huts?|ballot (?:boxes|papers))|shatter(?:ed|ing)? (?:\w+ ){0,3}windows?|"
         r"damag(?:ed|ing) (?:\w+ ){0,3}(?:property|vehicles?|"
         r"shops?|houses?|offices?)|smashed (?:\w+ ){0,2}(?:windows?|shops?|stalls?|cars?|"
         r"vehicles?|property|furniture|doors?|kiosks?|shopfronts?)|robbed|robbery|stole", 2.5),
        (r"smashed", 1.5),
    ],
    "threat": [
        (r"threat(?:en\w*|s)?\b|intimidat\w*|incite\w*|hate speech|extort\w*", 2.0),
        (r"threaten\w* to (?:burn|kill|beat|attack|deport|report|hand)|calls? to (?:attack|"
         r"beat|drive out|deal with)|leaflets? (?:\w+ ){0,3}(?:threat\w*|demand\w*|telling)|"
         r"called (?:on|for) (?:\w+ ){0,6}(?:to (?:gather|deal|attack|beat|drive|be expelled|be "
         r"deported)|raids?)|urged (?:\w+ ){0,3}to (?:attack|beat|drive)|warning that|graffiti|"
         r"would be (?:beaten|killed|attacked|burned|smashed) if", 4.0),
    ],
    "court_ruling": [
        (r"sentenc(?:ed|es|ing)|convicted|verdict|acquitted|court (?:ruled|ordered|hearing)|"
         r"(?:jailed|imprisoned) for|found guilty|fined\b|trial\b", 3.0),
        (r"court|judge|hearing|indicted|charged with", 1.0),
        # a court putting people in custody is a ruling, not an arrest by police
        (r"court\b(?:[^.;]{0,60}?)\b(?:remanded|ordered (?:\w+ ){0,6}(?:held|detained|"
         r"detention|custody|arrest\w*|jailed)|upheld|placed|extended|refused|rejected|"
         r"sentenced|convicted|acquitted|fined)|remanded (?:\w+ ){0,6}(?:in|into) custody|"
         r"pre-?trial detention|(?:judge|court) (?:\w+ ){0,3}(?:sentenced|acquitted|convicted)",
         5.0),
    ],
    "legal_measure": [
        # "law enforcers", "law and order" name police and order, not a law
        (r"law\b(?! ?-?(?:enforc\w*|and order|violation|students?|college|minister))|laws\b|"
         r"decree\w*|bill\b|regulations?|amendment\w*|ordinance|banned|ban on|"
         r"imposed (?:a )?(?:curfew|ban|restrictions)|curfew|state of emergency", 2.0),
        # an authority telling others what to do: the instruction is the event, the checks
        # or raids it orders are its object
        (r"(?:instructed|ordered|directed|told|called on) (?:\w+ ){0,4}to (?:step up|tighten|"
         r"intensify|increase|conduct|carry out|check|stop|bar|ban)|internal order|"
         r"directive|(?:new|internal) (?:rules|instructions?)|(?:new )?law (?:allows|lets|"
         r"requires|bans|obliges)|suspend\w* (?:the )?(?:issu\w*|granting)|were instructed to|"
         r"introduced (?:new )?(?:rules|a ban|restrictions)", 5.0),
    ],
    "claim_of_responsibility": [
        (r"claim(?:ed|s|ing)? (?:the )?responsibility|took responsibility|accepted responsibility"
         r"|claimed (?:the |that )?(?:attack|bombing|killing)|(?:statement|video) claiming|"
         r"said (?:it|its fighters|they) (?:had )?(?:carried out|w(?:as|ere) behind|staged)|"
         r"later said it was behind", 5.5),
    ],
    "natural_disaster": [
        # "a flood of messages" is a great many, not water
        (r"earthquakes?|quakes?|tremors?|floods?(?! of)|flooding|landslides?|mudslides?|cyclones?|"
         r"hurricanes?|typhoons?|tsunamis?|droughts?|wildfires?|forest fires?|bushfires?|"
         r"avalanches?|volcan\w*|tornado\w*|storms?|heavy rain\w*|monsoon|lightning|heat ?wave",
         4.0),
    ],
    "man_made_disaster": [
        (r"faulty wiring|electrical fault", 3.5),
        (r"fire broke out|blaze|caught fire|gutted|building collapse\w*|(?:building|bridge|roof|"
         r"mine) collapsed|collapsed|derail\w*|(?:plane|air|helicopter) crash\w*|crashed|"
         r"(?:road|bus|traffic|car|train) (?:accident|crash|collision)\w*|capsiz\w*|stampede|"
         r"gas (?:leak|explosion|cylinder)|chemical leak|oil spill|accidents?|collided|"
         r"boiler explosion|short circuit|plunged|overturned|veered off|fell into (?:a|the) "
         r"(?:gorge|ravine|river)", 3.5),
    ],
    "diplomatic_event": [
        (r"(?:handed|delivered|sent|issued) (?:a |an )?(?:\w+ ){0,2}(?:note|protest note|"
         r"démarche|demarche)|note of protest|summoned (?:[\w'’-]+ ){0,3}(?:ambassador|envoy)",
         5.0),
        (r"talks\b|summit|met with|meeting with|visit(?:ed|s)?\b|ambassadors?|foreign minist\w*|"
         r"diplomat\w*|bilateral|envoys?|embassy|summoned (?:the )?ambassador|"
         r"(?:prime minister|president) \w+ (?:met|visited|held talks)", 2.0),
    ],
    "organized_crime": [
        (r"drug (?:traffick\w*|smuggl\w*|lords?|cartels?|dealers?|gangs?|seizure)|narcotics?|"
         r"heroin|cocaine|methamphetamine|opium|cartels?|smuggl\w*|traffick\w*|"
         r"money laundering|organi[sz]ed crime|gangsters?|mafia|criminal gangs?|contraband",
         4.0),
    ],
    "agreement": [
        (r"peace (?:deal|agreement|accord|treaty|talks)|cease-?fires?|truce|prisoner "
         r"(?:swap|exchange|release)|signed (?:an? |the )?(?:agreement|accord|deal|memorandum)|"
         r"surrender(?:ed|s)?\b|laid down (?:their |his )?(?:arms|weapons)|agreement:", 4.0),
        (r"agreement|agreed to|negotiat\w*|reconcil\w*", 2.0),
        (r"handed (?:themselves|himself|herself) (?:over|in|into)|gave "
         r"(?:themselves|himself) up", 4.0),
    ],
    "change_to_group_activity": [
        (r"switched sides|defect\w*|joined (?:the )?(?:\w+ ){0,2}(?:militants|rebels|taliban|"
         r"group|insurgents|ranks)|change to (?:armed )?group|merged|new leader|splinter|"
         r"disband\w*|dissolv\w*|renamed|formed a new|launched a new (?:group|party|front)",
         4.5),
    ],
    "disrupted_weapons_use": [
        # a bomb disposal squad named alone may be the blast's victims
        (r"bomb disposal", 2.5),
        (r"defus\w*|dismantl\w* (?:\w+ ){0,3}(?:bombs?|IEDs?|explosives?|devices?|mines?)|"
         r"detonated prematurely|prematurely|"
         r"(?:weapons?|arms|ammunition|explosives?) (?:caches?|depots?|haul)|caches?\b|"
         r"(?:seized|recovered|confiscated|found|discovered|unearthed) (?:\w+ ){0,4}"
         r"(?:weapons?|arms|ammunition|explosives?|bombs?|IEDs?|mines?|grenades?|rifles?|guns?)|"
         r"(?:foiled|thwarted|averted) (?:\w+ ){0,3}(?:bomb\w*|plots?|blasts?|explosions?|IEDs?|"
         r"suicide)|while (?:planting|making|assembling)|detonation:", 4.5),
    ],
    "headquarters_or_base_established": [
        (r"(?:established|set up|setting up|opened|built) (?:\w+ ){0,2}(?:base|bases|"
         r"headquarters|camp|camps|outpost)", 4.5),
    ],
    "government_regains_territory": [
        (r"re-?captur\w*|retook|retaken|re-?took|regain(?:ed|s)? (?:control|the)|"
         r"(?:liberat(?:e|ed|es)|clear(?:ed|s)?) (?:\w+ ){0,4}(?:of|from) (?:the )?(?:\w+ ){0,2}"
         r"(?:militants|insurgents|rebels|fighters|terrorists|taliban|boko haram|al-?shabaab|"
         r"(?-i:IS))|"
         r"back under (?:government|state) control|made gains", 4.5),
    ],
    "non_state_actor_overtakes_territory": [
        (r"overran|overrun|overtook|fell to|took control|taken control|seized control|"
         r"captured (?:the )?(?:\w+ ){0,2}(?:town|city|village|district|base|checkpoints?|"
         r"posts?|area|headquarters)|(?:seized|captured|took) (?:the )?(?:[\w'-]+ ){0,3}"
         r"(?:hilltops?|hill|strongholds?|positions?)|(?:seized|occupied) (?:the )?(?:\w+ ){0,2}"
         r"(?:town|city|village|district|base|checkpoints?|posts?|area|headquarters)", 4.0),
    ],
    "non_violent_transfer_of_territory": [
        (r"withdr[ae]w\w*|pulled out|handed over (?:\w+ ){0,3}(?:control|base|barracks|territory|"
         r"area|town)|(?:moved|moving) into|without (?:a )?(?:fight|resistance)|"
         r"no reported violence|vacated|evacuated (?:the|their) (?:base|post)s?", 3.0),
    ],
    "other": [
        (r"freed|released|non-violent activity|displaced|curfew", 1.5),
    ],
}

RU: dict[str, list[Entry]] = {
    "armed_clash": [
        (r"бо(?:й|я|ю|ем|е|и|ев|ях|ями)\b|боестолкновени\w*|перестрелк\w*|вооруженн\w* "
         r"столкновени\w*|столкнул\w*|столкновени\w*", 2.5),
        (r"засад\w*|наступлени\w*|атак(?:овал\w*|а|и|у)\b|штурм\w*|контратак\w*", 2.0),
        (r"огнев\w* контакт\w*|обменял\w* (?:\w+ )?(?:огнем|огнём|выстрелами)|"
         r"(?:открыл\w* )?ответн\w* огонь", 2.5),
    ],
    "air_drone_strike": [
        (r"авиаудар\w*|авианалет\w*|авиаци\w* (?:нанесл|удар)\w*|бомбардировк\w*|"
         r"(?:удар|атак)\w* (?:беспилотник|дрон|бпла)\w*|беспилотник\w*|дрон\w*|бпла", 5.0),
        (r"(?:ввс|авиаци\w*|самол[её]т\w*|вертол[её]т\w*) (?:\w+ ){0,2}(?:нанес\w*|"
         r"разбомбил\w*|ударил\w*|атаковал\w*)|разбомбил\w*", 4.5),
    ],
    "shelling_artillery_missile_attack": [
        (r"обстрел\w*|артиллер\w*|миномет\w*|ракетн\w* удар\w*|ракет\w*|снаряд\w*|рсзо|"
         r"реактивн\w* систем\w*", 4.0),
    ],
    "remote_explosive_landmine_ied": [
        (r"сву|самодельн\w* взрывн\w*|фугас\w*|взрывн\w* устройств\w*|мин(?:а|у|ы|е|ой)\b|"
         r"подорвал\w*|подрыв\w*|заминир\w*|взрыв(?!\w* газа)\w*|взорва\w*|бомб\w*", 4.0),
    ],
    "suicide_bomb": [(r"смертни\w*|самоподрыв\w*|пояс\w* шахида|шахид\w*", 6.0)],
    "grenade": [(r"(?<!светошумовой )(?<!светошумовые )(?<!светошумовых )(?<!светошумовыми )"
                 r"гранат\w*", 5.5)],
    "chemical_weapon": [(r"химическ\w* оружи\w*|химическ\w* атак\w*|зарин(?:ом)?", 7.0)],
    "peaceful_protest": [
        (r"протест\w*|митинг\w*|пикет\w*|демонстраци\w*|демонстрант\w*|шестви\w*|"
         r"забастовк\w*|бастовал\w*|бастуют|голодовк\w*|акци\w* протеста|"
         r"вышли на улиц\w*|протестующ\w*", 3.0),
        (r"перекры\w* (?:\w+ ){0,2}(?:дорог|трасс|улиц|движени|железн|проезд)\w*|"
         r"(?:скандировал|выкрикивал)\w* (?:\w+ )?лозунг\w*", 2.5),
        (r"вышл\w* с (?:плакат|транспарант)\w*|сожгл\w* (?:\w+ ){0,2}(?:чучел|портрет)\w*|"
         r"сидяч\w* забастовк\w*|"
         r"не вышл\w* на работу|отказал\w* (?:\w+ )?(?:выходить на работу|посещать занятия)", 3.0),
        (r"собрал\w*|требовани\w*|требовал\w*|перекрыл\w* (?:дорог|трасс)\w*", 1.0),
    ],
    "violent_demonstration": [
        (r"беспорядк\w*|бросал\w* (?:камн|бутылк)\w*|коктейл\w* молотова", 3.5),
    ],
    "mob_violence": [
        (r"погром\w*|самосуд\w*|толп\w*|массов\w* драк\w*|межэтническ\w* (?:конфликт|драк)\w*",
         3.0),
        (r"межнациональн\w* (?:конфликт|столкновени|драк)\w*|(?:вспыхнул|начал)\w* "
         r"(?:\w+ )?(?:насили|драк)\w*", 3.0),
    ],
    "attack": [
        (r"убил\w*|убит\w*|убийств\w*|застрел\w*|зарезал\w*|расстрел\w*|теракт\w*|"
         r"погиб\w*|открыл\w* огонь|стрельб\w*", 2.0),
        (r"зарубил\w*|забил\w* (?:\w+ )?до смерти|забит\w* до смерти|"
         r"тел\w* (?:\w+ ){0,3}(?:обнаружен|найден)\w*", 2.5),
        (r"нападени\w*|напал\w*|атак\w*|ранен\w*|ранил\w*|пострадал\w*", 1.5),
    ],
    "abduction": [
        (r"похи(?:щ|т)\w*|заложник\w*|пропал\w* без вести|пропал\w*|исчез\w*|"
         r"местонахождени\w* (?:\w+ )?неизвестн\w*|насильственн\w* исчезновени\w*", 4.5),
        # taken away and not found since: how relatives describe enforced disappearance
        (r"(?:на связь не выходит|не выходит на связь|связи (?:с ним |с ней )?нет|"
         r"(?:его|её|ее|их) (?:у них )?нет|нет ни в (?:ивс|изолятор|спецпри\w+|отдел\w*)|"
         r"заявлени\w* о (?:пропаже|розыске)|в гражданском|в штатском|машин\w* без номеров|"
         r"говорят,? что не задерживали|телефон не отвечает)", 4.5),
        (r"местонахождени\w*[^.;]{0,60}неизвестн\w*|потерял\w* связь|где он,? никто не знает|"
         r"затолкал\w* в (?:машину|фургон|автомобиль)|телефон выключен|алоқа надор\w*|"
         r"бедарак шуд\w*", 4.0),
        (r"телефонаш хомӯш|дар онҷо нест|бедарак\w*|аз ҷониби (?:\w+ ){0,3}бурда шуд\w*", 4.5),
    ],
    "sexual_violence": [(r"изнасил\w*|сексуальн\w* насили\w*|домогательств\w*", 5.0)],
    "arrest": [
        (r"задерж\w*|арест\w*|под страж\w*|взял\w* под стражу|"
         r"доставлен\w* в (?:отдел|отделени|ОП|ОВД|ОМВД|УВД)\w*|спецприемник\w*", 3.5),
        # the centre for foreigners awaiting expulsion: where someone is held, not an arrest
        (r"цвсиг", 2.0),
        (r"посадил\w* в (?:автобус|автозак|машину|полицейск)\w*|полис (?:\w+ )?бурд\w*|"
         r"ба (?:шӯъба|мошин)\w* (?:\w+ )?(?:бурд|овард|шинонд)\w*|нигоҳ медор\w*|"
         r"увез\w*|забира\w* всех|забрал\w* (?:\w+ ){0,1}(?:человек|людей|мигрант\w*|ребят|"
         r"всех|\d+)|выводят|доставил\w* в (?:отдел|отделени|полици|ОП|ОВД|ОМВД|УВД)\w*", 2.5),
    ],
    "raid": [
        (r"рейд\w*|облав\w*|зачистк\w*|проверк\w* документ\w*|проверял\w* документ\w*|"
         r"оперативно-профилактическ\w*|нагрянул\w*|массов\w* проверк\w*", 3.5),
        # police "checking" a market, hostel or building site is a sweep of the place
        (r"(?:провер\w+|прош\w+ по) (?:\w+ ){0,3}(?:рын\w+|общежити\w*|строит\w+|стройк\w*|"
         r"площадк\w*|хостел\w*|склад\w*|комнат\w*|объект\w*)", 3.5),
        (r"оцепил\w*|(?:ходил\w*|ходят|прошл\w*) по (?:комнатам|рядам|этажам)|провер(?:я|и)\w* "
         r"(?:\w+ )?(?:документ|паспорт|регистрац|патент)\w*|\w*санҷ(?:ад|анд|ид)\w*|давр зада|"
         r"провер\w+ (?:документ|паспорт|регистрац)\w* у всех|"
         r"ворвал\w* в (?:общежити|хостел|общагу)\w*|санҷид\w*|тафтиш\w*", 3.5),
    ],
    "deportation": [
        (r"депорт\w*|(?<!центр для )(?<!центре для )(?<!центра для )выдвор\w*|выслан\w*|"
         r"выслал\w*|высылк\w*|неразрешени\w* въезд\w*|запрет\w* (?:на )?въезд\w*|"
         r"нежелательност\w* пребывани\w*|ихроҷ\w*", 3.4),
        (r"отказ\w* (?:во|в) въезд\w*|(?:во|в) въезде отказ\w*|не пуска\w*|не пустил\w*|"
         r"роҳ (?:на)?(?:медиҳ|дод)\w*|роҳ надод\w*|закрыл\w* въезд|пребывани\w* нежелательн\w*|"
         r"вуруд\w* (?:\w+ ){0,4}манъ\w*|баргардонд\w*|до (?:исполнения|выдворения)", 4.5),
    ],
    "forced_recruitment": [
        (r"принуд\w* (?:к )?(?:подписа|заключ|служб|вступ|мобилиз)\w*|"
         r"(?:заставля|вынужда|принужда)\w* (?:\w+ ){0,3}(?:подписать|заключить|воевать|"
         r"контракт)\w*", 5.0),
        (r"повестк\w*|контракт\w*|мобилиз\w*|вербов\w*|на сво\b|воевать", 2.5),
        # the enlistment office named alone is a place (set on fire, picketed); taken there,
        # a man is being recruited
        (r"военкомат\w*", 1.5),
        (r"(?:доставил\w*|доставлен\w*|отвез\w*|отвезл\w*|привез\w*|увез\w*|повез\w*|"
         r"отправил\w*|отправлен\w*) (?:\w+ ){0,3}(?:в|во) (?:\w+ )?военкомат\w*|"
         r"ба комиссариат\w*", 5.0),
        (r"(?:подпи\w+|заключ\w+|предлага\w+|предложил\w*) (?:\w+ ){0,3}контракт\w*|"
         r"контракт\w* с (?:минобороны|министерством обороны|армией|мо рф)|"
         r"шартнома\w* (?:\w+ ){0,2}имзо\w*|ба ҷанг (?:фирист|бар)\w*", 6.0),
        (r"принужд\w* (?:\w+ ){0,2}к (?:военной )?служб\w*|(?:тюрьм\w*|зиндон),? (?:или|ё) "
         r"(?:фронт|ҷабҳа)|повестк\w*|даъватнома\w*|ба ҷанг даъват\w*", 4.5),
    ],
    "torture": [
        (r"пыт(?:к\w*|ал[аи]?|ать|ают)|издевательств\w*|электрошок\w*|шиканҷа\w*", 4.5),
        (r"(?:во время|на|при) допрос\w*|бил\w* током|пакет на голову|получить признани\w*|"
         r"пока (?:он|она|они) не признал\w*|бозпурсӣ|ҷараёни барқ|иқрор шав\w*|"
         r"избива\w* (?:\w+ )?(?:в автозаке|в камере|в изоляторе)", 4.0),
    ],
    "assault": [
        (r"изби(?:л|т|ени|ва)\w*|избил\w*|побо(?:и|ев)\w*|нанес\w* (?:\w+ )?(?:удар|побо|"
         r"телесн)\w*|драк\w*|лату\s?кӯб\w*|били|бьют|избива\w*|"
         r"(?:били|бил|ударил\w*) (?:\w+ )?(?:ногами|кулаками|дубинк\w*)|ударил\w*|"
         r"набросил\w* на|разбил\w* (?:\w+ )?(?:голову|лицо|нос)|сломал\w* (?:\w+ )?(?:нос|"
         r"челюсть|руку|ребр)\w*|заданд\b|зада(?:нд|ст)|ҳамла кард\w*", 3.0),
    ],
    "arson": [
        (r"подо?ж(?:ог|ег|г|ж)\w*|поджиг\w*|подже(?:чь|чь)\w*|поджёг\w*|сожгл\w*|сожжен\w*|"
         r"оташ\w* зад\w*|умышленн\w* поджог\w*|сӯзонданд|қасдан", 4.0),
    ],
    "looting_property_destruction": [
        (r"разграб\w*|мародер\w*|разгромил\w*|повредил\w*|уничтожил\w*|снесл\w*|снос\w*|"
         r"ограб\w*|вандал\w*|(?:разбил\w*|выбил\w*) (?:\w+ ){0,2}(?:окна|стекла|витрин\w*)", 3.0),
    ],
    "threat": [
        (r"угрож\w*|угроз\w*|запугива\w*|разжигани\w*|ненавист\w*|таҳдид\w*|пригроз\w*|"
         r"грозил\w*|грозятся|грозится|"
         # "ему грозит до пяти лет", "грозит штраф": what he faces in law, not a threat
         r"гроз(?:ит|ят)(?!\s+(?:\w+\s+)?(?:до\b|штраф|срок|наказани|лишени|депортаци|"
         r"выдворени|высылк|тюрьм|заключени|арест|уголовн|ответственност))", 2.0),
        (r"(?:пригрозил\w*|грозил\w*|угрожал\w*) (?:\w+ ){0,3}(?:сдать|убить|избить|выгнать|"
         r"сжечь|поджечь|депорт\w*)|призыв\w* (?:\w+ ){0,3}(?:не ждать полиции|расправ\w*|"
         r"выселить|изгнать|депортировать|"
         r"выгнать|разобраться)|разбираться с (?:приезжими|мигрантами|таджиками)|"
         r"листовк\w* (?:\w+ ){0,4}(?:угроз\w*|требовани\w*)|убраться из города|"
         r"призвал\w* (?:\w+ ){0,4}(?:собраться|выслать|выгнать|нападать|к «?рейд)\w*|"
         r"призывал\w* (?:\w+ ){0,2}(?:нападать|бить|выгонять)|вон»|с угрозами|"
         r"пригрозил\w* (?:\w+ ){0,2}избиени\w*|варақа\w*|(?:ба ҳамла|ба зӯроварӣ) (?:\w+ ){0,3}"
         r"даъват\w*|таҳдид кард\w*", 4.0),
    ],
    "court_ruling": [
        (r"приговор\w*|осужд\w*|оштраф\w*|суд\w* (?:постановил|решил|назначил|арестовал)\w*|"
         r"постановил\w*|признал\w* виновн\w*|ҳукм\w*", 3.0),
        (r"(?:мосгор|гор|обл|рай|верх)?суд\w*|заседани\w*|судь\w*", 1.0),
        # a court placing people under arrest is a ruling on detention, not a police arrest
        (r"(?:мосгор|гор|обл|рай|верх)?суд\w* (?:[^.;]{0,80}?)(?:арестовал\w*|"
         r"отправил\w* под арест|заключил\w* под стражу|"
         r"продлил\w*|избрал\w* (?:\w+ )?мер\w*|оставил\w* в силе|оправдал\w*|отказал\w*|"
         r"приговорил\w*|признал\w*|маҳкум\w*)|(?:отправил\w*|заключ\w*) (?:\w+ ){0,2}под "
         r"(?:арест|стражу)|додгоҳ\w* (?:[^.;]{0,100}?)(?:ба ҳабс гирифт|ҳукм\w*|ҳабс\w*|"
         r"маҳкум\w*|даст кашид|ҷарима\w*|тамдид\w*)|суди? \w+ (?:[^.;]{0,60}?)ҷарима", 5.0),
    ],
    "legal_measure": [
        (r"закон\w*|указ\w*|постановлени\w*|распоряжени\w*|законопроект\w*|поправк\w*|"
         r"запрет\w*|ограничени\w*|қонун\w*", 2.0),
        (r"(?:поручил\w*|приказал\w*|обязал\w*|распорядил\w*) (?:\w+ ){0,4}(?:усилить|"
         r"провести|проверить|ужесточить|запретить|сообщать|регистрировать|уведомлять|сдавать)|"
         r"запретят|запретил\w*|"
         r"(?:\w+ ){0,3}манъ кард\w*|қарор\w* (?:\w+ ){0,3}имзо\w*|фармон\w*|"
         r"закон\w* (?:позволяет|разрешает|обязывает|запрещает)|приостановил\w* (?:выдачу|"
         r"действие)|ввел\w* (?:правило|запрет|ограничени)\w*|поручил\w*|қонун\w* (?:нав )?"
         r"имкон медиҳ\w*|қатъ карданд|супориш дод\w*|қарор\w* дар бораи", 5.0),
    ],
    "claim_of_responsibility": [
        (r"взял\w* на себя ответственност\w*|ответственност\w* за (?:теракт|нападени|взрыв)\w*",
         5.5),
        (r"масъулият\w* (?:[^.;]{0,80}?)(?:бар )?(?:дӯш|ӯҳда) гирифт\w*|"
         r"что (?:\w+ ){0,4}(?:устроил\w*|"
         r"совершил\w*) (?:её|ее|его|их) (?:боевик|член)\w*|заявил\w*,? что стоит за|"
         r"заявлени\w* об ответственности|взял\w* ответственност\w*|признал\w* (?:свою )?"
         r"причастност\w*|сообщил\w*,? что (?:её|ее|его) боевики|изҳор дошт,? ки", 5.5),
    ],
    "natural_disaster": [
        (r"землетрясени\w*|наводнени\w*|паводк\w*|оползн\w*|сел[ья]\b|ураган\w*|лавин\w*|"
         r"засух\w*|лесн\w* пожар\w*|смерч\w*|шторм\w*|заминларза\w*|обхезӣ\w*", 4.0),
    ],
    "man_made_disaster": [
        (r"пожар\w*|возгорани\w*|обрушени\w*|обрушил\w*|крушени\w*|авари\w*|дтп|взрыв\w* газа|"
         r"катастроф\w*|сӯхтор\w*|загорел\w*|коротк\w* замыкани\w*|неисправн\w* проводк\w*|"
         r"ноқисии сими барқ|сӯхт\b", 3.5),
    ],
    "diplomatic_event": [
        (r"нот\w* протеста|ёддошт\w* (?:\w+ )?эътироз\w*|вызвал\w* (?:\w+ ){0,2}посла|"
         r"сафир\w*|вазорати корҳои хориҷӣ", 5.0),
        (r"переговор\w*|встреч\w*|визит\w*|посол\w*|посольств\w*|министр\w* иностранных дел|"
         r"мид\b|саммит\w*|дипломат\w*", 2.0),
    ],
    "organized_crime": [
        (r"наркот\w*|контрабанд\w*|преступн\w* (?:групп|сообществ)\w*|опг|героин\w*|"
         r"торговл\w* людьми|организаци\w* незаконной миграции", 3.0),
    ],
    "agreement": [
        (r"соглашени\w*|перемири\w*|прекращени\w* огня|обмен\w* пленн\w*|сдал\w*ся|"
         r"договорил\w*|подписал\w* (?:договор|меморандум)\w*", 4.0),
    ],
    "change_to_group_activity": [
        (r"перешл\w* на сторону|распущен\w*|самороспуск\w*|объединил\w*|сменил\w* название", 4.5),
    ],
    "disrupted_weapons_use": [
        (r"обезвред\w*|разминир\w*|схрон\w*|тайник\w*|предотврат\w* (?:теракт|взрыв)\w*|"
         r"(?:изъял|изъят|обнаружил|нашл)\w* (?:\w+ ){0,3}(?:оружи|боеприпас|взрывчат|"
         r"взрывн|гранат|сву)\w*", 4.5),
    ],
    "headquarters_or_base_established": [
        (r"(?:создал|развернул|разместил|открыл)\w* (?:\w+ )?(?:баз|штаб|лагер)\w*", 4.5),
    ],
    "government_regains_territory": [
        (r"освободил\w* (?:\w+ )?(?:сел|город|населенн|поселок|район)\w*|отбил\w*|"
         r"вернул\w* (?:под )?контрол\w*", 4.5),
    ],
    "non_state_actor_overtakes_territory": [
        (r"захватил\w*|захват\w* (?:сел|город|район|баз)\w*|взял\w* под контроль|"
         r"установил\w* контроль", 4.0),
    ],
    "non_violent_transfer_of_territory": [
        (r"вывел\w* войск\w*|вывод\w* войск\w*|отвод\w* войск\w*|передал\w* контрол\w*", 3.0),
    ],
    "other": [(r"освобожд\w*|освободил\w*|отпущен\w*|комендантск\w* час\w*", 1.5)],
}

#: Tajik (Cyrillic) triggers, best effort: merged into the Cyrillic lexicon.
TG: dict[str, list[Entry]] = {
    "arrest": [(r"боздошт\w*|дастгир\w*|ҳабс\w*", 3.0)],
    "peaceful_protest": [(r"эътироз\w*|тазоҳурот\w*|гирдиҳамо\w*", 3.0)],
    "attack": [(r"кушт\w*|ҳамла\w*|тирпарон\w*|захм\w*", 2.0)],
    "abduction": [(r"рабуд\w*|гум шуд\w*|бедарак\w*", 4.5)],
    "remote_explosive_landmine_ied": [(r"таркиш\w*|тарконд\w*", 4.0)],
    "raid": [(r"рейд\w*|санҷиш\w*", 3.0)],
}

#: Context cues (not triggers): who took part, and how a protest went.
CUES: dict[str, dict[str, str]] = {
    "en": {
        # state forces and organised armed groups: violence between them is a battle
        "armed": r"soldiers?|troops?|army|military|security (?:forces|personnel|officials?)|"
                 # men of the law by their rank or service ("an assistant sub inspector",
                 # "law enforcers", "the provincial constabulary"), and armed vigilantes
                 r"sub[- ]?inspectors?|law[- ]enforce(?:rs|ment (?:officers?|officials?|"
                 r"personnel|agents?|agenc(?:y|ies)))|constabulary|vigilantes?|"
                 r"police(?:m[ae]n)?(?! (?:stations?|thana|lines))|policem[ae]n|commandos?|"
                 r"special forces|forces|militants?|"
                 r"insurgents?|rebels?|taliban|militia\w*|fighters?|jihadists?|al-?shabaab|"
                 r"boko haram|maoists?|naxal\w*|separatists?|arbakis?|paramilitary|rangers|"
                 r"levies|guards?|(?-i:ANDSF|ANA|ANP|NDS|IS|ISIS|ISKP)|daesh|terrorists?|"
                 r"armed (?:group|men)|gunmen|commanders?|border guards?|personnel|"
                 r"jawans?|CRPF|BSF|sepoys?|(?:armed|military) wing|ex-seleka|anti-balaka|"
                 r"(?-i:FC|CTD|LNA)|frontier corps|assam rifles|hideouts?|outfit|"
                 r"check ?posts?|checkpoints?|outposts?|bases?|convoys?|patrols?|constables?|"
                 r"peacekeepers?|troopers?|commandants?|servicem[ae]n|"
                 r"(?:police|army|military|security|intelligence|border|customs) officers?",
        "civilian": r"civilians?|villagers?|residents?|farmers?|students?|wom[ae]n|child(?:ren)?"
                    r"|girls?|boys?|teachers?|journalists?|passengers?|shopkeepers?|traders?|"
                    r"owners?|"
                    r"merchants?|elders?|scholars?|clerics?|mullah|imam|doctors?|workers?|"
                    r"labou?rers?|famil(?:y|ies)|(?:a |the )man\b|people|persons?|youths?|"
                    r"shepherd|sheperd|drivers?|employees?|activists?|"
                    r"worshippers|pilgrims|minors?|migrants?|refugees?|mother|father|son|wife|"
                    r"houses?|homes?|mosques?|temples?|church(?:es)?|schools?|bus(?:es)?|"
                    r"markets?|shops?|hospitals?|wedding|funeral|procession|passers-?by|"
                    r"concert-?goers|audience|spectators|visitors|shoppers|customers|"
                    r"couples?|postm[ae]n|postmasters?|informers?|(?:government|local|civil|"
                    r"election|polling|health|polio|aid) (?:officials?|officers?|workers?|"
                    r"agents?)|vaccinators?|lawmakers?|legislators?|councillors?|MPAs?|MPs?|"
                    r"MLAs?|candidates?|contractors?|engineers?|businessm[ae]n|aides?|"
                    r"relatives|brothers|sisters|nationals?|citizens?|tribals?|missionar(?:y|ies)|"
                    r"inmates?|prisoners?|priests?|pastors?|monks?|nuns?|clergym[ae]n|"
                    r"(?:local|political|party|community|religious|"
                    r"union|student|opposition|ruling party) leaders?|politicians?|chairm[ae]n",
        "crowd": r"protesters?|demonstrators?|strikers?|protestors?|rall(?:y|ies)|"
                 r"marchers|agitators|(?:the )?crowd|supporters|activists|villagers|groups?|"
                 r"factions?|communit(?:y|ies)|picketers|blockaders|mobs?|students|youths|"
                 r"residents|locals|rioters|assailants|miscreants|hooligans|(?:angry|irate|"
                 r"agitated|enraged) \w+|(?:party|opposition) (?:men|workers)|opponents|"
                 r"rivals|rival (?:factions?|groups?)|cadres|voters|lawyers|processionists|pickets|"
                 r"(?:party|league|front|union) (?:members|activists|leaders)|members|volunteers|"
                 r"looters",
        "intervention": r"dispers\w*|tear ?-?gas|teargas|water cannons?|baton\w*|lathi\w*|"
                        r"rubber bullets?|pepper spray|(?:fired|shots) in the air|warning shots|"
                        r"broke up|cane-?charg\w*|stopped by (?:the )?police|police (?:stopped|"
                        r"blocked|prevented|intervened)|arrest\w*|detain\w*|rounded up|"
                        r"foiled|intercepted|(?:stun|flash) ?-?grenades?|smoke shells?|dragged|"
                        r"carried away|taken to (?:the )?police|police (?:buses|vans)",
        "force": r"(?:opened fire|fired (?:live|bullets|on|at)|shot (?:dead|at)|live (?:ammunition"
                 r"|rounds|bullets)|killed|beat\w*|brutal\w*)",
        "riot": r"clash\w*|vandali[sz]\w*|torch\w*|set (?:on )?fire|set ablaze|ransack\w*|"
                r"attacked|attacks? by|damag\w*|smash\w*|burn(?:ed|t|"
                r"ing) (?:\w+ ){0,2}(?:vehicles?|cars?|"
                r"bus\w*|shops?|houses?|offices?|buildings?)|hurl\w*|pelt\w*",
        "negation": r"no|not|never|without|neither|nor|none|nobody",
        "deaths": r"killed|dead|died|death|deaths|fatalit\w*|lost their lives|succumbed",
    },
    "ru": {
        "armed": r"военн\w*|военнослужащ\w*|солдат\w*|войск\w*|арми\w*|силовик\w*|полици\w*|"
                 r"боевик\w*|повстанц\w*|ополченц\w*|террорист\w*|талиб\w*|фсб|всу|вс рф",
        "civilian": r"мирн\w* жител\w*|жител\w*|граждан\w*|мигрант\w*|человек|люд\w*|дет\w*|"
                    r"женщин\w*|мужчин\w*|студент\w*|рабоч\w*|журналист\w*|активист\w*|"
                    r"таджик\w*|узбек\w*|киргиз\w*|иностран\w*",
        "crowd": r"протестующ\w*|демонстрант\w*|участник\w* (?:акци|митинг|пикет|шестви)\w*|"
                 r"пикетчик\w*|митингующ\w*",
        "intervention": r"задерж\w*|разогна\w*|разгон\w*|слезоточив\w*|омон\w*|росгварди\w*|"
                        r"дубинк\w*|свернул\w*|вытеснил\w*|светошумов\w*",
        "force": r"открыл\w* огонь|стрелял\w*|избил\w*|убит\w*|дубинк\w*|электрошокер\w*",
        "riot": r"столкновени\w*|столкнул\w*|поджог\w*|подожгл\w*|разгромил\w*|бросал\w*",
        "negation": r"не|нет|без|никто|ни",
        "deaths": r"погиб\w*|убит\w*|скончал\w*|жертв\w*",
    },
}
CUES["tg"] = CUES["ru"]


# Phrases of the reports the project receives, beyond a news agency's words: hotline call
# notes, messenger posts and lawyers' notes tell a raid by what officers did ("went floor
# by floor", "collected everyone's passports"), an arrest by where the man is held, a
# disappearance by what the police deny. Collected from reports written for the project
# (its own tuning set, in the three languages) after the demo corpus alone left the rules
# fitted to its wording.
DOMAIN_EN: dict[str, list[Entry]] = {
    "raid": [
        (r"(?:went|going|goes|moved|walked) (?:floor by floor|room by room|door to door|from door "
         r"to door|row by row|stall by stall|shop by shop|house by house|"
         r"from room to room|cabin by cabin|flat by flat)|(?:blocked|sealed off|"
         r"cordoned off|closed off|shut) (?:\w+ ){0,3}(?:exits?|entrances?|gates?|rows?)|"
         r"(?:mass|large-scale|sweeping) (?:checks?|inspections?|document checks?)", 3.5),
        (r"(?:demanded|demanding|asked for|asking for|checked|checking|collected|collecting|"
         r"inspected) (?:\w+ ){0,2}(?:documents|papers|passports|registration|patents|IDs)"
         r"(?: \w+){0,2} (?:from|of) (?:every|all|each|everyone)|(?:checked|checking|collected|"
         r"collecting|took|taking) (?:everyone's|everybody's|all the|each worker's|every "
         r"worker's|all their) (?:\w+ )?(?:documents|papers|passports|registration|patents|IDs)",
         3.5),
        (r"inspect(?:ed|ing|ions? of) (?:\w+ ){0,3}(?:flats|apartments|hostels?|dormitor\w*|"
         r"sites?|markets?|warehouses?|depots?|plants?|factor\w*|prayer halls?|mosques?)|"
         r"(?:checking|checked|searched|raided|stormed) (?:the |a )?(?:\w+ ){0,2}(?:prayer hall|"
         r"mosque|hostel|dormitory|market|warehouse|depot|construction site|plant|factory)", 3.5),
        (r"put (?:on|into) (?:two |three |a |the )?(?:buses|a bus|vans|police vans)", 2.5),
        (r"(?:walking|walked|went|going) (?:through )?the (?:corridors|carriages|aisles)|waking "
         r"(?:everyone|everybody|people) up|want(?:ed)? to see (?:\w+ ){0,2}(?:patents|documents|"
         r"papers|passports|registration)|descended on (?:the |a )?(?:\w+ ){0,3}(?:market|hostel|"
         r"dormitory|dorm|site|warehouse|depot|factory|plant|mosque)|(?:everyone|anyone|all) who "
         r"(?:looks|look|looked) (?:Asian|like a migrant|foreign|non-Slavic)|(?:photographed|"
         r"fingerprinted) (?:\w+ ){0,2}(?:every|all|each)|(?:every|each) (?:worker|resident|trader|"
         r"passenger) was (?:photographed|fingerprinted|checked|questioned)", 3.5),
    ],
    "arrest": [
        (r"taken to (?:the |a )?(?:local |district |nearest )?(?:police station|police department|"
         r"station|department|precinct)|(?:is|was|are|were|being) (?:still )?(?:held|kept) (?:at|"
         r"in) (?:the )?(?:\w+ ){0,2}(?:station|department|cell|holding)|holding cell|picked up "
         r"(?:outside|near|at|from|on)|(?:were|was) taken away by (?:the )?(?:police|officers)|"
         r"(?:police|officers) took (?:\w+ ){0,3}away", 3.0),
        (r"(?:grabbed|seized|snatched) by (?:the )?(?:police|officers|plain-?clothes)|(?:is|"
         r"was) at the "
         r"(?:\w+ )?police (?:station|department)|in custody since|dragged (?:\w+ ){0,3}away|"
         r"led (?:\w+ ){0,3}(?:to|into) (?:police )?(?:buses|vans|a bus|a van)", 3.0),
    ],
    "deportation": [
        (r"ban\w* (?:\w+ )?from (?:re-?)?entering|not (?:let|allowed) (?:through|into|in)\b|"
         r"(?:has|had) to fly back|sent back (?:from|to) (?:Russia|Tajikistan|Uzbekistan|"
         r"Kyrgyzstan|Dushanbe|Tashkent|Bishkek)|turned back at (?:\w+ ){0,2}(?:border|airport|"
         r"checkpoint)|undesirable|(?:put|placed) "
         r"on (?:a |the )?(?:\w+ )?(?:plane|flight)s?\b|(?:must|has to|"
         r"had to|ordered to) leave (?:Russia|the country) within", 4.5),
    ],
    "forced_recruitment": [
        (r"medical (?:checks?|examinations?|board|commission) for (?:military|army) service|"
         r"(?:sent|send|sending|go|going) to the front(?:line|lines)?\b", 4.5),
        (r"(?:agreed|agree|agreeing|agrees) to (?:go (?:and|to) )?(?:fight|join the army|serve)|"
         r"(?:made|forced|pressured|told|ordered) to sign (?:a |the )?(?:\w+ )?contracts?|"
         r"go (?:and|to) fight|(?:either|between) (?:a )?contract or (?:a )?(?:prison|jail|"
         r"deportation)|fight in Ukraine", 5.0),
        (r"(?:forms?|applications?|papers|questionnaires?) for (?:military service|the army|"
         r"contract"
         r" service)|(?:talks|talked|agitat\w*|campaign\w*) about the [\"«]?special (?:military )?"
         r"operation|recruitment (?:point|centre|center|office)|call-up papers|summon\w* to the "
         r"(?:military )?enlistment office|military registration form|report for (?:military )?"
         r"service|(?:taken|brought|delivered|driven) to the (?:military )?commissariat", 4.5),
    ],
    "torture": [
        # harm done to people already held, by those who hold them
        (r"(?:beat(?:en|ing)?|kicked|tortured|abused) (?:\w+ ){0,2}by (?:the )?(?:(?:prison|"
         r"jail|detention|centre|center|camp) (?:staff|guards|officers|wardens|warders)|guards|"
         r"wardens|warders)|"
         # police or officers beat people in the street too: torture only where they held them
         r"(?:beat(?:en|ing)?|kicked|abused) (?:\w+ ){0,2}by (?:the )?(?:police ?)?(?:staff|"
         r"officers|policem[ae]n|police) (?:\w+ ){0,3}(?:in|at) (?:the |a )?(?:police )?(?:custody|"
         r"station|detention|cells?|precinct|lock-?up|holding)", 4.5),
        # a death in custody: ill-treatment when nothing else is told (the cause of a riot
        # or protest when one is)
        (r"died (?:\w+ ){0,2}in (?:police )?custody|death in (?:police )?custody", 2.5),
        (r"until (?:he|she|they) (?:agreed to |would )?(?:sign\w*|confess\w*|admit\w*|testif\w*)|"
         r"handcuffed to (?:a |the )?(?:radiator|pipe|chair|bench|railing)|beat\w* (?:\w+ )?on the "
         r"(?:kidneys|heels|soles)|(?:put|placed|pulled) a (?:plastic )?(?:bag|gas mask) (?:on|"
         r"over)|"
         r"gas mask (?:on|over) (?:his|her)|blocked the air|suffocat\w*|denied (?:water|food|sleep|"
         r"medical)|forced to (?:stand|kneel)|(?:stand|kneel)(?:ing)? for hours|poured (?:cold |"
         r"icy )?"
         r"water (?:on|over)|(?:sit|lie|sleep) on the (?:cold |concrete )?floor|"
         r"cut off (?:\w+ ){0,2}"
         r"(?:ear|finger)|(?:ear|finger) (?:\w+ ){0,4}cut off|(?:made|forced) (?:him|her|"
         r"them) (?:to )?"
         r"(?:say|record|admit|repeat) (?:\w+ ){0,3}(?:on camera|on video|that)", 4.5),
    ],
    "assault": [
        (r"(?:got )?jumped (?:by|near|on|outside|at)|kicked (?:him|her|them)|(?:attacked|"
         r"stabbed) (?:\w+ ){0,3}with a knife|knife attack|(?:attacked|hit|struck|beat(?:en)?) "
         r"(?:\w+ ){0,6}with (?:a |an )?(?:metal bar|bars?|bats?|knife|hammer|bottle|sticks?|pipe|"
         r"skateboard|stone|brick|chain|fists?)|beat (?:him|her|them) up|beat up", 3.0),
    ],
    "abduction": [
        (r"not (?:been )?seen since|(?:not|nobody|neither|none) (?:\w+ ){0,6}confirm\w* (?:holding|"
         r"detaining|having|that)|no record of (?:him|her|them)|taken somewhere|the line went dead|"
         r"(?:say|said) (?:they|it) did not detain", 4.5),
    ],
    "arson": [
        (r"(?:set|started|lit) (?:\w+ )?deliberately|deliberately (?:set|started|lit)|set on "
         r"purpose|burn(?:ed|t) (?:down )?(?:the |a |his |her |their )?(?:\w+ )?(?:minibus|van|"
         r"truck|"
         r"taxi|kiosk|caf[eé]|restaurant|mosque|prayer room|hostel|shop|stalls?|car)|burning "
         r"(?:bottle|rag|torch)|bottles? (?:with|of|full of) (?:petrol|gasoline|fuel)|"
         r"petrol bottles?|"
         r"accelerant|(?:shop|store|caf[eé]|grocery|kiosk|stall) burned out", 4.5),
    ],
    "threat": [
        (r"(?:notes?|leaflets?|letters?|messages?|flyers?) (?:\w+ ){0,6}(?:saying|reading|telling|"
         r"warning|threatening)|you have (?:one|a|two|three|\d+) (?:week|weeks|days?|hours?)|burn "
         r"you (?:out|alive|down)|we (?:will|'ll) (?:burn|kill|find|come for|deal with)|would "
         r"(?:report|hand|turn) (?:them|him|her) (?:in |over )?(?:to (?:the )?(?:police|FSB|"
         r"migration)|in)|(?:posted|published|shared|leaked|circulated) (?:a list|lists|the "
         r"addresses|addresses|names and addresses)|called (?:on|for) (?:\w+ ){0,6}to [\"«“]"
         r"(?:deal|attack|beat|drive|gather|clean)|(?:will|would) be (?:handed|reported|"
         r"turned) (?:over |in )?"
         r"to (?:the )?(?:police|FSB|migration)|call(?:s|ed|ing)? for (?:\w+ ){0,3}to be (?:driven "
         r"out|expelled|deported|beaten|attacked|thrown out)", 4.0),
    ],
    "court_ruling": [
        (r"(?:appeal|hearing|trial|case) (?:\w+ ){0,3}(?:postponed|adjourned|scheduled|rescheduled|"
         r"set for|resumed)|(?:postponed|adjourned) the (?:hearing|trial|case)|appeal (?:court|"
         r"hearing)|(?:filed|lodged|filing|lodging) an appeal|appeals? (?:\w+ ){0,6}(?:dismissed|"
         r"rejected|granted|allowed|upheld|turned down)|(?:dismissed|rejected|granted|upheld|"
         r"turned down) (?:the |his |her |their |an )?appeal|(?:judge|"
         r"court) (?:\w+ ){0,2}(?:refused|"
         r"rejected|granted|extended|ordered|upheld)|(?:detention|custody|arrest) (?:was |"
         r"has been |"
         r"had been )?extended", 4.0),
    ],
    "legal_measure": [
        (r"(?:passed|adopted|approved|signed|introduced|tabled) (?:a |the )?(?:\w+ ){0,2}(?:bill|"
         r"law|decree|amendments?|resolution)|(?:first|second|third) reading|bill (?:that|which) "
         r"would|(?:ordered|obliged|required) (?:all )?(?:employers|foreigners|migrants|companies|"
         r"landlords) to|government (?:resolution|decree|order)|foreigners will (?:need|have|be "
         r"required|be obliged) to", 5.0),
    ],
    "diplomatic_event": [
        (r"(?:discussed|talked|spoke) (?:\w+ ){0,8}by (?:phone|telephone)|(?:phone|telephone) "
         r"(?:call|conversation|talks)|held talks", 4.0),
        # a state's protest through its ministry or embassy is diplomacy, not a street protest
        (r"(?:ministry|embassy|consulate|government) (?:[\w'’-]+ ){0,4}(?:lodged|expressed|voiced|"
         r"sent|filed) (?:a |an )?(?:formal |official |strong )?protest", 5.5),
    ],
    "peaceful_protest": [
        (r"with (?:[\w-]+ ){0,2}(?:signs|placards|posters|banners)\b|(?:gathered|assembled|came) "
         r"(?:[\w,'-]+ ){0,10}(?:asking|to ask|begging|pleading) (?:for|to)", 3.0),
        (r"downed tools|refus\w* to work|stopped work(?:ing)? (?:in protest|until|demanding)|"
         r"walked off the job", 3.5),
    ],
    # a fire or blast put down to a fault: an accident, whatever the word for the blast
    "man_made_disaster": [(r"gas leaks?|faulty wiring|short[- ]circuit\w*|electrical fault\w*",
                           4.5)],
    "organized_crime": [
        (r"(?:fake|forged|counterfeit|false) (?:\w+ ){0,2}(?:documents|registrations?|patents?|"
         r"passports|certificates|papers)|(?:criminal|smuggling|trafficking) (?:network|ring|"
         r"scheme)|(?:dismantled|busted|broke up|uncovered) (?:a |an )?(?:\w+ ){0,2}(?:network|"
         r"ring|gang|scheme)", 4.0),
    ],
}

DOMAIN_RU: dict[str, list[Entry]] = {
    # shot at with a handgun or a rubber-bullet pistol: gunfire at people, not shelling
    "attack": [(r"обстрел\w* (?:\w+ ){0,3}из (?:травматическ|пистолет|ружь|автомат|пневматическ|"
                r"охотничь|обрез)\w*", 5.0)],
    "raid": [
        (r"(?:ходят|ходили|прошл\w*|обош\w*|обходили|обходят) по (?:комнатам|этажам|квартирам|"
         r"рядам|бытовкам|вагончикам|павильонам)|обошл\w* (?:\d+ )?(?:\w+ )?квартир\w*|"
         r"(?:перекрыл\w*|закрыл\w*|оцепил\w*|заблокировал\w*) (?:\w+ ){0,2}(?:выход\w*|вход\w*|"
         r"ворота|ряды|бытовк\w*)|(?:собира\w*|собрал\w*) (?:все |у всех )?паспорт\w*|маски-шоу|"
         r"(?:проверя\w*|требова\w*) (?:\w+ )?(?:документ|паспорт|регистрац|патент)\w* у (?:всех|"
         r"каждого)|массов\w* проверк\w*|проверк\w* на (?:рынке|рынках|складе|стройке|овощебазе|"
         r"объекте|предприятии)", 3.5),
        (r"требова\w* (?:\w+ )?документ\w*", 3.0),
        (r"(?:ходят|ходили|идут|ид[её]т|шли) по (?:коридорам|вагонам|этажам|комнатам|баракам)|"
         r"буд(?:ят|или) всех|выгнал\w* (?:\w+ ){0,2}из (?:вагончиков|бытовок|комнат|бараков|"
         r"общежити\w*)|(?:всех|каждого),? кто похож|(?:смотрели|смотрят|проверяли|проверяют) "
         r"(?:документы|паспорта|патенты|регистрацию)|снимали отпечатки|"
         r"дактилоскопи\w*", 3.5),
        # "mass detentions" name a sweep, more than the detentions of it
        (r"массов\w* задержани\w*", 4.0),
    ],
    "arrest": [
        (r"(?:отвез\w*|отвезл\w*|увез\w*) в (?:отдел|отделение|полици|ОВД|ОМВД)\w*|(?:держат|"
         r"удерживают|находится) в (?:отделе|отделении|ОВД|ОМВД|КАЗ|камере|изоляторе)|"
         r"(?:взял\w*|забрал\w*) (?:\w+ )?у (?:подъезда|дома|метро|работы|магазина)|(?:взял\w*|"
         r"забрал\w*) (?:\w+ ){0,2}(?:с|со) (?:рынка|работы|улицы|стройки|объекта|склада|смены)|"
         r"забрал\w* (?:\w+ ){0,3}«?на проверку|остановил\w* "
         r"(?:\w+ ){0,4}и (?:отвез|доставил|увез)\w*", 3.5),
        (r"схватил\w*|(?:сейчас|находится|сидит) (?:\w+ ){0,2}(?:в|во) (?:\S+ )?отдел\w*|"
         r"вынес\w* (?:\w+ ){0,3}(?:в автобус|в автозак)|(?:отвели|загнал\w*|"
         r"затащил\w*) (?:\w+ ){0,2}"
         r"в (?:автобус|автозак)\w*", 3.0),
    ],
    "deportation": [
        (r"посадил\w* на (?:\w+ )?(?:рейс|самол[её]т)|закрыт\w* въезд|развернул\w* (?:в|на|во) "
         r"(?:аэропорту|границе|Пулкове|Шереметьеве|Домодедове|Внукове)", 4.5),
        (r"(?:не выпустили|не пропустили) (?:\w+ ){0,3}(?:паспортн\w* контрол\w*|границ\w*)|"
         r"на паспортном контроле (?:\w+ ){0,2}не (?:выпустили|пропустили)|из России вернули|"
         r"вернул\w* (?:\w+ ){0,3}(?:из России|на родину)", 4.0),
    ],
    "forced_recruitment": [
        (r"(?:согласятся|согласится|согласил\w*|соглашаются) (?:\w+ ){0,2}(?:воевать|на фронт|"
         r"служить|подписать контракт)|(?:или|либо) контракт,? (?:или|либо) (?:срок|тюрьма|"
         r"депортация|выдворение)|поехать воевать|воевать на Украин\w*", 5.0),
        (r"анкет\w* (?:для )?(?:поступления )?на (?:военную )?служб\w*|рассказывает о СВО|"
         r"агитир\w* "
         r"(?:\w+ ){0,3}(?:СВО|контракт|фронт)|пункт\w* отбора|вруч\w* повестк\w*|(?:пойд[её]т|"
         r"пойти|"
         r"идти|ехать|поехать|отправ\w*) (?:\w+ )?на фронт|(?:в|"
         r"во) (?:военн\w* )?комиссариат\w*", 4.5),
        # carried off to the enlistment office or "registered" for service: how the desk's
        # callers describe a round-up for the army
        (r"(?:\w*вез(?:ут|ли|ёт|ет)|\w*в[её]з|вед(?:ут|ёт|ет)|повел\w*|доставля\w*|забира\w*|"
         r"забрал\w*) (?:\w+ ){0,3}(?:в|во) (?:\w+ )?военкомат\w*|постановк\w* на (?:воинский )?"
         r"уч[её]т|воинск\w* уч[её]т\w*|(?:забира|отправля|отправ|забрат|забрал)\w* (?:\w+ ){0,2}"
         r"в армию|«?на передовую", 4.5),
    ],
    "torture": [
        # guards beating the people they hold
        (r"(?:охран\w*|конвой\w*|надзирател\w*|сотрудник\w* (?:ЦВСИГ|спецпри[её]мника|СИЗО|ИВС|"
         r"изолятора|колонии)) (?:\w+ ){0,2}(?:бь[её]т|бьют|избива\w*|избил\w*|били|пыта\w*)|"
         r"(?:умер|скончал\w*|погиб\w*) (?:\w+ ){0,2}(?:в|во) (?:отделе|ИВС|СИЗО|камере|"
         r"изоляторе|спецпри[её]мнике)", 4.5),
        (r"пристегнул\w* (?:наручниками )?к (?:батарее|трубе|стулу|решётке|решетке)|били по "
         r"(?:почкам|пяткам)|бутылк\w* с водой|противогаз\w*|перекрыл\w* клапан|не давали (?:воды|"
         r"пить|спать|есть)|(?:часами )?заставляли стоять|пока (?:он|она|они) не (?:согласил\w*|"
         r"подписал\w*|признал\w*)|облива\w* (?:\w+ ){0,2}(?:холодной )?водой|на холодном полу",
         4.5),
    ],
    "assault": [
        (r"приставил\w* (?:\w+ ){0,2}(?:нож|пистолет|ствол)\w*|"
         r"на (?:него|неё|нее|них) напал\w*|напал\w* (?:\w+ ){0,2}(?:трое|двое|группа|"
         r"неизвестн\w*|подрост\w*)|отпинал\w*|били ногами|ножев\w* ранени\w*", 3.0),
    ],
    "abduction": [
        (r"неизвестн\w* (?:\w+ ){0,3}забрал\w*|забрал\w* (?:\w+ ){0,4}неизвестн\w*|"
         r"ничего (?:о нём|о нем|о ней|о них|не знает|не знают|не известно)|не появлял\w*|"
         r"(?:ни|не) (?:\w+ ){0,4}подтвержда\w*|такого у них нет|где (?:он|она|они) сейчас,? "
         r"неизвестно|неизвестно,? где (?:он|она|они)", 4.5),
    ],
    "arson": [
        (r"(?:устроен|устроили|совершен\w*) умышленно|умышленн\w* (?:поджог|уничтожени\w* "
         r"имущества)|плеснул\w* бензин|бутылк\w* с (?:бензином|горючим)|горящ\w* бутылк\w*|"
         r"выгорел\w*|горюч\w* жидкост\w*|зажигательн\w* смес\w*", 4.5),
    ],
    "threat": [
        (r"(?:записк\w*|листовк\w*|сообщени\w*|письм\w*) (?:\w+ ){0,6}(?:с угрозами|угрожа\w*)|"
         r"у вас (?:неделя|\d+ дн\w*|сутки)|сожж[её]м|(?:а то|иначе) (?:хуже будет|будет хуже|"
         r"пожалеете|пожалеешь|пеняй\w* на себя|будет плохо)|приходите с (?:битами|палками|"
         r"арматур\w*)|(?:ид[её]м|пойд[её]м|идти) (?:\w+ ){0,2}(?:чистить|гнать|бить)|"
         r"(?:грози\w*|пригрози\w*|угрожа\w*) (?:\w+ ){0,2}(?:вызвать|сдать|позвонить) (?:\w+ )?"
         r"(?:полици|миграционн|ФСБ|УФМС|МВД)\w*|(?:сдаст|сдам|сдадим|сдадут) (?:\w+ ){0,2}"
         r"(?:в ФСБ|в полицию|полиции|ФСБ|в миграционн\w*)|зачистить|(?:на|по) (?:двери|стене|"
         r"подъезде|машине) (?:\w+ ){0,4}написали|добь[её]тся депортации|разбираться самим|"
         r"опубликовал\w* (?:\w+ ){0,2}(?:список|адреса)|навестите их", 4.0),
    ],
    "court_ruling": [
        (r"(?:заседани\w*|слушани\w*|рассмотрени\w*) (?:\w+ ){0,2}отложен\w*|апелляци\w*|"
         r"жалоб\w* (?:\w+ ){0,2}(?:рассмотр|отклон|удовлетвор)\w*", 4.0),
        # what a court did to an earlier ruling or to custody: a ruling, whatever the arrest
        # or expulsion it is about
        (r"оставил\w* (?:\w+ ){0,3}без изменени\w*|продл(?:ил|[её]н)\w* (?:\w+ ){0,3}(?:срок|"
         r"арест|стражу|содержани)\w*|срок\w* содержания под стражей|(?:удовлетворил\w*|"
         r"отклонил\w*|отказал\w* в) (?:\w+ ){0,2}(?:жалоб|иск|ходатайств)\w*|(?:отменил\w*|"
         r"отменен\w*|отменён\w*) (?:\w+ ){0,2}(?:выдворени|решени|приговор|арест|штраф)\w*|"
         r"суд\w* над|прош[её]л суд|получил\w* (?:по )?(?:\w+ ){0,2}(?:год\w*|лет) (?:колони|"
         r"заключени|лишения свободы)\w*|условн\w* срок\w*", 5.0),
    ],
    "legal_measure": [
        (r"принял\w* (?:\w+ ){0,3}(?:закон|законопроект|поправк)\w*|в (?:первом|втором|третьем) "
         r"чтении|подписал\w* (?:\w+ )?(?:указ|закон|постановлени)\w*", 5.0),
    ],
    "diplomatic_event": [
        (r"обсудил\w* (?:\w+ ){0,3}по телефону|телефонн\w* разговор\w*|провел\w* переговоры", 4.0),
        # a state's protest through its ministry or embassy is diplomacy, not a street protest
        (r"(?:посольств\w*|консульств\w*|мид\w*|министерств\w* иностранных дел) (?:\w+ ){0,4}"
         r"(?:выразил\w*|заявил\w*|направил\w*) (?:\w+ )?протест|вручил\w* (?:\w+ ){0,2}нот[уы]",
         5.5),
    ],
    "peaceful_protest": [
        (r"провел\w* (?:\w+ )?акци\w*|акци\w* (?:у|возле|перед|против|в поддержку|"
         r"солидарности)|(?:пришли|"
         r"пришл\w*|собрал\w*|вышл\w*) (?:[\w,]+ ){0,10}(?:и )?(?:просили|просят|требовали|"
         r"требуют|с требовани\w*)|"
         r"с (?:самодельными |самодельной )?(?:табличк|плакат|транспарант)\w*|не выходят на "
         r"(?:смену|работу)|отказываются работать|отказал\w* работать|прекратил\w* работу|"
         r"собрал\w* (?:[\w,]+ ){0,6}(?:требуя|с требованием|против|в поддержку)", 3.0),
    ],
    "organized_crime": [
        (r"поддельн\w* (?:\w+ ){0,2}(?:документ|регистрац|патент|паспорт|справк)\w*|"
         r"(?:ликвидаци\w*|пресечени\w*|раскрыл\w*) (?:\w+ ){0,2}(?:сет\w*|канал\w*|схем\w*)", 4.0),
    ],
}

DOMAIN_TG: dict[str, list[Entry]] = {
    "raid": [
        (r"(?:шаҳрак|хобгоҳ|бозор|бино|сохтмон|анбор)\w* (?:\S+ ){0,4}иҳота кард\w*|"
         r"аз ҳуҷра ба ҳуҷра|дар долонҳо гашта|ҳамаро бедор мекунанд|ки ба осиёӣ монанд|"
         r"(?:баромадгоҳ|дарвоза|даромадгоҳ)\w* (?:\w+ )?бастанд|шиноснома\w* "
         r"(?:\w+ ){0,2}ҷамъ\w*|ҳуҷҷат\w* (?:\w+ ){0,3}(?:месанҷанд|санҷиданд|тафтиш)\w*", 3.5),
    ],
    "deportation": [
        (r"ворид шуда наметавон\w*|(?:бо|ба) ҳавопаймо\w* (?:\w+ ){0,6}фиристоданд|"
         r"ба ватан (?:\w+ )?фиристоданд", 4.0),
    ],
    "torture": [(r"завлона|ба батарея|оби хунук рехт\w*|дар фарши хунук", 4.0)],
    "threat": [(r"вагарна (?:мемиред|мекушем|месӯзонем)|биравед,? вагарна", 4.0)],
    "arson": [(r"шишаи сӯзон|пурра сӯхт\w*", 4.0)],
    "court_ruling": [(r"(?:зиндон|ҳабс)\w* маҳкум\w*|маҳкум карданд", 5.0)],
    "forced_recruitment": [(r"ба ҷанг (?:равад|раванд|рафтан|фиристод\w*)", 4.5)],
    "abduction": [(r"(?:аз (?:ӯ|вай|онҳо) )?хабаре нест|дараке нест|бе ному нишон|алоқа қатъ "
                   r"шуд|ба ҷое мебаранд", 4.5)],
    "legal_measure": [(r"лоиҳаи қонун\w*|хониши (?:аввал|дуюм|сеюм)|қарори ҳукумат", 5.0)],
    "peaceful_protest": [
        (r"ҷамъ омада,? (?:\w+ ){0,4}талаб\w*|аз кор даст кашид\w*|ба кор "
         r"намебароянд", 3.5),
    ],
}


def _merge(*tables: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for table in tables:
        for code, entries in table.items():
            out.setdefault(code, []).extend(entries)
    return out


def lexicon_for(lang: str | None) -> dict[str, list[Entry]]:
    """The trigger lexicon for a language: Cyrillic languages share the Russian one."""
    if lang in ("ru", "tg", "uk", "ky", "kk", "be", "bg"):
        return _merge(RU, DOMAIN_RU, TG, DOMAIN_TG)
    return _merge(EN, DOMAIN_EN)


def _wrap(fragment: str) -> str:
    # word boundaries that also respect hyphens ("air-strike" is one word here)
    return r"(?<![\w])(?:" + fragment + r")(?![\w])"


@lru_cache(maxsize=8)
def compiled_lexicon(family: str) -> list[tuple[str, float, re.Pattern[str]]]:
    """``(type, weight, regex)`` for a script family ('latin' or 'cyrillic'), compiled once."""
    table = lexicon_for("ru" if family == "cyrillic" else "en")
    out: list[tuple[str, float, re.Pattern[str]]] = []
    for code, entries in table.items():
        for fragment, weight in entries:
            out.append((code, weight, re.compile(_wrap(fragment), re.IGNORECASE)))
    return out


@lru_cache(maxsize=8)
def gated_lexicon(family: str) -> list[tuple[str, float, re.Pattern[str], Gate]]:
    """:func:`compiled_lexicon` with each regex's :class:`~khronika.extract.prefilter.Gate`,
    which skips the regex on texts that hold none of the words it needs."""
    return [(code, weight, rx, gate_for(rx)) for code, weight, rx in compiled_lexicon(family)]


@lru_cache(maxsize=8)
def lexicon_gates(family: str) -> GateSet[tuple[str, float, re.Pattern[str]]]:
    """:func:`gated_lexicon` as one :class:`~khronika.extract.prefilter.GateSet`, which
    picks the entries that may match a text without asking each entry's gate."""
    return GateSet([((code, weight, rx), gate) for code, weight, rx, gate in gated_lexicon(family)])


@lru_cache(maxsize=8)
def compiled_cues(family: str) -> dict[str, re.Pattern[str]]:
    """Context-cue regexes for a script family, compiled once."""
    table = CUES["ru" if family == "cyrillic" else "en"]
    return {name: re.compile(_wrap(rx), re.IGNORECASE) for name, rx in table.items()}
