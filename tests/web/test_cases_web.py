"""Cases on the desk go through khronika.cases: encrypted on PostgreSQL, audited reads,
409 with the domain's message on a stale update, secure deletion by an admin."""

from __future__ import annotations

import re

from sqlalchemy import select

from khronika.store.schema import case_notes, cases, changes
from tests.web.conftest import Desk

CONTACT = "+7 900 111-22-33 (sister)"


def _h(desk: Desk, role: str = "caseworker") -> dict[str, str]:
    return {"Authorization": f"Bearer {desk.tokens[role]}"}


def test_personal_fields_are_encrypted_at_rest_on_postgresql(desk: Desk) -> None:
    c = desk.client.post("/api/cases", headers=_h(desk), json={
        "title": "Family of a detained worker", "contact": CONTACT, "details": "hostel 4"}
    ).json()["id"]
    desk.client.post(f"/api/cases/{c}/notes", headers=_h(desk), json={"text": "called back"})
    with desk.store.connect() as conn:
        row = conn.execute(select(cases.c.title, cases.c.contact).where(cases.c.id == c)).one()
        note = conn.execute(select(case_notes.c.text).where(case_notes.c.case_id == c)).scalar()
    if desk.store.location.backend == "postgresql":
        assert row.contact.startswith("enc:v1:") and CONTACT not in row.contact
        assert row.title.startswith("enc:v1:") and str(note).startswith("enc:v1:")
    case = desk.client.get(f"/api/cases/{c}", headers=_h(desk)).json()["case"]
    assert case["contact"] == CONTACT and case["notes"][0]["text"] == "called back"
    page = desk.client.get(f"/cases/{c}", headers={**_h(desk), "Accept": "text/html"}).text
    assert "Family of a detained worker" in page
    listed = desk.client.get("/api/cases", headers=_h(desk)).json()["cases"]
    assert any(x["title"] == "Family of a detained worker" for x in listed)
    with desk.store.connect() as conn:
        reads = conn.execute(select(changes.c.actor).where(
            changes.c.action == "case.read", changes.c.entity_id == str(c))).scalars().all()
    assert len(reads) >= 2  # the API and the page read were both audited


def test_a_stale_update_is_409_with_the_domain_message(desk: Desk) -> None:
    c = desk.client.post("/api/cases", headers=_h(desk), json={"title": "T"}).json()["id"]
    v = desk.client.get(f"/api/cases/{c}", headers=_h(desk)).json()["case"]["version"]
    ok = desk.client.patch(f"/api/cases/{c}", headers=_h(desk),
                           json={"version": v, "assignee": "caseworker"})
    assert ok.status_code == 200, ok.text
    stale = desk.client.patch(f"/api/cases/{c}", headers=_h(desk),
                              json={"version": v, "outcome": "released"})
    assert stale.status_code == 409
    assert stale.json()["error"] == {"code": "stale", "message": stale.json()["error"]["message"]}
    assert "changed by someone else" in stale.json()["error"]["message"]
    csrf = desk.login("caseworker")
    page = desk.client.post(f"/cases/{c}", data={"csrf_token": csrf, "version": str(v),
                                                 "outcome": "x"},
                            headers={"Accept": "text/html"})
    assert page.status_code == 409 and "changed by someone else" in page.text


def test_admin_deletes_personal_data_from_the_case_page(desk: Desk) -> None:
    c = desk.client.post("/api/cases", headers=_h(desk), json={
        "title": "Rahimov family", "contact": CONTACT, "incident_id": 1}).json()["id"]
    desk.client.post(f"/api/cases/{c}/notes", headers=_h(desk), json={"text": "passport 4509"})
    csrf = desk.login("caseworker")
    assert "delete-personal" not in desk.client.get(f"/cases/{c}").text  # admins only
    csrf = desk.login("admin")
    page = desk.client.get(f"/cases/{c}").text
    assert 'id="delete-personal"' in page
    refused = desk.client.post(f"/cases/{c}/delete-personal", data={"csrf_token": csrf},
                               headers={"Accept": "text/html"}, follow_redirects=False)
    assert refused.status_code == 422  # the confirmation box is required
    r = desk.client.post(f"/cases/{c}/delete-personal",
                         data={"csrf_token": csrf, "confirm": "yes"}, follow_redirects=False)
    assert r.status_code == 303
    case = desk.client.get(f"/api/cases/{c}", headers=_h(desk, "admin")).json()["case"]
    assert case["deleted"] and case["contact"] is None and case["notes"] == []
    assert [i["id"] for i in case["incidents"]] == [1]  # the anonymous remainder stays
    page = desk.client.get(f"/cases/{c}").text
    assert 'id="deleted"' in page and CONTACT not in page and "case-form" not in page
    again = desk.client.patch(f"/api/cases/{c}", headers=_h(desk),
                              json={"version": 9, "outcome": "x"})
    assert again.status_code == 410
    api = desk.client.delete(f"/api/cases/{c}/personal", headers=_h(desk, "caseworker"))
    assert api.status_code == 403


def test_assigning_an_incident_opens_a_case_for_the_caseworker(desk: Desk) -> None:
    r = desk.client.post("/api/incidents/2/assign", headers=_h(desk),
                         json={"assignee": "caseworker"})
    assert r.status_code == 200, r.text
    case_id = r.json()["case_id"]
    again = desk.client.post("/api/incidents/2/assign", headers=_h(desk),
                             json={"assignee": "admin"})
    assert again.json()["case_id"] == case_id  # the same open case, reassigned
    case = desk.client.get(f"/api/cases/{case_id}", headers=_h(desk)).json()["case"]
    assert case["assignee"] == "admin"
    bad = desk.client.post("/api/incidents/2/assign", headers=_h(desk),
                           json={"assignee": "viewer"})
    assert bad.status_code == 422  # only caseworkers and admins take incidents
    csrf = desk.login("caseworker")
    page = desk.client.get("/incidents/2").text
    assert 'id="assign-form"' in page
    r = desk.client.post("/queue/assign", data={"csrf_token": csrf, "incident_id": "2",
                                                "assignee": "caseworker",
                                                "next": "/incidents/2"},
                         follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/incidents/2"
    assert re.search(r"C\d+</a> \([^)]*, caseworker\)", desk.client.get("/incidents/2").text)
