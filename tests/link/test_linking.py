"""Linking on every store backend: cross-language duplicates, conflicts kept, merge/split."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from khronika.link.linker import LinkError, link_report
from khronika.link.names import word_key
from khronika.link.review import NOT_RESTORED, merge, split
from khronika.store.schema import incident_reports, incidents
from khronika.store.store import NewReport, Store

KALUGA = {"name": "Kaluga", "lat": 54.53, "lon": 36.27, "admin1": "Kaluga Oblast",
          "country": "RU", "geonameid": 553915, "precision": 1}


def event(type_: str, day: str, counts: dict[str, Any] | None = None,
          loc: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": type_, "date": {"start": day, "end": day, "precision": "day"},
            "location": loc or KALUGA, "counts": counts or {}}


def add(store: Store, text: str, events: list[dict[str, Any]], day: str = "2024-03-25"
        ) -> tuple[int, list[int]]:
    rid, _ = store.add_report(NewReport(text=text, origin="test",
                                        published=dt.date.fromisoformat(day)))
    with store.engine.begin() as conn:
        return rid, link_report(store, conn, rid, text, {"events": events})


RU = ("В Калуге 24 марта трое неизвестных избили троих мигрантов из Таджикистана, один "
      "из них, Рустам Каримов, госпитализирован.")
EN = ("Three Tajik migrants were beaten by unknown men in Kaluga on 24 March; one of them, "
      "Rustam Karimov, was taken to hospital.")
TG = "Дар Калуга 24 март се муҳоҷири тоҷикро латукӯб карданд, Рустам Каримов дар беморхона."


def test_names_meet_across_scripts() -> None:
    assert word_key("Чупик") == word_key("Chupik")
    assert word_key("Вахдат") == word_key("Ваҳдат") == word_key("Vahdat") == word_key("Vakhdat")
    assert word_key("Каримова") == word_key("Karimov")


def test_cross_language_duplicates_make_one_incident(store: Store) -> None:
    ev = event("assault", "2024-03-24", {"injured": {"min": 3, "max": 3}})
    _, (a,) = add(store, RU, [ev])
    _, (b,) = add(store, EN, [ev], "2024-03-26")
    _, (c,) = add(store, TG, [event("assault", "2024-03-24")])
    assert a == b == c
    assert store.count("incidents") == 1
    with store.connect() as conn:
        reasons = [r for (r,) in conn.execute(select(incident_reports.c.reason))]
    assert sum(r.startswith("linked: score") for r in reasons) == 2


def test_same_place_different_day_stays_apart(store: Store) -> None:
    ev = event("raid", "2024-03-24", {"detained": {"min": 30, "max": 30}})
    _, (a,) = add(store, "Police raided the central market in Kaluga on 24 March, "
                  "30 detained.", [ev])
    _, (b,) = add(store, "Police raided the central market in Kaluga on 29 March, "
                  "30 detained.", [event("raid", "2024-03-29", ev["counts"])], "2024-03-29")
    assert a != b


def test_conflicting_figures_are_kept_not_averaged(store: Store) -> None:
    _, (a,) = add(store, "Crocus City Hall attack near Moscow: 137 killed, officials said.",
                  [event("attack", "2024-03-22", {"killed": {"min": 137, "max": 137}})])
    _, (b,) = add(store, "Crocus City Hall attack near Moscow: nearly 150 killed, sources say.",
                  [event("attack", "2024-03-22", {"killed": {"min": 140, "max": 149}})])
    assert a == b
    with store.connect() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == a)).mappings().one()
    killed = row["counts"]["killed"]
    assert killed["conflict"] is True
    assert (killed["min"], killed["max"]) == (137, 149)
    assert sorted((s["min"], s["max"]) for s in killed["sources"]) == [(137, 137), (140, 149)]
    conflict = next(c for c in row["conflicts"] if c["field"] == "counts.killed")
    assert {(v["value"]["min"], v["value"]["max"]) for v in conflict["values"]} == {
        (137, 137), (140, 149)}


def _state(store: Store) -> dict[str, Any]:
    with store.connect() as conn:
        incs = {r["id"]: {k: v for k, v in r.items() if k not in NOT_RESTORED}
                for r in conn.execute(select(incidents)).mappings()}
        links = sorted((r.incident_id, r.report_id, r.event_index, r.score, r.reason)
                       for r in conn.execute(select(incident_reports)))
    return {"incidents": incs, "links": links}


def test_split_after_merge_restores_the_previous_state(store: Store) -> None:
    _, (a,) = add(store, RU, [event("assault", "2024-03-24", {"injured": {"min": 3, "max": 3}})])
    _, (b,) = add(store, "Police raided a hostel in Kaluga on 24 March, 12 detained.",
                  [event("raid", "2024-03-24", {"detained": {"min": 12, "max": 12}})])
    assert a != b
    before = _state(store)
    merge(store, a, b, by="anna", reason="same night, same street")
    merged = _state(store)
    assert set(merged["incidents"]) == {a}
    assert {link[0] for link in merged["links"]} == {a}
    assert split(store, a, by="anna") == b
    assert _state(store) == before
    with store.connect() as conn:
        from khronika.store.schema import changes

        actions = [(r.actor, r.action) for r in conn.execute(
            select(changes.c.actor, changes.c.action).order_by(changes.c.id))]
    assert ("anna", "incident.merge") in actions and ("anna", "incident.split") in actions
    assert store.verify_changes() is None
    with pytest.raises(LinkError, match="no merge to split"):
        split(store, a, by="anna")


def test_merge_needs_a_name(store: Store) -> None:
    _, (a,) = add(store, RU, [event("assault", "2024-03-24")])
    with pytest.raises(LinkError, match="--by NAME"):
        merge(store, a, a + 1, by=" ")


def test_relink_rebuild_gives_the_same_grouping_and_guards_merges(store: Store) -> None:
    from khronika.link.linker import relink_all

    texts = [(RU, "2024-03-24"), (EN, "2024-03-24"),
             ("Police raided the central market in Kaluga on 29 March, 30 detained.",
              "2024-03-29")]
    for text, day in texts:
        rid, _ = store.add_report(NewReport(text=text, origin="test",
                                            published=dt.date.fromisoformat(day)))
        kind = "raid" if "raided" in text else "assault"
        result = {"events": [event(kind, day)]}
        with store.engine.begin() as conn:
            store.save_extraction(conn, rid, "test", result)
    first = relink_all(store)
    assert first.to_json() == {"reports": 3, "events": 3, "incidents_created": 2,
                               "linked_to_existing": 1}
    assert relink_all(store).reports == 0  # nothing left unlinked
    grouping = sorted(sorted(i["report_ids"]) for i in store.incidents())
    rebuilt = relink_all(store, rebuild=True)
    assert rebuilt.incidents_created == 2
    assert sorted(sorted(i["report_ids"]) for i in store.incidents()) == grouping
    a, b = (i["id"] for i in store.incidents())
    merge(store, a, b, by="anna")
    with pytest.raises(LinkError, match="1 manual merges"):
        relink_all(store, rebuild=True)


def test_detach_moves_reports_to_a_new_incident(store: Store) -> None:
    from khronika.link.review import detach

    ev = event("assault", "2024-03-24", {"injured": {"min": 3, "max": 3}})
    r1, (a,) = add(store, RU, [ev])
    r2, (b,) = add(store, EN, [ev], "2024-03-26")
    assert a == b
    new = detach(store, a, [r2], by="boris")
    rows = {i["id"]: i["report_ids"] for i in store.incidents()}
    assert rows == {a: [r1], new: [r2]}
    with pytest.raises(LinkError, match="leave the incident empty"):
        detach(store, a, [r1], by="boris")


def test_split_keeps_reports_linked_after_the_merge(store: Store) -> None:
    ev = event("assault", "2024-03-24", {"injured": {"min": 3, "max": 3}})
    _, (a,) = add(store, RU, [ev])
    _, (b,) = add(store, "Police raided a hostel in Kaluga on 24 March, 12 detained.",
                  [event("raid", "2024-03-24", {"detained": {"min": 12, "max": 12}})])
    merge(store, a, b, by="anna")
    r3, (c,) = add(store, EN, [ev], "2024-03-26")
    assert c == a
    assert split(store, a, by="anna") == b
    rows = {i["id"]: i["report_ids"] for i in store.incidents()}
    assert r3 in rows[a] and len(rows[b]) == 1
