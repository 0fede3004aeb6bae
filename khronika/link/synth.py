"""Report texts written from an event, in English, Russian and Tajik (our own templates).

Used by the linking benchmark for translations of demo reports and for generated
incidents, and by the scale benchmark. The wording varies (several orders, venues,
sources, people), so that text similarity is not a give-away; the place, day, type and
figures come from the event.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

# (en, ru, tg, lat, lon, admin1, country): written by hand; coordinates rounded.
PLACES: list[tuple[str, str, str, float, float, str, str]] = [
    ("Moscow", "Москва", "Маскав", 55.75, 37.62, "Moscow", "RU"),
    ("Krasnogorsk", "Красногорск", "Красногорск", 55.82, 37.33, "Moscow Oblast", "RU"),
    ("Kotelniki", "Котельники", "Котелники", 55.66, 37.86, "Moscow Oblast", "RU"),
    ("Saint Petersburg", "Санкт-Петербург", "Санкт-Петербург", 59.94, 30.31,
     "Saint Petersburg", "RU"),
    ("Yekaterinburg", "Екатеринбург", "Екатеринбург", 56.84, 60.61, "Sverdlovsk Oblast", "RU"),
    ("Kazan", "Казань", "Қазон", 55.79, 49.12, "Tatarstan", "RU"),
    ("Kaluga", "Калуга", "Калуга", 54.53, 36.27, "Kaluga Oblast", "RU"),
    ("Perm", "Пермь", "Перм", 58.01, 56.25, "Perm Krai", "RU"),
    ("Novosibirsk", "Новосибирск", "Новосибирск", 55.03, 82.92, "Novosibirsk Oblast", "RU"),
    ("Nizhny Novgorod", "Нижний Новгород", "Нижний Новгород", 56.33, 44.0,
     "Nizhny Novgorod Oblast", "RU"),
    ("Samara", "Самара", "Самара", 53.2, 50.15, "Samara Oblast", "RU"),
    ("Krasnoyarsk", "Красноярск", "Красноярск", 56.01, 92.87, "Krasnoyarsk Krai", "RU"),
    ("Blagoveshchensk", "Благовещенск", "Благовешенск", 50.27, 127.54, "Amur Oblast", "RU"),
    ("Tyumen", "Тюмень", "Тюмен", 57.15, 65.53, "Tyumen Oblast", "RU"),
    ("Chelyabinsk", "Челябинск", "Челябинск", 55.15, 61.43, "Chelyabinsk Oblast", "RU"),
    ("Rostov-on-Don", "Ростов-на-Дону", "Ростови Дон", 47.23, 39.72, "Rostov Oblast", "RU"),
    ("Orenburg", "Оренбург", "Оренбург", 51.77, 55.1, "Orenburg Oblast", "RU"),
    ("Voronezh", "Воронеж", "Воронеж", 51.67, 39.18, "Voronezh Oblast", "RU"),
    ("Volgograd", "Волгоград", "Волгоград", 48.72, 44.5, "Volgograd Oblast", "RU"),
    ("Omsk", "Омск", "Омск", 54.99, 73.37, "Omsk Oblast", "RU"),
    ("Ufa", "Уфа", "Уфа", 54.74, 55.97, "Bashkortostan", "RU"),
    ("Irkutsk", "Иркутск", "Иркутск", 52.3, 104.3, "Irkutsk Oblast", "RU"),
    ("Khabarovsk", "Хабаровск", "Хабаровск", 48.48, 135.08, "Khabarovsk Krai", "RU"),
    ("Dushanbe", "Душанбе", "Душанбе", 38.56, 68.77, "Dushanbe", "TJ"),
    ("Vahdat", "Вахдат", "Ваҳдат", 38.56, 69.02, "Districts of Republican Subordination", "TJ"),
    ("Khujand", "Худжанд", "Хуҷанд", 40.28, 69.62, "Sughd", "TJ"),
    ("Kulob", "Куляб", "Кӯлоб", 37.91, 69.78, "Khatlon", "TJ"),
]
BY_EN = {p[0].lower(): p for p in PLACES}

PEOPLE = [("Rustam Karimov", "Рустам Каримов", "Рустам Каримов"),
          ("Abror Nazarov", "Аброр Назаров", "Аброр Назаров"),
          ("Dilshod Rakhimov", "Дилшод Рахимов", "Дилшод Раҳимов"),
          ("Jamshed Saidov", "Джамшед Саидов", "Ҷамшед Саидов"),
          ("Farrukh Yusupov", "Фаррух Юсупов", "Фаррух Юсупов"),
          ("Umed Kholov", "Умед Холов", "Умед Холов"),
          ("Bakhtiyor Safarov", "Бахтиёр Сафаров", "Бахтиёр Сафаров"),
          ("Sukhrob Nematov", "Сухроб Нематов", "Суҳроб Нематов"),
          ("Firuz Qodirov", "Фируз Кодиров", "Фирӯз Қодиров"),
          ("Valentina Chupik", "Валентина Чупик", "Валентина Чупик")]

VENUES = [("the central market", "центральном рынке", "бозори марказӣ"),
          ("a hostel for workers", "общежитии для рабочих", "хобгоҳи коргарон"),
          ("a construction site", "стройке", "объекти сохтмонӣ"),
          ("a vegetable warehouse", "овощном складе", "анбори сабзавот"),
          ("a car wash", "автомойке", "мошиншӯӣ"),
          ("a metro station", "станции метро", "истгоҳи метро"),
          ("a café", "кафе", "қаҳвахона")]

SOURCES = [("a hotline volunteer said", "сообщили на горячей линии", "гуфт волонтёри хати боварӣ"),
           ("local media reported", "пишут местные СМИ", "хабар медиҳанд ВАО-и маҳаллӣ"),
           ("a relative told us", "рассказал родственник", "гуфт хешованд"),
           ("witnesses said", "рассказали очевидцы", "гуфтанд шоҳидон")]

# what happened: en, ru, tg; {n} figures, {v} venue, {p} place
PHRASES: dict[str, tuple[str, str, str]] = {
    "raid": ("police raided {v} in {p} and detained {n} people",
             "полиция провела рейд на {v} в городе {p}, задержаны {n} человек",
             "полис дар {p} ба {v} рейд гузаронд, {n} нафар боздошт шуданд"),
    "arrest": ("{n} migrants were detained at {v} in {p}",
               "в городе {p} на {v} задержали {n} мигрантов",
               "дар {p} дар {v} {n} муҳоҷир боздошт шуданд"),
    "assault": ("{n} migrants were beaten near {v} in {p}",
                "в городе {p} возле {v} избили {n} мигрантов",
                "дар {p} назди {v} {n} муҳоҷирро латукӯб карданд"),
    "attack": ("gunmen attacked people at {v} in {p}, {n} killed",
               "вооружённые люди напали на людей в {v} в городе {p}, погибли {n}",
               "дар {p} афроди мусаллаҳ ба {v} ҳамла карданд, {n} нафар кушта шуданд"),
    "torture": ("{n} detainees were tortured after a raid on {v} in {p}",
                "в городе {p} после рейда на {v} пытали {n} задержанных",
                "дар {p} {n} боздоштшударо шиканҷа карданд"),
    "deportation": ("a court in {p} ordered {n} migrants deported after checks at {v}",
                    "суд в городе {p} постановил выдворить {n} мигрантов после проверки на {v}",
                    "суд дар {p} {n} муҳоҷирро ихроҷ кард"),
    "arson": ("{v} in {p} was set on fire; {n} stalls burned",
              "в городе {p} подожгли {v}, сгорели {n} павильонов",
              "дар {p} {v}-ро оташ заданд, {n} дӯкон сӯхт"),
    "abduction": ("{n} men were taken from {v} in {p}; their whereabouts are unknown",
                  "в городе {p} с {v} увезли {n} мужчин, их местонахождение неизвестно",
                  "дар {p} аз {v} {n} мардро бурданд, ҷойгоҳашон номаълум"),
    "forced_recruitment": ("{n} detained migrants in {p} were pressed to sign army contracts",
                           "в городе {p} {n} задержанных мигрантов принуждали подписать контракт",
                           "дар {p} {n} муҳоҷирро маҷбур карданд шартнома имзо кунанд"),
    "threat": ("leaflets threatening migrants were posted at {v} in {p}",
               "в городе {p} на {v} расклеили листовки с угрозами мигрантам",
               "дар {p} дар {v} варақаҳои таҳдидомез часпонданд"),
    "court_ruling": ("a court in {p} remanded {n} men in custody",
                     "суд в городе {p} арестовал {n} мужчин",
                     "суд дар {p} {n} мардро ҳабс кард"),
    "legal_measure": ("authorities in {p} barred migrants from {n} trades",
                      "власти в городе {p} запретили мигрантам {n} видов работ",
                      "мақомоти {p} ба муҳоҷирон {n} намуди корро манъ карданд"),
}
GENERIC = ("an incident ({t}) involving {n} people was reported at {v} in {p}",
           "в городе {p} на {v} произошёл инцидент ({t}), затронуто {n} человек",
           "дар {p} дар {v} ҳодиса ({t}) рух дод, {n} нафар")

MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"],
          "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"],
          "tg": ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр",
                 "октябр", "ноябр", "декабр"]}
LANGS = ("en", "ru", "tg")


def day_words(day: dt.date, lang: str) -> str:
    month = MONTHS[lang][day.month - 1]
    return f"On {day.day} {month}" if lang == "en" else f"{day.day} {month}"


def render(event: dict[str, Any], lang: str, rng: random.Random,
           place: tuple[str, str, str] | None = None, person: int | None = None,
           venue: int | None = None, who: str | None = None) -> str:
    """One report text about ``event`` in ``lang`` (en, ru or tg).

    ``who`` names the person the text mentions ("" for nobody); by default one of the
    generated people (``person``, else a random one).
    """
    li = LANGS.index(lang)
    loc = event.get("location") or {}
    names = place or _place_names(str(loc.get("name") or ""))
    counts = event.get("counts") or {}
    n = next((c["min"] for c in counts.values() if c and c.get("min")), rng.randint(2, 40))
    v = VENUES[venue if venue is not None else rng.randrange(len(VENUES))][li]
    tmpl = PHRASES.get(event["type"], GENERIC)[li]
    what = tmpl.format(n=n, v=v, p=names[li] or "?", t=event["type"])
    start = (event.get("date") or {}).get("start")
    when = day_words(dt.date.fromisoformat(start), lang) if start else ""
    if who is None:
        who = person_name(person if person is not None else rng.randrange(10_000), li)
    src = SOURCES[rng.randrange(len(SOURCES))][li]
    among = {"en": f"Among them was {who}.", "ru": f"Среди них {who}.",
             "tg": f"Дар байни онҳо {who}."}[lang] if who else ""
    order = rng.randrange(3)
    if order == 0:
        text = f"{when}, {what}, {src}. {among}" if when else f"{what}, {src}. {among}"
    elif order == 1:
        text = f"{among} {when} {what}." if when else f"{among} {what}."
    else:
        text = f"{src.capitalize()}: {when.lower() if lang == 'en' else when} {what}. {among}"
    text = text.strip()
    return text[0].upper() + text[1:]


FIRST = [("Rustam", "Рустам", "Рустам"), ("Abror", "Аброр", "Аброр"),
         ("Dilshod", "Дилшод", "Дилшод"), ("Jamshed", "Джамшед", "Ҷамшед"),
         ("Farrukh", "Фаррух", "Фаррух"), ("Umed", "Умед", "Умед"),
         ("Bakhtiyor", "Бахтиёр", "Бахтиёр"), ("Sukhrob", "Сухроб", "Суҳроб"),
         ("Firuz", "Фируз", "Фирӯз"), ("Kurbon", "Курбон", "Қурбон"),
         ("Shokir", "Шокир", "Шокир"), ("Zafar", "Зафар", "Зафар")]
LAST = [("Karimov", "Каримов", "Каримов"), ("Nazarov", "Назаров", "Назаров"),
        ("Rakhimov", "Рахимов", "Раҳимов"), ("Saidov", "Саидов", "Саидов"),
        ("Yusupov", "Юсупов", "Юсупов"), ("Kholov", "Холов", "Холов"),
        ("Safarov", "Сафаров", "Сафаров"), ("Nematov", "Нематов", "Неъматов"),
        ("Qodirov", "Кодиров", "Қодиров"), ("Sharipov", "Шарипов", "Шарипов"),
        ("Davlatov", "Давлатов", "Давлатов"), ("Mirzoev", "Мирзоев", "Мирзоев"),
        ("Gafurov", "Гафуров", "Ғафуров"), ("Tursunov", "Турсунов", "Турсунов")]


def person_name(i: int, li: int) -> str:
    """Person ``i`` (any int) written in language index ``li``: 168 distinct people."""
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    return f"{first[li]} {last[li]}"


def _place_names(name: str) -> tuple[str, str, str]:
    p = BY_EN.get(name.lower())
    return (p[0], p[1], p[2]) if p else (name, name, name)


def event_at(type_: str, day: dt.date, place: tuple[Any, ...], n: int) -> dict[str, Any]:
    """A gold event in the contract's shape."""
    kind = {"assault": "injured", "attack": "killed", "deportation": "deported"}.get(
        type_, "detained")
    return {"type": type_,
            "date": {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"},
            "location": {"name": place[0], "lat": place[3], "lon": place[4],
                         "admin1": place[5], "country": place[6], "precision": 1},
            "counts": {kind: {"min": n, "max": n}}}
