"""Concurrency: many caseworkers at once against one PostgreSQL store, over loopback.

Run by hand; never a timed test. It RESETS the database it is given (default
``khronika_bench`` on 127.0.0.1:5432, created if missing):

    python bench/concurrency.py [--clients 50] [--seconds 60] [--db postgresql://...]

It starts the web desk (``khronika serve``: uvicorn on 127.0.0.1) on a fresh store and
runs ``--clients`` client threads for ``--seconds``, each on its own keep-alive HTTP
connection with its own API token, submitting intakes (a synthetic hotline note: stored,
extracted and linked) and reviews (read the queue, then corroborate/verify/reopen an
incident with the version it read: optimistic locking, so a stale one is refused with
409). Then it checks the store: every accepted intake is there with its exact text,
every accepted review is in the change log, no two accepted reviews of an incident
started from the same version (no lost update), and the change log's hash chain. With
``--api`` it drives the Python functions from threads instead of HTTP.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khronika.scale.synth import note

PASSPHRASE = "concurrency bench passphrase"
ACTIONS = ("corroborate", "verify", "reopen")


@dataclass(slots=True)
class Tally:
    """What one client saw."""

    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    intakes: list[tuple[int, str]] = field(default_factory=list)  # (report id, sha256)
    reviews: list[tuple[int, str, int]] = field(default_factory=list)  # (inc, action, from)
    conflicts: int = 0
    failures: Counter[str] = field(default_factory=Counter)


def reset_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if name in ("test", "postgres"):
        raise SystemExit(f"refusing to reset the shared database {name!r}; pass --db")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def prepare(url: str, clients: int) -> list[str]:
    """A fresh store with caseworker accounts; one API token per client."""
    from khronika.security.accounts import add_user, create_token
    from khronika.store.store import init_store

    with init_store(url, passphrase=PASSPHRASE) as store:
        users = [add_user(store, f"worker{i}", "caseworker", "bench password 123", "bench")
                 for i in range(5)]
        return [create_token(store, users[i % len(users)], f"client{i}", "bench")
                for i in range(clients)]


class HttpClient:
    """One caseworker on one keep-alive connection to the desk."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        payload = json.dumps(body) if body is not None else None
        try:
            self.conn.request(method, path, body=payload, headers=self.headers)
            resp = self.conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()  # reconnects on the next request
            raise
        return resp.status, json.loads(data) if data else None

    def intake(self, text: str) -> tuple[int, int | None]:
        status, body = self.call("POST", "/api/intake", {"text": text, "origin": "call"})
        return status, (body or {}).get("report_id") if status == 201 else None

    def queue(self) -> list[dict[str, Any]]:
        status, body = self.call("GET", "/api/queue")
        return list((body or {}).get("items") or []) if status == 200 else []

    def review(self, incident: int, action: str, version: int) -> int:
        status, _ = self.call("POST", f"/api/incidents/{incident}/review",
                              {"action": action, "version": version})
        return status


class ApiClient:
    """The same operations on the Python API, for when no web desk is available."""

    def __init__(self, store: Any, actor: str) -> None:
        self.store, self.actor = store, actor

    def intake(self, text: str) -> tuple[int, int | None]:
        from khronika.web.actions import save_intake

        report_id, _, _ = save_intake(self.store, text, "call", self.actor, {}, {})
        return 201, report_id

    def queue(self) -> list[dict[str, Any]]:
        from khronika.web.data import queue

        return [i for i in queue(self.store) if "version" in i]

    def review(self, incident: int, action: str, version: int) -> int:
        from khronika.scale.locking import StaleIncident, review_incident

        try:
            review_incident(self.store, incident, action, version, self.actor)
            return 200
        except StaleIncident:
            return 409


def client_loop(client: Any, number: int, deadline: float, tally: Tally,
                start: threading.Event) -> None:
    rng = random.Random(number)
    start.wait()
    n = 0
    while time.monotonic() < deadline:
        n += 1
        try:
            if rng.random() < 0.5:
                text = note(number * 1_000_000 + n, rng)["text"]
                t0 = time.monotonic()
                status, report_id = client.intake(text)
                tally.latency["intake"].append(time.monotonic() - t0)
                if status == 201 and report_id is not None:
                    tally.intakes.append((report_id, hashlib.sha256(text.encode()).hexdigest()))
                else:
                    tally.failures[f"intake {status}"] += 1
            else:
                t0 = time.monotonic()
                items = [i for i in client.queue() if i.get("kind", "incident") == "incident"]
                tally.latency["queue"].append(time.monotonic() - t0)
                if not items:
                    continue
                item = rng.choice(items[:20])
                action = rng.choice(ACTIONS)
                t0 = time.monotonic()
                status = client.review(int(item["id"]), action, int(item["version"]))
                tally.latency["review"].append(time.monotonic() - t0)
                if status == 200:
                    tally.reviews.append((int(item["id"]), action, int(item["version"])))
                elif status == 409:
                    tally.conflicts += 1
                else:
                    tally.failures[f"review {status}"] += 1
        except Exception as exc:  # a refused connection, a timeout: counted, and go on
            tally.failures[type(exc).__name__] += 1


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    exe = str(Path(sys.executable).with_name("khronika"))
    env = dict(os.environ, KHRONIKA_PASSPHRASE=PASSPHRASE)
    proc = subprocess.Popen([exe, "serve", "--db", url, "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(240):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/api/me")
            return proc
        except OSError:
            if proc.poll() is not None:
                why = proc.stderr.read() if proc.stderr is not None else b""
                raise SystemExit(f"khronika serve exited: {why!r}"[:2000]) from None
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the desk did not start within 120 s")


def check_store(url: str, tallies: list[Tally]) -> dict[str, Any]:
    """Every accepted write in the store, no lost update, the change log intact."""
    from sqlalchemy import select

    from khronika.store.schema import changes, reports
    from khronika.store.store import open_store

    intakes = {rid: digest for t in tallies for rid, digest in t.intakes}
    reviews = [r for t in tallies for r in t.reviews]
    with open_store(url, PASSPHRASE) as store, store.connect() as conn:
        stored = dict(conn.execute(select(reports.c.id, reports.c.content_hash)).all())
        logged = Counter(
            (int(e), a.split(".", 1)[1]) for e, a in conn.execute(
                select(changes.c.entity_id, changes.c.action)
                .where(changes.c.action.in_([f"incident.{a}" for a in ACTIONS]))))
        chain_break = store.verify_changes()
    missing_intakes = [r for r, d in intakes.items() if stored.get(r) != d]
    accepted = Counter((inc, action) for inc, action, _ in reviews)
    missing_reviews = sum((accepted - logged).values())
    from_versions = Counter((inc, v) for inc, _, v in reviews)
    lost_updates = sum(n - 1 for n in from_versions.values() if n > 1)
    return {"accepted_intakes": len(intakes), "intakes_missing": len(missing_intakes),
            "accepted_reviews": len(reviews), "reviews_missing_from_log": missing_reviews,
            "lost_updates": lost_updates, "change_log_first_break": chain_break}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return sorted(values)[min(len(values) - 1, int(q * len(values)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="postgresql://postgres@127.0.0.1:5432/khronika_bench")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8451)
    parser.add_argument("--api", action="store_true",
                        help="drive the Python API from threads instead of the web desk")
    args = parser.parse_args()
    reset_database(args.db)
    tokens = prepare(args.db, args.clients)
    use_web = not args.api
    if use_web:
        try:
            from khronika.web import create_app  # noqa: F401
        except ImportError:
            use_web = False
            print("khronika.web.create_app is missing: driving the Python API", file=sys.stderr)
    server = start_server(args.db, args.port) if use_web else None
    store = None
    if not use_web:
        from khronika.store.store import open_store

        store = open_store(args.db, PASSPHRASE)
    clients = [HttpClient(args.port, tok) if use_web else ApiClient(store, f"worker{i % 5}")
               for i, tok in enumerate(tokens)]
    # a few intakes first, so that reviewers find incidents from the first second
    for i in range(5):
        clients[0].intake(note(10_000_000 + i, random.Random(i))["text"])
    load_before = os.getloadavg()
    start, tallies = threading.Event(), [Tally() for _ in clients]
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=client_loop, args=(c, i, deadline, tallies[i], start))
               for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    started = time.monotonic()
    start.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    load_after = os.getloadavg()
    if server is not None:
        server.terminate()
        server.wait(timeout=30)
    if store is not None:
        store.close()
    result = check_store(args.db, tallies)
    lat = {op: [x for t in tallies for x in t.latency[op]] for op in ("intake", "queue",
                                                                        "review")}
    requests = sum(len(v) for v in lat.values())
    writes = result["accepted_intakes"] + result["accepted_reviews"]
    failures = sum((t.failures for t in tallies), Counter())
    how = "web desk over loopback" if use_web else "Python API from threads"
    print(f"\n{args.clients} clients, {elapsed:.0f} s, {how}, PostgreSQL; load "
          f"{load_before[0]:.1f} -> {load_after[0]:.1f} on {os.cpu_count()} cores\n")
    print("| operation | requests | per s | p50 ms | p95 ms | p99 ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for op, values in lat.items():
        print(f"| {op} | {len(values)} | {len(values) / elapsed:.1f} | "
              f"{statistics.median(values) * 1000 if values else float('nan'):.0f} | "
              f"{pct(values, 0.95):.0f} | {pct(values, 0.99):.0f} |")
    print(f"\nrequests/s {requests / elapsed:.1f}; accepted writes/s {writes / elapsed:.1f}; "
          f"review conflicts refused (409) {sum(t.conflicts for t in tallies)}; "
          f"failures {dict(failures) or 0}")
    print(f"check: {json.dumps(result)}")
    ok = (result["intakes_missing"] == 0 and result["reviews_missing_from_log"] == 0
          and result["lost_updates"] == 0)
    print("zero lost: " + ("yes" if ok else "NO"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
