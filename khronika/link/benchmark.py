"""The labelled linking benchmark: demo reports plus generated variants, with true grouping.

:func:`build` returns at least 2,000 reports, each ``{"id", "text", "lang", "published",
"incident", "events"}``; ``incident`` is the true grouping, ``events`` the gold events.
From every demo report (``khronika.demo``) it derives, with a seeded generator:

- **paraphrase** (same incident): sentences reordered, words swapped for synonyms, a lead
  added or a sentence dropped, published up to a day later;
- **translation** (same incident): the gold event written in the other two languages by
  our own templates (``khronika.link.synth``), place names in each script;
- **truncation** (same incident): the first 45-70 % of the text;
- **changed figures** (same incident, a conflict to keep): every figure moved by 10-40 %;
- **same place, different day** (a *different* incident): the gold events moved 2-9 days,
  new figures and people, written in the report's language, with one translation.

Generated incidents (1-4 reports each, across the three languages, some in the same city
and family as others on nearby days) bring the total above 2,000.

:func:`evaluate` links the set in memory (``gold`` mode: gold events plus text; ``extracted``
mode: the extractor's events plus text) and returns pairwise and B-cubed figures.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections.abc import Callable
from typing import Any

from khronika.link.features import LinkFeatures, report_features
from khronika.link.index import LinkIndex
from khronika.link.metrics import bcubed, pairwise, wrong_merges
from khronika.link.names import translit
from khronika.link.synth import LANGS, PLACES, event_at, render

SYNONYMS = {
    "police": "officers", "detained": "held", "migrants": "foreign workers",
    "said": "reported", "market": "bazaar", "people": "persons", "attack": "assault",
    "полиция": "полицейские", "задержали": "забрали", "мигрантов": "приезжих",
    "сообщили": "рассказали", "рынок": "базар", "человек": "людей",
}
LEADS = {"en": ["UPDATE: ", "Repost: ", "From our correspondent: ", ""],
         "ru": ["Обновление: ", "Репост: ", "Срочно: ", ""],
         "tg": ["Навсозӣ: ", "Фаврӣ: ", ""]}
NUMBER_RE = re.compile(r"\b\d+\b")
TYPES = ["raid", "arrest", "assault", "deportation", "arson", "abduction",
         "forced_recruitment", "threat", "court_ruling", "legal_measure", "torture"]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def paraphrase(text: str, lang: str, rng: random.Random) -> str:
    """Reorder sentences, swap synonyms, maybe drop one, add a lead."""
    sents = _sentences(text)
    if len(sents) >= 3 and rng.random() < 0.5:
        sents.pop(rng.randrange(1, len(sents)))
    if len(sents) >= 2:
        head, rest = sents[0], sents[1:]
        rng.shuffle(rest)
        sents = [head, *rest] if rng.random() < 0.6 else [*rest, head]
    out = " ".join(sents)
    for a, b in SYNONYMS.items():
        if rng.random() < 0.7:
            out = re.sub(rf"\b{a}\b", b, out)
    return rng.choice(LEADS.get(lang, [""])) + out


def truncate(text: str, rng: random.Random) -> str:
    cut = int(len(text) * rng.uniform(0.45, 0.7))
    space = text.rfind(" ", 0, cut)
    return text[: space if space > 20 else cut].rstrip(",;: ") + " …"


def _shift(n: int, rng: random.Random) -> int:
    return max(1, n + max(1, round(n * rng.uniform(0.1, 0.4))) * rng.choice((-1, 1)))


def change_figures(text: str, events: list[dict[str, Any]], rng: random.Random
                   ) -> tuple[str, list[dict[str, Any]]]:
    """Every figure in the text and the gold counts moved (a source that disagrees)."""
    mapping: dict[str, str] = {}

    def sub(m: re.Match[str]) -> str:
        n = int(m.group(0))
        if 1900 <= n <= 2100 or (n <= 31 and rng.random() < 0.5):  # years and likely days
            return m.group(0)
        return mapping.setdefault(m.group(0), str(_shift(n, rng)))

    new_text = NUMBER_RE.sub(sub, text)
    new_events = []
    for e in events:
        counts = {}
        for k, c in (e.get("counts") or {}).items():
            if c and c.get("min"):
                lo = _shift(int(c["min"]), rng)
                counts[k] = {"min": lo, "max": lo if c.get("max") is not None else None}
            else:
                counts[k] = c
        new_events.append(dict(e, counts=counts))
    return new_text, new_events


def _shift_events(events: list[dict[str, Any]], days: int, rng: random.Random
                  ) -> list[dict[str, Any]]:
    out = []
    for e in events:
        d = (e.get("date") or {}).get("start")
        if d:
            nd = (dt.date.fromisoformat(d) + dt.timedelta(days=days)).isoformat()
            e = dict(e, date={"start": nd, "end": nd, "precision": "day"})
        out.append(e)
    return out


def _item(id_: str, text: str, lang: str, published: str, incident: str,
          events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": id_, "text": text, "lang": lang, "published": published,
            "incident": incident, "events": events}


def _later(published: str, days: int) -> str:
    return (dt.date.fromisoformat(published) + dt.timedelta(days=days)).isoformat()


def _romanise(name: str) -> str:
    """A Cyrillic name as an English text would spell it (Рустам Каримов → Rustam Karimov);
    the other scripts' texts keep the original spelling, as Russian and Tajik media do."""
    return " ".join(w[:1].upper() + w[1:] for w in translit(name).split())


def variants(rec: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    """The demo report and its generated variants (see the module docstring)."""
    text, lang, pub = rec["text"], rec.get("lang") or "en", rec.get("published") or "2024-03-25"
    inc, events = rec["gold"]["incident"], rec["gold"]["events"]
    rid = rec["id"]
    out = [dict(_item(rid, text, lang, pub, inc, events), places=rec["gold"].get("places")),
           _item(f"{rid}~para", paraphrase(text, lang, rng), lang, _later(pub, rng.randint(0, 1)),
                 inc, events),
           _item(f"{rid}~trunc", truncate(text, rng), lang, pub, inc, events)]
    fig_text, fig_events = change_figures(text, events, rng)
    out.append(_item(f"{rid}~figs", fig_text, lang, _later(pub, 1), inc, fig_events))
    if events:
        # a translation names the people the original names, in the other script
        people = [e["text"] for e in rec["gold"].get("entities") or [] if e["label"] == "PER"]
        who = ", ".join(_romanise(p) for p in people[:2])
        for other in (x for x in LANGS if x != lang):
            out.append(_item(f"{rid}~{other}", render(events[0], other, rng, who=who), other,
                             _later(pub, rng.randint(0, 2)), inc, events[:1]))
        days = rng.randint(2, 9)
        moved = _shift_events(events, days, rng)
        _, moved = change_figures("", moved, rng)
        text2 = render(moved[0], lang, rng)
        other = rng.choice([x for x in LANGS if x != lang])
        out.append(_item(f"{rid}~day", text2, lang, _later(pub, days), f"{inc}~day{days}",
                         moved[:1]))
        out.append(_item(f"{rid}~day~{other}", render(moved[0], other, rng), other,
                         _later(pub, days + 1), f"{inc}~day{days}", moved[:1]))
    return out


def generated(n_incidents: int, rng: random.Random, start: dt.date = dt.date(2024, 3, 20),
              days: int = 45, places: list[tuple[Any, ...]] | None = None,
              prefix: str = "gen") -> list[dict[str, Any]]:
    """Generated incidents of 1-4 reports each, in the three languages."""
    places = places or PLACES
    out = []
    for i in range(n_incidents):
        place = places[rng.randrange(len(places))]
        day = start + dt.timedelta(days=rng.randrange(days))
        event = event_at(rng.choice(TYPES), day, place, rng.randint(2, 60))
        person, venue = rng.randrange(10_000), rng.randrange(7)
        for j in range(rng.choice((1, 2, 2, 3, 3, 4))):
            lang = rng.choice(LANGS)
            ev = event
            if j and rng.random() < 0.3:  # a later source with another figure
                _, (ev,) = change_figures("", [event], rng)
            text = render(ev, lang, rng, place=(place[0], place[1], place[2]), person=person,
                          venue=venue if rng.random() < 0.7 else None)
            out.append(_item(f"{prefix}-{i}-{j}", text, lang,
                             (day + dt.timedelta(days=rng.randint(0, 3))).isoformat(),
                             f"{prefix}-{i}", [ev]))
    return out


def build(seed: int = 0, minimum: int = 2000) -> list[dict[str, Any]]:
    """The benchmark set: demo variants plus generated incidents, at least ``minimum``."""
    from khronika.demo import load_corpus

    rng = random.Random(seed)
    items: list[dict[str, Any]] = []
    for rec in load_corpus():
        items.extend(variants(rec, rng))
    short = max(0, minimum - len(items))
    items.extend(generated(short // 2 + 1, rng))
    items.sort(key=lambda x: (x["published"], x["id"]))
    return items


def gold_features(item: dict[str, Any]) -> list[LinkFeatures]:
    """Link features from the gold events and the text (measures the linker alone)."""
    places = [{"text": n} for n in item.get("places") or []]
    return report_features(item["text"], {"events": item["events"], "places": places},
                           item["published"],
                           source=item["id"].split("~")[0])


def extracted_features(item: dict[str, Any]) -> list[LinkFeatures]:
    """Link features from the extractor's output (end to end)."""
    from khronika.extract import extract_record

    result = extract_record({"id": item["id"], "text": item["text"],
                             "published": item["published"], "lang": item["lang"]})
    return report_features(item["text"], result, item["published"], source=item["id"])


def evaluate(items: list[dict[str, Any]],
             featurise: Callable[[dict[str, Any]], list[LinkFeatures]] = gold_features
             ) -> dict[str, Any]:
    """Link the items in order; score each report's first event's incident against gold."""
    index = LinkIndex()
    pred: dict[str, Any] = {}
    t0 = time.perf_counter()
    for item in items:
        decisions = [index.add(f) for f in featurise(item)]
        pred[item["id"]] = decisions[0].incident if decisions else f"none:{item['id']}"
    seconds = time.perf_counter() - t0
    gold = {item["id"]: item["incident"] for item in items}
    return {"reports": len(items), "incidents_true": len(set(gold.values())),
            "incidents_predicted": len(set(pred.values())),
            "pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold),
            "wrong_merges": wrong_merges(pred, gold)[:20], "seconds": round(seconds, 2)}
