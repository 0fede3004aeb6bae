"""Search facets (perpetrator among them), splitting a report out of an incident, and
the figure cache's freshness."""

from __future__ import annotations

from khronika.store.store import NewReport
from khronika.web import cache
from tests.web.conftest import Desk


def _h(desk: Desk, role: str = "caseworker") -> dict[str, str]:
    return {"Authorization": f"Bearer {desk.tokens[role]}"}


def test_perpetrator_facet_and_filter(desk: Desk) -> None:
    from khronika.flow import process_report

    rid, _ = desk.store.add_report(NewReport(
        text="Unknown men attacked two Tajik workers in Kaluga on 6 April.", origin="t:p"))
    inc = process_report(desk.store, rid)[0]
    r = desk.client.get("/api/search", headers=_h(desk), params={"q": "attacked"}).json()
    perps = {f["value"]: f["count"] for f in r["facets"]["perpetrator"]}
    assert perps.get("Unknown men") == 1
    every = desk.client.get("/api/search", headers=_h(desk)).json()
    assert "Unknown men" in {f["value"] for f in every["facets"]["perpetrator"]}
    for q in ("", "workers"):
        only = desk.client.get("/api/search", headers=_h(desk),
                               params={"q": q, "perpetrator": "unknown MEN"}).json()
        assert [i["id"] for i in only["incidents"]] == [inc], q
    none = desk.client.get("/api/search", headers=_h(desk),
                           params={"perpetrator": "100%_\\'"}).json()
    assert none["total"] == 0
    page = desk.client.get("/search", headers={**_h(desk), "Accept": "text/html"},
                           params={"q": "attacked"}).text
    assert 'id="facet-perpetrator"' in page and "perpetrator=Unknown%20men" in page


def test_empty_search_counts_every_incident_with_filters(desk: Desk) -> None:
    every = desk.client.get("/api/search", headers=_h(desk)).json()
    assert every["total"] == desk.store.count("incidents")
    assert sum(f["count"] for f in every["facets"]["status"]) == every["total"]
    t = every["facets"]["type"][0]
    typed = desk.client.get("/api/search", headers=_h(desk), params={"type": t["value"]}).json()
    assert typed["total"] == t["count"]
    assert {i["type"] for i in typed["incidents"]} == {t["value"]}


def test_split_a_report_out_and_merge_it_back(desk: Desk) -> None:
    h = _h(desk)
    ids = [i["id"] for i in desk.client.get("/api/queue", headers=h).json()["items"]
           if i["kind"] == "incident"]
    a, b = ids[0], ids[1]
    m = desk.client.post(f"/api/incidents/{a}/merge", headers=h, json={"other": b}).json()
    merged = desk.client.get(f"/api/incidents/{a}", headers=h).json()
    reports = sorted({s["report_id"] for s in merged["sources"]})
    assert len(reports) >= 2 and m["merge_id"]
    out = desk.client.post(f"/api/incidents/{a}/detach", headers=h,
                           json={"report_ids": [reports[-1]]})
    assert out.status_code == 201, out.text
    new = out.json()["incident"]
    moved = desk.client.get(f"/api/incidents/{new}", headers=h).json()
    assert {s["report_id"] for s in moved["sources"]} == {reports[-1]}
    hist = desk.client.get(f"/api/incidents/{a}/history", headers=h).json()["history"]
    assert any(e["action"] == "incident.detach" and e["actor"] == "caseworker" for e in hist)
    own = desk.client.get(f"/api/incidents/{new}/history", headers=h).json()["history"]
    assert any(e["action"] == "incident.split_from" and e["data"]["from"] == a for e in own)
    all_out = desk.client.post(f"/api/incidents/{a}/detach", headers=h,
                               json={"report_ids": reports[:-1]})
    assert all_out.status_code == 422  # an incident is never left empty
    back = desk.client.post(f"/api/incidents/{a}/merge", headers=h, json={"other": new})
    assert back.status_code == 200  # the undo of a split-out is a (reversible) merge
    again = desk.client.get(f"/api/incidents/{a}", headers=h).json()
    assert sorted({s["report_id"] for s in again["sources"]}) == reports
    assert desk.client.post(f"/api/incidents/{a}/detach", headers=_h(desk, "viewer"),
                            json={"report_ids": [1]}).status_code == 403


def test_figures_are_fresh_after_a_change(desk: Desk) -> None:
    from khronika.flow import process_report

    before = desk.client.get("/api/stats/regions", headers=_h(desk)).json()["regions"]
    again = desk.client.get("/api/stats/regions", headers=_h(desk)).json()["regions"]
    assert before == again and cache.figures(desk.store).hits >= 1
    rid, _ = desk.store.add_report(NewReport(
        text="Police detained 40 migrants at a market in Yekaterinburg on 9 April.",
        origin="t:new"))
    process_report(desk.store, rid)
    after = desk.client.get("/api/stats/regions", headers=_h(desk)).json()["regions"]
    assert sum(r["count"] for r in after) > sum(r["count"] for r in before)
