"""Web desk latency on a store of 100k incidents, over loopback.

Builds (or reuses, with --db) a SQLCipher store filled with synthetic incidents — one
report, one extraction, one link and two change-log rows each, like the flow leaves them —
then serves the desk with uvicorn on 127.0.0.1 and times, with a bearer token:
the queue page (plain and filtered), an incident page, searches in Russian and English
(with words; with a filter and no words), the dashboard and the intake suggestion call
(growing prefixes of call notes, as typed). The load average is printed with the table:
on a shared machine it explains most of the spread.

    .venv/bin/python bench/web_latency.py [--incidents 100000] [--requests 60]

Targets (issue 5): p95 under 150 ms; suggestions under 300 ms. The synthetic change-log
rows carry placeholder hashes: this store is for timing only (audit verify would fail).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from khronika.security import accounts
from khronika.store.schema import changes, extractions, incident_reports, incidents, reports
from khronika.store.store import Store, content_hash, init_store, open_store

PASS = "bench passphrase for timing only"
CITIES = [("Moscow", "Moscow", 55.75, 37.62), ("Kazan", "Republic of Tatarstan", 55.79, 49.12),
          ("Kaluga", "Kaluga Oblast", 54.53, 36.27), ("Novosibirsk", "Novosibirsk Oblast",
                                                        55.04, 82.93),
          ("Saint Petersburg", "Saint Petersburg", 59.94, 30.31),
          ("Yekaterinburg", "Sverdlovsk Oblast", 56.84, 60.61)]
TYPES = ["arrest", "raid", "deportation", "assault", "arson", "threat", "court_ruling"]
WORDS_EN = ["police", "detained", "migrants", "market", "hostel", "workers", "court",
            "deportation", "raid", "beaten", "fire", "station"]
WORDS_RU = ["полиция", "задержала", "мигрантов", "рынке", "общежитии", "рабочих", "суд",
            "выдворение", "облава", "избили", "поджог", "вокзале"]


def fill(store: Store, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    start = dt.date(2024, 1, 1)
    chunk = 5000
    for base in range(0, n, chunk):
        reps, incs, links, exts, logs = [], [], [], [], []
        for i in range(base + 1, min(n, base + chunk) + 1):
            city, region, lat, lon = rnd.choice(CITIES)
            type_ = rnd.choice(TYPES)
            count = rnd.randint(1, 60)
            words = rnd.sample(WORDS_RU if i % 2 else WORDS_EN, 6)
            text = f"{' '.join(words)} {city} {count} #{i}"
            day = start + dt.timedelta(days=rnd.randint(0, 700))
            reasons = rnd.choice([[], [], ["minors"], ["detention_in_progress"],
                                  ["imminent_deportation", "medical"]])
            urgency = {0: rnd.choice([0, 5]), 1: 30, 2: 65}[len(reasons)]
            reps.append({"id": i, "content_hash": content_hash(text), "text": text,
                         "origin": "bench", "kind": "text", "received_at": now, "meta": {}})
            incs.append({"id": i, "type": type_, "date_start": day, "date_end": day,
                         "location_name": city, "admin1": region, "country": "RU",
                         "lat": lat + rnd.uniform(-0.2, 0.2), "lon": lon + rnd.uniform(-0.2, 0.2),
                         "counts": {"detained": {"min": count, "max": count, "sources": [
                             {"report_id": i, "min": count, "max": count}]}},
                         "status": rnd.choice(["unverified"] * 6 + ["corroborated", "verified"]),
                         "urgency": urgency, "urgency_reasons": reasons, "created_at": now,
                         "updated_at": now, "version": 1})
            links.append({"incident_id": i, "report_id": i, "event_index": 0, "score": 1.0,
                          "reason": "bench", "linked_at": now})
            exts.append({"report_id": i, "pipeline_version": "1", "created_at": now,
                         "status": "ok", "result": {"events": [{"type": type_, "evidence": [
                             {"field": "type", "start": 0, "end": len(words[0])}]}]}})
            for action in ("incident.create", "incident.link"):
                logs.append({"at": now, "actor": "linker", "action": action,
                             "entity": "incident", "entity_id": str(i), "data": {},
                             "prev_hash": "0" * 64, "hash": "0" * 64})
        with store.engine.begin() as conn:
            for table, rows in ((reports, reps), (incidents, incs), (incident_reports, links),
                                (extractions, exts), (changes, logs)):
                conn.execute(insert(table), rows)
        print(f"  filled {min(n, base + chunk)}/{n}", flush=True)


# Queries and call notes vary from request to request, as they do at a desk: the same
# request repeated would time caches, not the work.
SEARCH_RU = ["задержали мигрантов", "полиция рынке", "облава общежитии", "суд выдворение",
             "избили рабочих", "поджог вокзале"]
SEARCH_EN = ["detained hostel", "police market", "raid workers", "court deportation",
             "beaten station", "fire migrants"]
CALLS = [
    "Сегодня утром в Казани полиция задержала 12 рабочих на рынке; двое "
    "несовершеннолетних до сих пор в отделе.",
    "My brother was detained by police at the Sadovod market in Moscow yesterday, he has "
    "a court hearing on deportation tomorrow morning.",
    "В общежитии в Калуге ночью была облава, забрали человек 30, телефоны не отвечают.",
    "Three Tajik workers were beaten near the station in Yekaterinburg; one is in hospital.",
]


def typing(i: int) -> str:
    """The i-th call note as the caseworker has typed it so far (a growing prefix)."""
    text = CALLS[i % len(CALLS)]
    cut = len(text) * (1 + (i // len(CALLS)) % 4) // 4
    return text[:max(cut, 20)]


def timed(client: httpx.Client, method: str, url: str, count: int,
          **kw: Any) -> list[float]:
    out = []
    for _ in range(count):
        t = time.perf_counter()
        r = client.request(method, url, **kw)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code < 400, (url, r.status_code, r.text[:200])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--db", help="reuse this store (made on first run)")
    args = ap.parse_args()
    import uvicorn

    from khronika.web import create_app

    path = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    if Path(path).exists():
        store = open_store(path, passphrase=PASS)
    else:
        store = init_store(path, passphrase=PASS)
        t = time.perf_counter()
        fill(store, args.incidents)
        print(f"store of {args.incidents} incidents built in {time.perf_counter() - t:.0f} s")
    user = next((u for u in accounts.list_users(store) if u.name == "bench"), None) or \
        accounts.add_user(store, "bench", "caseworker", "bench password 123", actor="bench")
    token = accounts.create_token(store, user, "bench", actor="bench")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, warm=True), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    base = f"http://127.0.0.1:{port}"
    n = args.requests
    rnd = random.Random(1)
    regions = [c[1] for c in CITIES]
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                      timeout=60) as client:
        timed(client, "POST", "/api/intake/suggest", 2,
              json={"text": "Полиция задержала двоих в Москве."})  # models loaded
        results = {
            "queue page": timed(client, "GET", "/queue", n),
            "queue, filtered": [x for i in range(n) for x in timed(
                client, "GET", "/queue", 1, params={
                    "type": TYPES[i % len(TYPES)], "region": regions[i % len(regions)]})],
            "incident page": [x for _ in range(n) for x in timed(
                client, "GET", f"/incidents/{rnd.randint(1, args.incidents)}", 1)],
            "search (ru)": [x for i in range(n) for x in timed(
                client, "GET", "/search", 1, params={"q": SEARCH_RU[i % len(SEARCH_RU)]})],
            "search (en)": [x for i in range(n) for x in timed(
                client, "GET", "/api/search", 1, params={"q": SEARCH_EN[i % len(SEARCH_EN)]})],
            "search, facets only": [x for i in range(n) for x in timed(
                client, "GET", "/search", 1, params={"type": TYPES[i % len(TYPES)]})],
            "dashboard": timed(client, "GET", "/dashboard", n),
            "intake suggestion": [x for i in range(n) for x in timed(
                client, "POST", "/api/intake/suggest", 1, json={"text": typing(i)})],
        }
    server.should_exit = True
    load = os.getloadavg()
    print(f"\n{args.incidents} incidents, {n} requests each, loopback, SQLCipher store; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'':20} {'median ms':>10} {'p95 ms':>10}")
    for name, xs in results.items():
        xs.sort()
        p95 = xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
        print(f"{name:20} {statistics.median(xs):10.1f} {p95:10.1f}")
    store.close()


if __name__ == "__main__":
    main()
