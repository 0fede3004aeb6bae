"""Every route × every role (and anonymous): generated from ``app.routes``.

Each route must declare exactly one rule (``requires(...)``) and be listed in ``EXPECTED``
with that rule, so a new route without a rule, or with a rule nobody reviewed, fails here.
Then each route is called as each role and must answer as its rule says.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from khronika.security.roles import Perm, Role, allowed
from khronika.web.app import flat_routes
from khronika.web.auth import PUBLIC, SIGNED_IN, rule_of
from tests.web.conftest import Desk

P = Perm
EXPECTED: dict[tuple[str, str], Perm | str] = {
    ("GET", "/login"): PUBLIC, ("POST", "/login"): PUBLIC, ("POST", "/logout"): SIGNED_IN,
    ("GET", "/lang/{code}"): PUBLIC, ("GET", "/"): SIGNED_IN,
    ("GET", "/queue"): P.READ_INCIDENTS, ("POST", "/queue/assign"): P.EDIT_CASES,
    ("GET", "/intake"): P.INTAKE, ("POST", "/intake"): P.INTAKE,
    ("GET", "/import"): P.INTAKE, ("POST", "/import"): P.INTAKE,
    ("POST", "/import/mappings/delete"): P.INTAKE,
    ("GET", "/incidents/{incident_id}"): P.READ_INCIDENTS,
    ("POST", "/incidents/{incident_id}/review"): P.REVIEW,
    ("POST", "/incidents/{incident_id}/correct"): P.EDIT_INCIDENTS,
    ("POST", "/incidents/{incident_id}/merge"): P.EDIT_INCIDENTS,
    ("POST", "/incidents/{incident_id}/detach"): P.EDIT_INCIDENTS,
    ("POST", "/merges/{merge_id}/split"): P.EDIT_INCIDENTS,
    ("GET", "/cases"): P.READ_CASES, ("POST", "/cases"): P.EDIT_CASES,
    ("GET", "/cases/{case_id}"): P.READ_CASES, ("POST", "/cases/{case_id}"): P.EDIT_CASES,
    ("POST", "/cases/{case_id}/notes"): P.EDIT_CASES,
    ("POST", "/cases/{case_id}/link"): P.EDIT_CASES,
    ("POST", "/cases/{case_id}/delete-personal"): P.DELETE_PERSONAL,
    ("GET", "/search"): P.SEARCH, ("GET", "/dashboard"): P.READ_INCIDENTS,
    ("GET", "/map"): P.READ_INCIDENTS,
    ("GET", "/api/openapi.json"): PUBLIC, ("GET", "/api/me"): SIGNED_IN,
    ("GET", "/api/queue"): P.READ_INCIDENTS,
    ("POST", "/api/intake/suggest"): P.INTAKE, ("POST", "/api/intake"): P.INTAKE,
    ("POST", "/api/import"): P.INTAKE, ("POST", "/api/import/preview"): P.INTAKE,
    ("GET", "/api/import"): P.INTAKE,
    ("GET", "/api/import/{job_id}"): P.INTAKE, ("GET", "/api/import/mappings"): P.INTAKE,
    ("POST", "/api/import/mappings"): P.INTAKE,
    ("DELETE", "/api/import/mappings/{name}"): P.INTAKE,
    ("GET", "/api/incidents/{incident_id}"): P.READ_INCIDENTS,
    ("GET", "/api/incidents/{incident_id}/history"): P.READ_INCIDENTS,
    ("POST", "/api/incidents/{incident_id}/review"): P.REVIEW,
    ("POST", "/api/incidents/{incident_id}/correct"): P.EDIT_INCIDENTS,
    ("POST", "/api/incidents/{incident_id}/merge"): P.EDIT_INCIDENTS,
    ("POST", "/api/incidents/{incident_id}/detach"): P.EDIT_INCIDENTS,
    ("POST", "/api/merges/{merge_id}/split"): P.EDIT_INCIDENTS,
    ("POST", "/api/incidents/{incident_id}/assign"): P.EDIT_CASES,
    ("GET", "/api/reports/{report_id}"): P.READ_REPORTS,
    ("GET", "/api/cases"): P.READ_CASES, ("POST", "/api/cases"): P.EDIT_CASES,
    ("GET", "/api/cases/{case_id}"): P.READ_CASES,
    ("PATCH", "/api/cases/{case_id}"): P.EDIT_CASES,
    ("POST", "/api/cases/{case_id}/notes"): P.EDIT_CASES,
    ("POST", "/api/cases/{case_id}/incidents"): P.EDIT_CASES,
    ("DELETE", "/api/cases/{case_id}/personal"): P.DELETE_PERSONAL,
    ("GET", "/api/search"): P.SEARCH, ("GET", "/api/stats/weekly"): P.READ_INCIDENTS,
    ("GET", "/api/stats/regions"): P.READ_INCIDENTS, ("GET", "/api/map/points"): P.READ_INCIDENTS,
}
#: Static files: public on purpose (CSS, JS, the map's shapes; no data of anyone).
STATIC_MOUNTS = {"/static", "/vendor/leaflet", "/vendor/topojson", "/vendor/world-atlas"}


def _routes(app: Any) -> list[tuple[str, str, APIRoute]]:
    out = []
    for route in flat_routes(app):
        if isinstance(route, Mount):
            assert route.path in STATIC_MOUNTS, f"unreviewed mount {route.path}"
            continue
        assert isinstance(route, APIRoute), f"route of unknown kind: {route!r}"
        for method in sorted(route.methods or ()):
            out.append((method, route.path, route))
    return out


def test_every_route_declares_exactly_one_reviewed_rule(desk: Desk) -> None:
    seen = set()
    for method, path, route in _routes(desk.client.app):
        rules = [r for d in route.dependant.dependencies if (r := rule_of(d.call)) is not None]
        assert len(rules) == 1, f"{method} {path} declares {len(rules)} rules, needs exactly 1"
        assert (method, path) in EXPECTED, f"{method} {path} has no entry in EXPECTED"
        assert rules[0] == EXPECTED[(method, path)], f"{method} {path}: rule {rules[0]}"
        seen.add((method, path))
    assert seen == set(EXPECTED), f"EXPECTED lists routes that do not exist: {set(EXPECTED) - seen}"


def _expected_ok(rule: Perm | str, role: str | None) -> bool:
    if rule == PUBLIC:
        return True
    if role is None:
        return False
    return rule == SIGNED_IN or allowed(role, Perm(rule))


def _request(desk: Desk, method: str, path: str, auth: dict[str, str]) -> Any:
    url = re.sub(r"\{[a-z_]+\}", "1", path)
    if not path.startswith("/api/"):
        auth = {**auth, "Accept": "text/html"}  # a browser: refusals are pages, not JSON
    if method == "GET":
        return desk.client.get(url, headers=auth, follow_redirects=False)
    if path.startswith("/api/"):
        return desk.client.request(method, url, headers=auth, json={}, follow_redirects=False)
    return desk.client.request(method, url, headers=auth, data={}, follow_redirects=False)


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]])
def test_each_role_gets_what_its_rule_says(desk: Desk, role: str | None) -> None:
    """Bearer-token calls (so CSRF is not the reason for a refusal)."""
    auth = {"Authorization": f"Bearer {desk.tokens[role]}"} if role else {}
    for method, path, route in _routes(desk.client.app):
        rule = next(r for d in route.dependant.dependencies if (r := rule_of(d.call)))
        r = _request(desk, method, path, auth)
        where = f"{method} {path} as {role or 'anonymous'}"
        if _expected_ok(rule, role):
            assert r.status_code not in (401, 403), f"{where}: refused ({r.status_code})"
            assert r.status_code < 500, f"{where}: server error {r.text[:200]}"
        elif role is None:
            if path.startswith("/api/"):
                assert r.status_code == 401, where
            else:
                assert r.status_code == 303 and "/login" in r.headers["location"], where
        else:
            assert r.status_code == 403, f"{where}: {r.status_code}"


def test_session_without_csrf_token_is_refused(desk: Desk) -> None:
    csrf = desk.login("caseworker")
    r = desk.client.post("/api/incidents/1/review", json={"action": "verify", "version": 1})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = desk.client.post("/incidents/1/review", data={"action": "verify", "version": "1",
                                                      "csrf_token": "forged"},
                         headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 403
    r = desk.client.post("/api/incidents/1/review", json={"action": "verify", "version": 1},
                         headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
