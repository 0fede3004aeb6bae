"""Exports: ACLED round trip, redaction profiles, GeoJSON/JSON/CSV, the brief in HTML and PDF."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khronika.cli import app
from khronika.export import export
from khronika.export.acled import actors_of, guess_inter, incident_actors
from khronika.export.redact import PROFILES
from khronika.flow import ingest_paths
from khronika.intake.acled import ACTOR_COLUMNS
from khronika.store.store import Store, init_store
from tests.intake import samples as s

REPORTS = [
    {"id": "1", "published": "2024-03-27", "text": "Police raided a hostel in Yekaterinburg on "
     "26 March 2024 and detained 14 Tajik citizens, among them Рахимов Фарход Алиевич "
     "(phone +7 912 345-67-89)."},
    {"id": "2", "published": "2024-03-27", "text": s.RU_1},
    {"id": "3", "published": "2024-03-25", "text": s.EN_2},
    {"id": "4", "published": "2024-03-26",
     "text": "Three Tajik migrants were beaten in Kaluga on 25 March 2024."},
    {"id": "5", "published": "2024-03-29", "text": s.EN_1},
]


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in REPORTS) + "\n",
                    encoding="utf-8")
    ingest_paths(store, [path])
    assert store.incidents(), "extraction found no incidents in the sample reports"
    return store


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    counts = {k: v.get("min") for k, v in (row["counts"] or {}).items() if v.get("min")}
    return (row["type"], row["date_start"], row["location_name"], row["country"],
            row["admin1"], round(row["lat"], 4), round(row["lon"], 4),
            tuple(sorted(counts.items())))


def test_acled_export_read_back_gives_the_same_incidents(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    result = export(filled, "acled", out, "internal")
    located = [r for r in filled.incidents() if r["date_start"] and r["lat"] is not None]
    assert result.written == len(located) >= 3
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["sub_event_type"] for r in rows} >= {"Arrests", "Looting/property destruction"}
    assert all(r["source"] and "khronika_type=" in r["tags"] for r in rows)
    # actors: the perpetrator the reports name, with ACLED's actor type where it is known
    police = [r for r in rows if r["actor1"].lower() == "police"]
    assert police and all(r["inter1"] == "1" and r["interaction"] in ("10", "17")
                          for r in police)
    assert all(r["inter1"] == "" for r in rows if not r["actor1"])
    before = _actors(filled, located)
    back = init_store(str(tmp_path / "back.db"), passphrase="correct horse battery staple")
    with back:
        summary = ingest_paths(back, [out])
        assert summary.new == len(rows) and not summary.rejected
        assert sorted(map(_key, back.incidents())) == sorted(map(_key, located))
        assert _actors(back, back.incidents()) == before
        again = tmp_path / "again.csv"
        export(back, "acled", again, "internal")
        with again.open(encoding="utf-8") as fh:
            assert [[r[c] for c in ACTOR_COLUMNS] for r in csv.DictReader(fh)] == \
                [[r[c] for c in ACTOR_COLUMNS] for r in rows]
        assert ingest_paths(back, [out]).new == 0


def _actors(store: Store, incidents: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Each incident's key with its ACLED actor columns, sorted."""
    actors = incident_actors(store, incidents, PROFILES["internal"])
    return sorted((_key(r), tuple(actors.get(int(r["id"]), {}).get(c, "") for c in ACTOR_COLUMNS))
                  for r in incidents)


def test_acled_actor_types_and_columns() -> None:
    assert [guess_inter(n) for n in ("Police Forces of Russia", "сотрудники ФСБ", "three migrants",
                                     "a mob", "gunmen", "Tajik workers", "the weather")] == \
        [1, 1, 7, 5, 3, 7, None]
    events = [{"actors": {"perpetrator": "police", "victims": "three migrants"}},
              {"actors": {"perpetrator": "police officers"}}, {"actors": {"perpetrator": "police"}}]
    assert actors_of(events) == {"actor1": "police", "assoc_actor_1": "", "inter1": 1,
                                 "actor2": "three migrants", "assoc_actor_2": "", "inter2": 7,
                                 "interaction": 17}
    assert actors_of([{"actors": {}}])["interaction"] == ""
    coded = [{"acled": {"actor1": "Rioters (Russia)", "inter1": 5, "interaction": 50}},
             {"actors": {"perpetrator": "police"}}]
    assert actors_of(coded)["actor1"] == "Rioters (Russia)" and actors_of(coded)["inter2"] == ""


def test_public_profile_masks_rounds_and_suppresses(filled: Store, tmp_path: Path) -> None:
    pub, internal = tmp_path / "pub.json", tmp_path / "int.json"
    export(filled, "json", pub, "public")
    export(filled, "json", internal, "internal")
    p_recs = {r["id"]: r for r in json.loads(pub.read_text(encoding="utf-8"))["incidents"]}
    i_recs = {r["id"]: r for r in json.loads(internal.read_text(encoding="utf-8"))["incidents"]}
    text = json.dumps(p_recs, ensure_ascii=False)
    assert "+7 912" not in text and "Рахимов" not in text
    assert "Рахимов" in json.dumps(i_recs, ensure_ascii=False)
    for rid, rec in p_recs.items():
        if rec["lat"] is not None:
            assert rec["lat"] == round(i_recs[rid]["lat"], 1)
        for kind, c in rec["counts"].items():
            if i_recs[rid]["counts"][kind]["min"] is not None and \
                    i_recs[rid]["counts"][kind]["min"] < 5:
                assert c["min"] is None and c["suppressed"]
        assert all("/" not in (src["origin"] or "") for src in rec["sources"])


def test_detector_and_profiles() -> None:
    text = ("Задержан Рахимов Фарход Алиевич, паспорт 45 12 345678, тел. +7 (912) 345-67-89, "
            "mail a.b@example.org; Mr Karimov was released.")
    masked = PROFILES["public"].text(text)
    assert masked is not None
    for secret in ("Рахимов", "345678", "345-67-89", "example.org", "Karimov"):
        assert secret not in masked
    assert PROFILES["partner"].coord(55.123456) == 55.12
    assert PROFILES["public"].coord(55.16) == 55.2
    assert PROFILES["public"].count(4) is None and PROFILES["public"].count(5) == 5
    assert PROFILES["internal"].text(text) == text
    assert PROFILES["partner"].origin("/home/anna/calls/a.txt", "file") == "a.txt"
    assert PROFILES["public"].origin("/home/anna/calls/a.txt", "file") == "file"


def test_geojson_and_csv(filled: Store, tmp_path: Path) -> None:
    export(filled, "geojson", tmp_path / "x.geojson", "partner")
    gj = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection" and gj["features"]
    point = next(f for f in gj["features"] if f["geometry"])
    lon, lat = point["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90 and point["properties"]["report_ids"]
    export(filled, "csv", tmp_path / "x.csv", "internal")
    with (tmp_path / "x.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(filled.incidents()) and all(r["report_ids"] for r in rows)


def test_brief_html_cites_sources_and_pdf_renders(filled: Store, tmp_path: Path) -> None:
    html = tmp_path / "brief.html"
    export(filled, "brief", html, "public")
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 4 and "http" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "Headline figures" in page and "sources: #" in page and "Notable incidents" in page
    pdf = tmp_path / "brief.pdf"
    export(filled, "brief", pdf, "public")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftoppm is needed in CI (apt-get install poppler-utils)")
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils): PDF not rasterised")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 2000


def test_cli_export_checks_its_options(filled: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    db = filled.location.describe()
    res = runner.invoke(app, ["export", "--db", db, "--format", "kml", "-o", "x"])
    assert res.exit_code == 2 and "unknown --format 'kml'" in res.stderr
    res = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--profile", "press",
                              "-o", "x"])
    assert res.exit_code == 2 and "unknown --profile 'press'" in res.stderr
