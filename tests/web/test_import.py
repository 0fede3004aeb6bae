"""Importing a file from the desk (``/import`` and ``/api/import``): background jobs with
their state, progress and summary (places, reasons), who may see a job, one import at a
time per store, a failed job that keeps what it stored, column mappings uploaded, adjusted,
saved and reused, the format named or detected, roles, CSRF, the size limit, the audit
entries and both languages. Files are written here for these tests (invented reports)."""

from __future__ import annotations

import json
import re
import threading
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from khronika.security import accounts
from khronika.store.schema import changes
from khronika.web import create_app, import_jobs
from tests.intake import samples as s
from tests.web.conftest import PASSWORD, Desk

CSV = ("message,when,operator\n"
       "Police detained four men at a bus station in Omsk on 9 April 2024.,2024-04-09,Anna\n"
       ",2024-04-10,Anna\n")
MAPPING = json.dumps({"text": ["message"], "date": "when"})
# a header nothing is guessed from: the mapping must be chosen, then saved and reused
ODD = ("zapis,den,kto\n"
       "Police detained two couriers near the Kazan railway station on 14 April 2024.,"
       "2024-04-14,Olga\n")
ODD_2 = ("zapis,den,kto\n"
         "Police raided a hostel in Tver on 16 April 2024 and detained nine migrants.,"
         "2024-04-16,Olga\n"
         "Three migrants were beaten in Kaluga on 17 April 2024.,2024-04-17,Olga\n")
HTML = {"Accept": "text/html"}
WAIT = 180.0


def _bearer(desk: Desk, role: str = "caseworker") -> dict[str, str]:
    return {"Authorization": f"Bearer {desk.tokens[role]}"}


def _start(desk: Desk, headers: dict[str, str], files: dict[str, Any] | None = None,
           **data: str) -> dict[str, Any]:
    r = desk.client.post("/api/import", headers=headers, data=data, files=files)
    assert r.status_code == 202, r.text
    body: dict[str, Any] = r.json()
    assert body["state"] in ("queued", "running", "done")
    assert r.headers["location"] == f"/api/import/{body['job']}"
    return body


def _finish(desk: Desk, headers: dict[str, str], job: str) -> dict[str, Any]:
    """Poll the job until it is done or failed."""
    deadline = time.monotonic() + WAIT
    while True:
        r = desk.client.get(f"/api/import/{job}", headers=headers)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        if body["state"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, f"job still {body['state']} after {WAIT} s"
        time.sleep(0.1)


def _import(desk: Desk, headers: dict[str, str], files: dict[str, Any],
            **data: str) -> dict[str, Any]:
    job = _finish(desk, headers, _start(desk, headers, files, **data)["job"])
    assert job["state"] == "done", job["error"]
    summary: dict[str, Any] = job["summary"]
    return summary


def _cell(page: str, ident: str) -> int:
    found = re.search(rf'id="{ident}">(\d+)<', page)
    assert found, ident
    return int(found.group(1))


def _audit(desk: Desk, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    with desk.store.connect() as conn:
        return [(a, e, d) for a, e, d in conn.execute(
            select(changes.c.actor, changes.c.entity_id, changes.c.data)
            .where(changes.c.action == action).order_by(changes.c.id))]


def _page_job(desk: Desk, url: str) -> str:
    """The job page, reloaded until it shows the summary (the page without script)."""
    deadline = time.monotonic() + WAIT
    while True:
        page = desk.client.get(url, headers=HTML).text
        if 'id="import-result"' in page:
            return page
        assert time.monotonic() < deadline
        assert 'id="job-progress"' in page and 'data-state="' in page
        time.sleep(0.1)


def test_the_form_starts_a_job_and_its_page_shows_the_summary(desk: Desk) -> None:
    csrf = desk.login("caseworker")
    form = desk.client.get("/import").text
    assert 'name="mapping"' in form and '<option value="telegram"' in form
    assert 'src="/static/import.js"' in form and 'id="import-saved"' in form
    r = desk.client.post("/import", headers=HTML, follow_redirects=False,
                         data={"csrf_token": csrf}, files={
                             "file": ("calls.csv", CSV.encode(), "text/csv"),
                             "mapping": ("calls.mapping.json", MAPPING.encode(),
                                         "application/json")})
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    assert re.fullmatch(r"/import\?job=[0-9a-f]{16}", url)
    page = _page_job(desk, url)
    assert (_cell(page, "n-read"), _cell(page, "n-new"), _cell(page, "n-rejected")) == (1, 1, 1)
    assert 'data-state="done"' in page and 'value="1"' in page
    # the rejected row by its place in the uploaded file, not in the server's temp folder
    assert "<code>calls.csv:3</code>" in page and "empty text column" in page
    assert "khronika-import-" not in page and "/tmp" not in page
    incident = re.search(r'href="/incidents/(\d+)"', page)
    assert incident, "the import made no incident"
    shown = desk.client.get(f"/incidents/{incident.group(1)}").text
    assert "men at a bus station in" in shown and "Actors: by <b>Police</b>" in shown
    assert "upload:calls.csv" in shown and "khronika-import-" not in shown
    again = _import(desk, {"X-CSRF-Token": csrf}, {
        "file": ("calls.csv", CSV.encode(), "text/csv"),
        "mapping": ("m.json", MAPPING.encode(), "application/json")})
    assert (again["new"], again["duplicate"]) == (0, 1)
    starts, ends = _audit(desk, "import.start"), _audit(desk, "import.end")
    assert len(starts) == len(ends) == 2
    assert {actor for actor, _, _ in starts + ends} == {"caseworker"}
    assert [job for _, job, _ in starts] == [job for _, job, _ in ends]
    assert starts[0][2]["file"] == "calls.csv" and starts[0][2]["mapping"] == "file"
    first = ends[0][2]
    assert first["state"] == "done" and first["new"] == 1 and first["error"] is None
    assert first["rejected"] == [{"where": "calls.csv:3", "reason": "empty text column "
                                  "'message'"}]


def test_api_reads_a_whole_telegram_account_with_the_format_named(desk: Desk) -> None:
    h = _bearer(desk)
    body = s.telegram_account_export().encode()
    out = _import(desk, h, {"file": ("result.json", body, "application/json")},
                  format="telegram")
    assert (out["read"], out["new"], out["skipped"], out["format"]) == (3, 3, 2, "telegram")
    cut = body[: body.index(b"Kazan Today")]
    out = _import(desk, h, {"file": ("result.json", cut, "application/json")})
    assert out["duplicate"] == 1 and out["rejected_total"] == 1
    assert out["rejected"][0]["where"] == f"result.json@byte {len(cut)}"
    assert "after message 11 of chat 'Дилшод'" in out["rejected"][0]["reason"]


def test_a_job_reports_its_state_rows_and_summary(desk: Desk) -> None:
    h = _bearer(desk)
    started = _start(desk, h, {"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert started["user"] == "caseworker" and started["file"] == "calls.csv"
    assert started["total"] == 2  # two rows under the header: the progress bar's end
    done = _finish(desk, h, started["job"])
    assert done["state"] == "done" and done["error"] is None
    assert done["rows_read"] == 2  # a report and a rejected row
    assert done["processed"] == 1 and done["queued_behind"] == 0
    assert done["summary"]["new"] == 1 and done["summary"]["rejected_total"] == 1
    assert done["started_at"] and done["finished_at"]


def test_only_its_user_or_an_admin_sees_a_job(desk: Desk) -> None:
    other = accounts.add_user(desk.store, "caseworker2", "caseworker", PASSWORD, actor="test")
    other_token = accounts.create_token(desk.store, other, "test", actor="test")
    job = _start(desk, _bearer(desk), {"file": ("calls.csv", CSV.encode(), "text/csv")})["job"]
    _finish(desk, _bearer(desk), job)
    r = desk.client.get(f"/api/import/{job}",
                        headers={"Authorization": f"Bearer {other_token}"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert "calls.csv" not in r.text
    assert desk.client.get(f"/api/import/{job}", headers=_bearer(desk, "admin")).json()[
        "summary"]["new"] == 1
    desk.client.cookies.clear()
    desk.login("caseworker2")  # the page refuses it too
    page = desk.client.get(f"/import?job={job}", headers=HTML)
    assert page.status_code == 404 and "calls.csv" not in page.text
    assert desk.client.get("/api/import/0123456789abcdef",
                           headers=_bearer(desk)).status_code == 404


def test_the_job_list_holds_ones_own_jobs_and_an_admin_sees_all(desk: Desk) -> None:
    other = accounts.add_user(desk.store, "caseworker3", "caseworker", PASSWORD, actor="test")
    token = accounts.create_token(desk.store, other, "test", actor="test")
    theirs = {"Authorization": f"Bearer {token}"}
    mine = _start(desk, _bearer(desk), {"file": ("calls.csv", CSV.encode(), "text/csv")})
    _finish(desk, _bearer(desk), mine["job"])
    later = _start(desk, _bearer(desk), {"file": ("odd.csv", ODD_2.encode(), "text/csv")},
                   mapping_json=json.dumps({"text": ["zapis"], "date": "den"}))
    _finish(desk, _bearer(desk), later["job"])
    their = _start(desk, theirs, {"file": ("other.csv", ODD.encode(), "text/csv")},
                   mapping_json=json.dumps({"text": ["zapis"]}))["job"]
    _finish(desk, theirs, their)

    r = desk.client.get("/api/import", headers=_bearer(desk))
    assert r.status_code == 200, r.text
    listed = r.json()["jobs"]
    assert {j["user"] for j in listed} == {"caseworker"}
    ids = [j["job"] for j in listed]
    assert ids.index(later["job"]) < ids.index(mine["job"])  # newest first
    assert their not in ids
    first = listed[ids.index(mine["job"])]
    assert (first["state"], first["file"], first["rows_read"], first["processed"]) == (
        "done", "calls.csv", 2, 1)
    assert first["counts"] == {"read": 1, "new": 1, "duplicate": 0, "rejected_total": 1,
                               "skipped": 0, "extraction_errors": 0,
                               "incidents": first["counts"]["incidents"]}
    assert first["created_at"] and first["started_at"] and first["finished_at"]
    assert "summary" not in first  # the rows of a summary are read job by job

    theirs_listed = desk.client.get("/api/import", headers=theirs).json()["jobs"]
    assert [j["job"] for j in theirs_listed] == [their]
    assert "calls.csv" not in json.dumps(theirs_listed)
    everyone = [j["job"] for j in desk.client.get(
        "/api/import", headers=_bearer(desk, "admin")).json()["jobs"]]
    assert {mine["job"], later["job"], their} <= set(everyone)
    assert everyone.index(their) < everyone.index(later["job"])
    # the page lists them too, each linking to its job page; and only the user's own
    desk.login("caseworker")
    page = desk.client.get("/import", headers=HTML).text
    assert f'href="/import?job={mine["job"]}">calls.csv<' in page and their not in page
    assert 'data-running="0"' in page and "Your imports" in page


def test_the_page_lists_saved_mappings_and_deletes_one_after_asking(desk: Desk) -> None:
    """Without script: the delete button asks on the page, the confirmation deletes;
    audited as the API's delete is."""
    h = _bearer(desk)
    for name in ("calls", "hotline sheet"):
        desk.client.post("/api/import/mappings", headers=h,
                         json={"name": name, "mapping": {"text": ["message"]}})
    csrf = desk.login("caseworker")
    page = desk.client.get("/import", headers=HTML).text
    assert '<tr data-name="hotline sheet"><td>hotline sheet</td><td>message</td>' in page
    r = desk.client.post("/import/mappings/delete", headers=HTML,
                         data={"csrf_token": csrf, "name": "hotline sheet"})
    assert r.status_code == 200 and 'id="confirm-delete"' in r.text
    assert "Delete the saved column mapping “hotline sheet”?" in r.text
    assert len(mappings_saved(desk)) == 2  # asked, not deleted
    r = desk.client.post("/import/mappings/delete", headers=HTML, follow_redirects=False,
                         data={"csrf_token": csrf, "name": "hotline sheet", "confirmed": "yes"})
    assert r.status_code == 303 and r.headers["location"] == "/import#saved-mappings"
    assert mappings_saved(desk) == ["calls"]
    assert [(a, e) for a, e, _ in _audit(desk, "import.mapping.delete")] == [
        ("caseworker", "hotline sheet")]
    r = desk.client.post("/import/mappings/delete", headers=HTML,
                         data={"csrf_token": csrf, "name": "hotline sheet"})
    assert r.status_code == 404
    r = desk.client.post("/import/mappings/delete", headers=HTML,
                         data={"name": "calls", "confirmed": "yes"})
    assert r.status_code == 403 and mappings_saved(desk) == ["calls"]  # no CSRF token
    page = desk.client.get("/import", params={"lang": "ru"}, headers=HTML).text
    assert "Сохранённые соответствия столбцов" in page and "Удалить" in page
    assert "Ваши импорты" in page


def mappings_saved(desk: Desk) -> list[str]:
    got = desk.client.get("/api/import/mappings", headers=_bearer(desk)).json()["mappings"]
    return [m["name"] for m in got]


def test_imports_of_one_store_run_one_at_a_time(desk: Desk,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika.web import imports

    release, entered = threading.Event(), threading.Event()
    real = imports.run_staged

    def held(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(WAIT)
        return real(*args, **kwargs)

    monkeypatch.setattr(import_jobs, "run_staged", held)
    h = _bearer(desk)
    first = _start(desk, h, {"file": ("a.txt", b"Police detained a man in Omsk.", "text/plain")})
    assert entered.wait(WAIT)
    second = _start(desk, h, {"file": ("b.txt", b"Police detained a man in Tver.", "text/plain")})
    time.sleep(0.3)
    states = [desk.client.get(f"/api/import/{j['job']}", headers=h).json()
              for j in (first, second)]
    assert [j["state"] for j in states] == ["running", "queued"]
    assert states[1]["queued_behind"] == 1
    release.set()
    assert [_finish(desk, h, j["job"])["summary"]["new"] for j in (first, second)] == [1, 1]


def test_a_failed_job_says_why_and_keeps_what_it_stored(
        desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    from khronika import flow
    from khronika.intake import tabular

    real = tabular.row_item

    def breaks_on_row_5(path: Any, where: str, *args: Any) -> Any:
        if where.endswith(":5"):
            raise OSError("the disk went away")
        return real(path, where, *args)

    monkeypatch.setattr(flow, "STORE_BATCH", 2)
    monkeypatch.setattr(tabular, "row_item", breaks_on_row_5)
    rows = "".join(f"Police detained {n} men at a market in Omsk on {n} April 2024.,"
                   f"2024-04-0{n}\n" for n in range(1, 7))
    before = desk.store.count("reports")
    h = _bearer(desk)
    job = _finish(desk, h, _start(desk, h, {"file": ("rows.csv", ("message,when\n" + rows)
                                                     .encode(), "text/csv")})["job"])
    assert job["state"] == "failed"
    assert job["error"] == "OSError: the disk went away"
    assert job["summary"]["read"] == 2 and job["summary"]["new"] == 2  # one batch stored
    assert desk.store.count("reports") == before + 2
    end = _audit(desk, "import.end")[-1][2]
    assert end["state"] == "failed" and end["error"] == job["error"] and end["new"] == 2
    desk.login("caseworker")
    page = desk.client.get(f"/import?job={job['job']}", headers=HTML).text
    assert "the disk went away" in page and "every report stored before the failure" in page
    assert _cell(page, "n-new") == 2 and 'id="job-error"' in page
    monkeypatch.setattr(tabular, "row_item", real)  # the same file again carries on
    again = _import(desk, h, {"file": ("rows.csv", ("message,when\n" + rows).encode(),
                                       "text/csv")})
    assert (again["new"], again["duplicate"]) == (4, 2)


def test_a_preview_shows_the_guess_and_a_saved_mapping_is_reused(desk: Desk) -> None:
    h = _bearer(desk)
    r = desk.client.post("/api/import/preview", headers=h,
                         files={"file": ("odd.csv", ODD.encode(), "text/csv")})
    assert r.status_code == 200, r.text
    seen = r.json()
    assert seen["tabular"] and seen["format"] == "csv" and seen["guessed"] is None
    assert seen["header"] == ["zapis", "den", "kto"] and seen["sample"][0][2] == "Olga"
    # the previewed upload is imported without sending it again, with the mapping the
    # user chose, saved under a name
    chosen = {"text": ["zapis"], "date": "den"}
    first = _import(desk, h, None, upload=seen["upload"], mapping_json=json.dumps(chosen),
                    save_mapping="hotline sheet")
    assert (first["read"], first["new"], first["rejected_total"]) == (1, 1, 0)
    listed = desk.client.get("/api/import/mappings", headers=h).json()["mappings"]
    assert [(m["name"], m["mapping"]["text"], m["mapping"]["date"], m["saved_by"])
            for m in listed] == [("hotline sheet", ["zapis"], "den", "caseworker")]
    assert listed[0]["mapping"]["header"] == ["zapis", "den", "kto"]
    # a later file of the same kind: the preview says the saved mapping fits; reuse it
    r = desk.client.post("/api/import/preview", headers=h,
                         files={"file": ("odd2.csv", ODD_2.encode(), "text/csv")})
    assert [(m["name"], m["fits"]) for m in r.json()["saved"]] == [("hotline sheet", True)]
    job = _start(desk, h, None, upload=r.json()["upload"], mapping_name="hotline sheet")
    done = _finish(desk, h, job["job"])
    assert done["mapping"] == "saved:hotline sheet"
    assert (done["summary"]["new"], done["summary"]["rejected_total"]) == (2, 0)
    # without it nothing in that header is a text column
    again = _import(desk, h, {"file": ("odd3.csv", ODD_2.encode(), "text/csv")})
    assert again["new"] == 0 and "no text column" in again["rejected"][0]["reason"]
    saves = _audit(desk, "import.mapping.save")
    assert [(a, e) for a, e, _ in saves] == [("caseworker", "hotline sheet")]
    assert [d["mapping"] for _, _, d in _audit(desk, "import.start")][-3:] == [
        "saved:hotline sheet", "saved:hotline sheet", None]


def test_mappings_are_checked_named_and_deleted(desk: Desk) -> None:
    h = _bearer(desk)
    r = desk.client.post("/api/import/mappings", headers=h,
                         json={"name": "calls", "mapping": {"text": "message", "date": "when"}})
    assert r.status_code == 201 and r.json()["mapping"]["text"] == ["message"]
    for bad in ({"name": "../x", "mapping": {"text": ["a"]}},
                {"name": "ok", "mapping": {"date": "when"}},
                {"name": "ok", "mapping": {"text": [1]}}):
        r = desk.client.post("/api/import/mappings", headers=h, json=bad)
        assert r.status_code == 422, bad
    # a mapping naming a column the file lacks is refused before anything is imported
    r = desk.client.post("/api/import", headers=h, data={"mapping_name": "calls"},
                         files={"file": ("odd.csv", ODD.encode(), "text/csv")})
    assert r.status_code == 422
    assert "lacks: message, when; the header has zapis, den, kto" in r.json()["error"]["message"]
    r = desk.client.post("/api/import", headers=h, data={"mapping_name": "nope"},
                         files={"file": ("odd.csv", ODD.encode(), "text/csv")})
    assert r.status_code == 422 and "no saved column mapping named 'nope'" in r.text
    r = desk.client.post("/api/import", headers=h,
                         data={"mapping_name": "calls", "mapping_json": MAPPING},
                         files={"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert r.status_code == 422 and "give one column mapping" in r.text
    r = desk.client.post("/api/import", headers=h, data={"save_mapping": "txt"},
                         files={"file": ("a.txt", b"Police detained a man.", "text/plain")})
    assert r.status_code == 422 and "only a CSV or XLSX file" in r.text
    assert desk.client.delete("/api/import/mappings/calls", headers=h).status_code == 200
    assert desk.client.delete("/api/import/mappings/calls", headers=h).status_code == 404
    assert desk.client.get("/api/import/mappings", headers=h).json() == {"mappings": []}
    assert [e for _, e, _ in _audit(desk, "import.mapping.delete")] == ["calls"]
    assert desk.store.count("reports") == 4


def test_a_refused_mapping_keeps_the_previewed_file(desk: Desk) -> None:
    h = _bearer(desk)
    upload = desk.client.post("/api/import/preview", headers=h, files={
        "file": ("odd.csv", ODD.encode(), "text/csv")}).json()["upload"]
    r = desk.client.post("/api/import", headers=h, data={
        "upload": upload, "mapping_json": json.dumps({"text": ["message"]})})
    assert r.status_code == 422 and "lacks: message" in r.json()["error"]["message"]
    out = _import(desk, h, None, upload=upload, mapping_json=json.dumps({"text": ["zapis"]}))
    assert out["new"] == 1 and out["file"] == "odd.csv"
    r = desk.client.post("/api/import", headers=h, data={"upload": upload})
    assert r.status_code == 404  # imported once: the staged copy is gone


def test_a_preview_is_its_users_only(desk: Desk) -> None:
    r = desk.client.post("/api/import/preview", headers=_bearer(desk),
                         files={"file": ("a.txt", b"Police detained a man.", "text/plain")})
    assert r.json()["tabular"] is False and r.json()["format"] == "text"
    r = desk.client.post("/api/import", headers=_bearer(desk, "admin"),
                         data={"upload": r.json()["upload"]})
    assert r.status_code == 404 and "choose the file again" in r.json()["error"]["message"]


def test_unknown_format_and_broken_mapping_say_what_is_valid(desk: Desk) -> None:
    h = _bearer(desk)
    r = desk.client.post("/api/import", headers=h, data={"format": "docx"},
                         files={"file": ("a.txt", b"x", "text/plain")})
    assert r.status_code == 422 and "valid: auto, whatsapp" in r.json()["error"]["message"]
    r = desk.client.post("/api/import", headers=h,
                         files={"file": ("calls.csv", CSV.encode(), "text/csv"),
                                "mapping": ("m.json", b'{"date": "when"}', "application/json")})
    assert r.status_code == 422
    assert "column mapping cannot be used" in r.json()["error"]["message"]
    r = desk.client.post("/api/import", headers=h, data={"format": "csv"})
    assert r.status_code == 422 and "choose a file" in r.text
    assert desk.store.count("reports") == 4  # nothing imported from any request


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_a_role_that_may_not_import_gets_403(desk: Desk, role: str) -> None:
    reports = desk.store.count("reports")
    job = _start(desk, _bearer(desk), {"file": ("a.txt", b"x y z", "text/plain")})["job"]
    _finish(desk, _bearer(desk), job)
    csrf = desk.login(role)
    assert desk.client.get("/import", headers=HTML).status_code == 403
    r = desk.client.post("/import", data={"csrf_token": csrf}, headers=HTML,
                         files={"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert r.status_code == 403 and "may not do this (intake)" in r.text
    assert "/import" not in desk.client.get("/queue").text  # not offered in the menu
    h = _bearer(desk, role)
    calls = [("POST", "/api/import", {"files": {"file": ("c.csv", CSV.encode(), "text/csv")}}),
             ("POST", "/api/import/preview",
              {"files": {"file": ("c.csv", CSV.encode(), "text/csv")}}),
             ("GET", f"/api/import/{job}", {}), ("GET", "/api/import", {}),
             ("GET", "/api/import/mappings", {}),
             ("POST", "/api/import/mappings", {"json": {"name": "x", "mapping": {"text": "a"}}}),
             ("DELETE", "/api/import/mappings/x", {})]
    for method, url, extra in calls:
        r = desk.client.request(method, url, headers=h, **extra)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden", url
    assert desk.store.count("reports") == reports + 1


def test_posts_without_the_csrf_token_are_refused(desk: Desk) -> None:
    desk.login("caseworker")
    r = desk.client.post("/import", data={"csrf_token": "forged"}, headers=HTML,
                         files={"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert r.status_code == 403 and "CSRF" in r.text
    for url in ("/api/import", "/api/import/preview"):
        r = desk.client.post(url, files={"file": ("calls.csv", CSV.encode(), "text/csv")})
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf", url
    r = desk.client.post("/api/import/mappings",
                         json={"name": "x", "mapping": {"text": ["message"]}})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    assert desk.store.count("reports") == 4


def test_a_file_over_the_limit_is_refused_clearly(desk: Desk) -> None:
    app = create_app(desk.store, max_import=1024 * 1024)
    h = _bearer(desk)
    big = b"Police detained a man in Omsk.\n" * 40_000  # 1.2 MB: over the file limit
    with TestClient(app) as client:
        for url in ("/api/import", "/api/import/preview"):
            r = client.post(url, headers=h, files={"file": ("big.txt", big, "text/plain")})
            assert r.status_code == 413, url
            message = r.json()["error"]["message"]
            assert "larger than the limit of 1 MB" in message and "khronika ingest" in message
        huge = big * 2  # 2.4 MB: over the request limit, refused before it is read
        r = client.post("/api/import", headers=h, files={"file": ("big.txt", huge, "text/plain")})
        assert r.status_code == 413 and "limit of 1 MB" in r.json()["error"]["message"]
        r = client.post("/import", headers={**h, **HTML},
                        files={"file": ("big.txt", huge, "text/plain")})
        assert r.status_code == 413 and "<!doctype html>" in r.text.lower()
    assert desk.store.count("reports") == 4


def test_the_import_page_in_russian(desk: Desk) -> None:
    desk.login("caseworker")
    page = desk.client.get("/import", params={"lang": "ru"}).text
    assert "Импорт файла" in page and "весь аккаунт" in page and "определить по файлу" in page
    assert "Сохранить соответствие как" in page and "угадать по заголовку" in page
    job = _start(desk, _bearer(desk), {"file": ("calls.csv", CSV.encode(), "text/csv")})["job"]
    _finish(desk, _bearer(desk), job)
    page = desk.client.get(f"/import?job={job}&lang=ru").text
    assert "готово" in page and "строк прочитано" in page and "прочитано" in page
    assert _cell(page, "n-new") == 1
