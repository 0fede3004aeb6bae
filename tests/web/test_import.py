"""Importing a file from the desk (``/import`` and ``/api/import``): the summary with its
places, a saved column mapping, the format named or detected, roles, CSRF, the size limit,
the audit entry and both languages. Files are written here for these tests."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from khronika.store.schema import changes
from khronika.web import create_app
from tests.intake import samples as s
from tests.web.conftest import Desk

CSV = ("message,when,operator\n"
       "Police detained four men at a bus station in Omsk on 9 April 2024.,2024-04-09,Anna\n"
       ",2024-04-10,Anna\n")
MAPPING = json.dumps({"text": ["message"], "date": "when"})
HTML = {"Accept": "text/html"}


def _post_page(desk: Desk, csrf: str, files: dict[str, tuple[str, bytes, str]],
               **form: str) -> str:
    r = desk.client.post("/import", data={"csrf_token": csrf, **form}, files=files,
                         headers=HTML)
    assert r.status_code == 200, r.text
    return r.text


def _cell(page: str, ident: str) -> int:
    found = re.search(rf'id="{ident}">(\d+)<', page)
    assert found, ident
    return int(found.group(1))


def test_page_imports_a_csv_with_a_saved_mapping(desk: Desk) -> None:
    csrf = desk.login("caseworker")
    form = desk.client.get("/import").text
    assert 'name="mapping"' in form and '<option value="telegram"' in form
    page = _post_page(desk, csrf, {
        "file": ("calls.csv", CSV.encode(), "text/csv"),
        "mapping": ("calls.mapping.json", MAPPING.encode(), "application/json")})
    assert (_cell(page, "n-read"), _cell(page, "n-new"), _cell(page, "n-rejected")) == (1, 1, 1)
    # the rejected row by its place in the uploaded file, not in the server's temp folder
    assert "<code>calls.csv:3</code>" in page and "empty text column" in page
    assert "khronika-import-" not in page and "/tmp" not in page
    incident = re.search(r'href="/incidents/(\d+)"', page)
    assert incident, "the import made no incident"
    shown = desk.client.get(f"/incidents/{incident.group(1)}").text
    assert "men at a bus station in" in shown and "Actors: by <b>Police</b>" in shown
    assert "upload:calls.csv" in shown and "khronika-import-" not in shown
    again = _post_page(desk, csrf, {"file": ("calls.csv", CSV.encode(), "text/csv"),
                                    "mapping": ("m.json", MAPPING.encode(), "application/json")})
    assert (_cell(again, "n-new"), _cell(again, "n-duplicate")) == (0, 1)
    with desk.store.connect() as conn:
        entries = conn.execute(select(changes.c.actor, changes.c.data)
                               .where(changes.c.action == "import.upload")).all()
    assert len(entries) == 2 and {actor for actor, _ in entries} == {"caseworker"}
    first = entries[0][1]
    assert first["file"] == "calls.csv" and first["new"] == 1 and first["mapping"] is True
    assert first["rejected"] == [{"where": "calls.csv:3", "reason": "empty text column "
                                  "'message'"}]


def test_api_reads_a_whole_telegram_account_with_the_format_named(desk: Desk) -> None:
    h = {"Authorization": f"Bearer {desk.tokens['caseworker']}"}
    body = s.telegram_account_export().encode()
    r = desk.client.post("/api/import", headers=h, data={"format": "telegram"},
                         files={"file": ("result.json", body, "application/json")})
    assert r.status_code == 201, r.text
    out = r.json()
    assert (out["read"], out["new"], out["skipped"], out["format"]) == (3, 3, 2, "telegram")
    cut = body[: body.index(b"Kazan Today")]
    r = desk.client.post("/api/import", headers=h,
                         files={"file": ("result.json", cut, "application/json")})
    out = r.json()
    assert out["duplicate"] == 1 and out["rejected_total"] == 1
    assert out["rejected"][0]["where"] == f"result.json@byte {len(cut)}"
    assert "after message 11 of chat 'Дилшод'" in out["rejected"][0]["reason"]


def test_unknown_format_and_broken_mapping_say_what_is_valid(desk: Desk) -> None:
    h = {"Authorization": f"Bearer {desk.tokens['caseworker']}"}
    r = desk.client.post("/api/import", headers=h, data={"format": "docx"},
                         files={"file": ("a.txt", b"x", "text/plain")})
    assert r.status_code == 422 and "valid: auto, whatsapp" in r.json()["error"]["message"]
    r = desk.client.post("/api/import", headers=h,
                         files={"file": ("calls.csv", CSV.encode(), "text/csv"),
                                "mapping": ("m.json", b'{"date": "when"}', "application/json")})
    assert r.status_code == 422
    assert "column mapping cannot be used" in r.json()["error"]["message"]
    assert desk.store.count("reports") == 4  # nothing imported from either request


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_a_role_that_may_not_import_gets_403(desk: Desk, role: str) -> None:
    reports = desk.store.count("reports")
    csrf = desk.login(role)
    assert desk.client.get("/import", headers=HTML).status_code == 403
    r = desk.client.post("/import", data={"csrf_token": csrf}, headers=HTML,
                         files={"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert r.status_code == 403 and "may not do this (intake)" in r.text
    assert "/import" not in desk.client.get("/queue").text  # not offered in the menu
    r = desk.client.post("/api/import", headers={"Authorization": f"Bearer {desk.tokens[role]}"},
                         files={"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert desk.store.count("reports") == reports


def test_a_form_without_the_csrf_token_is_refused(desk: Desk) -> None:
    desk.login("caseworker")
    r = desk.client.post("/import", data={"csrf_token": "forged"}, headers=HTML,
                         files={"file": ("calls.csv", CSV.encode(), "text/csv")})
    assert r.status_code == 403 and "CSRF" in r.text
    assert desk.store.count("reports") == 4


def test_a_file_over_the_limit_is_refused_clearly(desk: Desk) -> None:
    app = create_app(desk.store, max_import=1024 * 1024)
    h = {"Authorization": f"Bearer {desk.tokens['caseworker']}"}
    big = b"Police detained a man in Omsk.\n" * 40_000  # 1.2 MB: over the file limit
    with TestClient(app) as client:
        r = client.post("/api/import", headers=h, files={"file": ("big.txt", big, "text/plain")})
        assert r.status_code == 413
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
