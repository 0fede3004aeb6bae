"""What each role sees of a report rich in personal data, on pages and in the API.

Viewers read under the ``public`` profile, analysts ``partner``, caseworkers and admins
``internal`` (khronika.security.roles.DEFAULT_PROFILE).
"""

from __future__ import annotations

import pytest

from khronika.store.store import NewReport
from tests.web.conftest import Desk

# Test data written for this test (no real person).
RICH = ("Police detained Gulnora Rakhimova at the Sadovod market in Moscow on 3 April. "
        "Her brother asks for help: call +7 916 555-12-34 or write to gulnora.r@mail.ru.")
PHONE, EMAIL, NAME = "+7 916 555-12-34", "gulnora.r@mail.ru", "Rakhimova"

#: role -> (what must be shown, what must not)
EXPECT = {
    "viewer": (["[PHONE]", "[EMAIL]"], [PHONE, EMAIL, NAME]),
    "analyst": (["+7 *** ***-**-**", "g***@mail.ru"], [PHONE, EMAIL, NAME]),
    "caseworker": ([PHONE, EMAIL, NAME], []),
    "admin": ([PHONE, EMAIL, NAME], []),
}


@pytest.fixture
def rich(desk: Desk) -> tuple[int, int]:
    from khronika.flow import process_report

    rid, _ = desk.store.add_report(NewReport(text=RICH, origin="test:rich"))
    incidents = process_report(desk.store, rid)
    assert incidents
    return rid, incidents[0]


@pytest.mark.parametrize("role", list(EXPECT))
def test_incident_page_and_api_redact_for_the_role(desk: Desk, rich: tuple[int, int],
                                                    role: str) -> None:
    _rid, inc = rich
    auth = {"Authorization": f"Bearer {desk.tokens[role]}"}
    page = desk.client.get(f"/incidents/{inc}", headers={**auth, "Accept": "text/html"})
    api = desk.client.get(f"/api/incidents/{inc}", headers=auth)
    assert page.status_code == 200 and api.status_code == 200
    shown = "".join(seg["text"] for s in api.json()["sources"] if s["report_id"] == _rid
                    for seg in s.get("segments") or [])
    must, must_not = EXPECT[role]
    for text in (page.text, shown):
        for value in must:
            assert value in text, (role, value)
        for value in must_not:
            assert value not in text, (role, value)


@pytest.mark.parametrize("role", ["analyst", "caseworker"])
def test_report_api_redacts_for_the_role(desk: Desk, rich: tuple[int, int], role: str) -> None:
    rid, _inc = rich
    body = desk.client.get(f"/api/reports/{rid}",
                           headers={"Authorization": f"Bearer {desk.tokens[role]}"}).json()
    text = body["report"]["text"]
    assert (PHONE in text) is (role == "caseworker")


def test_viewer_sees_small_counts_suppressed_and_coarse_coordinates(desk: Desk) -> None:
    from khronika.flow import process_report

    rid, _ = desk.store.add_report(NewReport(
        text="Police detained 3 migrants at a hostel in Kaluga on 5 April.", origin="t:3"))
    inc = process_report(desk.store, rid)[0]
    auth = {"Authorization": f"Bearer {desk.tokens['viewer']}"}
    row = desk.client.get(f"/api/incidents/{inc}", headers=auth).json()["incident"]
    detained = (row.get("counts") or {}).get("detained") or {}
    assert detained.get("min") in (None, "fewer than 5")
    if row.get("lat") is not None:
        assert round(row["lat"], 1) == row["lat"]
    points = desk.client.get("/api/map/points", headers=auth).json()["features"]
    for p in points:
        lon, lat = p["geometry"]["coordinates"]
        assert round(lat, 1) == lat and round(lon, 1) == lon


def test_a_redacted_correction_form_does_not_write_placeholders_back(
        desk: Desk, rich: tuple[int, int]) -> None:
    """An analyst saves the correction form prefilled with redacted values: nothing of
    what was only shown redacted is written over the stored fields."""
    _rid, inc = rich
    csrf = desk.login("analyst")
    before = desk.client.get(f"/api/incidents/{inc}",
                             headers={"Authorization": f"Bearer {desk.tokens['admin']}"}
                             ).json()["incident"]
    shown = desk.client.get(f"/api/incidents/{inc}").json()["incident"]
    form = {"csrf_token": csrf, "version": str(before["version"]),
            "location_name": shown.get("location_name") or "",
            "admin1": shown.get("admin1") or "", "type": shown["type"],
            "date_start": shown.get("date_start") or ""}
    r = desk.client.post(f"/incidents/{inc}/correct", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    after = desk.client.get(f"/api/incidents/{inc}",
                            headers={"Authorization": f"Bearer {desk.tokens['admin']}"}
                            ).json()["incident"]
    assert after["location_name"] == before["location_name"]
