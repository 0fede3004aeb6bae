"""Synthetic hotline notes in English and Russian, for benchmarks and scale tests.

The notes read like what a migrant-rights hotline logs after a wave of raids: who was
detained, deported, beaten or threatened, where, when, how many, according to whom. They
are generated from templates with a seeded random source, so the same ``(n, seed)`` gives
the same documents on every machine; no real person or event is described.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

CITIES_EN = ["Moscow", "St Petersburg", "Yekaterinburg", "Kaluga", "Novosibirsk",
             "Blagoveshchensk", "Kazan", "Samara", "Krasnoyarsk", "Tyumen", "Dushanbe",
             "Khujand", "Vahdat"]
CITIES_RU = ["Москве", "Санкт-Петербурге", "Екатеринбурге", "Калуге", "Новосибирске",
             "Благовещенске", "Казани", "Самаре", "Красноярске", "Тюмени", "Душанбе",
             "Худжанде", "Вахдате"]
PLACES_EN = ["a market", "a construction site", "a workers' hostel", "a metro station",
             "a warehouse", "a cafe", "a bus depot"]
PLACES_RU = ["на рынке", "на стройке", "в общежитии", "у станции метро", "на складе",
             "в кафе", "в автобусном парке"]
SOURCES_EN = ["a hotline volunteer said", "according to relatives", "local media reported",
              "a lawyer told us", "witnesses said", "the regional police said"]
SOURCES_RU = ["сообщил волонтёр горячей линии", "по словам родственников",
              "сообщают местные СМИ", "рассказал адвокат", "говорят очевидцы",
              "сообщили в полиции региона"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]

EN = [
    "Police raided {place} in {city} on {date} and detained {n} migrants from Tajikistan, "
    "{source}. Several were held overnight without access to a lawyer.",
    "On {date}, {n} people were detained in {city} after a document check at {place}; "
    "{source}. Two of them were told they would be deported within days.",
    "A court in {city} ordered the deportation of {n} foreign nationals on {date}, "
    "{source}. The hearings lasted a few minutes each.",
    "Three men from Tajikistan were beaten by a group of young men near {place} in {city} "
    "on {date}; one was taken to hospital, {source}.",
    "Unknown people set fire to a kiosk owned by a Tajik family at {place} in {city} on "
    "the night of {date}, {source}. Nobody was hurt.",
    "A caller from {city} says her brother was detained on {date} and his whereabouts are "
    "unknown; police deny holding him, {source}.",
    "Detained migrants in {city} were offered a choice between deportation and a military "
    "contract on {date}, {source}. At least {n} signed.",
    "Leaflets calling to 'drive migrants out' appeared at {place} in {city} on {date}, "
    "{source}.",
]
RU = [
    "{date} полиция провела рейд {place_ru} в {city_ru} и задержала {n} мигрантов из "
    "Таджикистана, {source_ru}. Некоторых продержали ночь без адвоката.",
    "{date} в {city_ru} после проверки документов {place_ru} задержали {n} человек, "
    "{source_ru}. Двоим сказали, что их депортируют.",
    "Суд в {city_ru} {date} постановил выдворить {n} иностранных граждан, {source_ru}. "
    "Каждое заседание длилось несколько минут.",
    "{date} в {city_ru} {place_ru} группа молодых людей избила трёх уроженцев "
    "Таджикистана; одного госпитализировали, {source_ru}.",
    "В ночь на {date} в {city_ru} неизвестные подожгли киоск таджикской семьи "
    "{place_ru}, {source_ru}. Никто не пострадал.",
    "Звонившая из {city_gen} женщина говорит, что её брата задержали {date}, и где он "
    "сейчас, неизвестно; {source_ru}.",
    "Задержанным мигрантам в {city_ru} {date} предложили выбор между депортацией и "
    "контрактом с Минобороны, {source_ru}. Не менее {n_gen} человек подписали контракт.",
]
CITIES_GEN = ["Москвы", "Санкт-Петербурга", "Екатеринбурга", "Калуги", "Новосибирска",
              "Благовещенска", "Казани", "Самары", "Красноярска", "Тюмени", "Душанбе",
              "Худжанда", "Вахдата"]


def _date_en(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _date_ru(day: dt.date) -> str:
    return f"{day.day} {MONTHS_RU[day.month - 1]} {day.year} года"


def note(i: int, rng: random.Random) -> dict[str, Any]:
    """One synthetic note in the contract's input shape (``id``, ``text``, ...)."""
    day = dt.date(2024, 3, 22) + dt.timedelta(days=rng.randrange(0, 60))
    published = day + dt.timedelta(days=rng.randrange(0, 3))
    c = rng.randrange(len(CITIES_EN))
    n = rng.choice([2, 3, 5, 7, 12, 15, 20, 40, 120])
    if rng.random() < 0.5:
        text = rng.choice(EN).format(place=rng.choice(PLACES_EN), city=CITIES_EN[c],
                                     date=_date_en(day), n=n, source=rng.choice(SOURCES_EN))
        lang = "en"
    else:
        text = rng.choice(RU).format(place_ru=rng.choice(PLACES_RU), city_ru=CITIES_RU[c],
                                     city_gen=CITIES_GEN[c], date=_date_ru(day), n=n,
                                     n_gen=n, source_ru=rng.choice(SOURCES_RU))
        text = text[0].upper() + text[1:]
        lang = "ru"
    # a serial number keeps every note distinct (the store keys reports by their text)
    text += f" (note {i})" if lang == "en" else f" (запись {i})"
    record: dict[str, Any] = {"id": f"synth-{i}", "text": text,
                              "published": published.isoformat()}
    if rng.random() < 0.5:  # half say their language, as some importers do
        record["lang"] = lang
    return record


def notes(n: int, seed: int = 8) -> Iterator[dict[str, Any]]:
    """``n`` synthetic notes, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield note(i, rng)
