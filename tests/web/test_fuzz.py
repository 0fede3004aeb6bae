"""Hostile input against the desk's API: schemathesis from the OpenAPI document, and
hypothesis on the intake suggestion call.

``test_openapi_operations_never_answer_5xx`` (marked ``slow``) generates requests for every
operation of ``/api/openapi.json`` and sends them in-process (ASGI) as an admin with an
API token; any answer of 500 or more fails it, and so does an error body that is not the
one error shape. It prints how many cases ran per operation.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khronika.security import accounts
from khronika.store.store import Store, init_store
from khronika.web import create_app
from tests.conftest import PASSPHRASE
from tests.web.conftest import PASSWORD, seed

#: Examples per operation (KHRONIKA_FUZZ_EXAMPLES raises it for a longer run).
EXAMPLES = int(os.environ.get("KHRONIKA_FUZZ_EXAMPLES", "60"))


@pytest.fixture(scope="module")
def fuzz_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str, Store]]:
    """A seeded SQLCipher store served in-process, with an admin's API token."""
    store = init_store(str(tmp_path_factory.mktemp("fuzz") / "desk.db"), passphrase=PASSPHRASE)
    for role in ("admin", "caseworker"):
        user = accounts.add_user(store, role, role, PASSWORD, actor="test")
        if role == "admin":
            token = accounts.create_token(store, user, "fuzz", actor="test")
    seed(store)
    app = create_app(store)
    yield app, token, store
    store.close()


def _one_error_shape(response: Any) -> None:
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body


@pytest.mark.slow
def test_openapi_operations_never_answer_5xx(fuzz_desk: tuple[Any, str, Store]) -> None:
    import schemathesis

    app, token, _store = fuzz_desk
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    ran: dict[str, int] = {}
    statuses: dict[int, int] = {}
    failures: list[str] = []
    def runner(operation: Any, label: str) -> Any:
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            ran[label] += 1
            try:
                response = case.call(headers=headers)
            except Exception as exc:  # the in-process client re-raises a server error
                raise AssertionError(f"server error {type(exc).__name__}: {exc}") from exc
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{label}: {response.status_code} for "
                                f"{case.as_curl_command()[:300]}")
            assert response.status_code < 500, response.text[:300]
            _one_error_shape(response)

        return run

    for result in schema.get_all_operations():
        # an operation the document describes wrongly raises here, failing with its reason
        operation = cast(Any, result).ok()
        label = f"{operation.method.upper()} {operation.path}"
        ran[label] = 0
        try:
            runner(operation, label)()
        except Exception as exc:  # the minimal failing case, recorded for the report
            failures.append(f"{label}: {str(exc)[:300]}")
    total = sum(ran.values())
    report = "\n".join(f"  {n:4d}  {label}" for label, n in sorted(ran.items()))
    print(f"\nschemathesis: {total} cases over {len(ran)} operations; statuses "
          f"{dict(sorted(statuses.items()))}\n{report}")
    Path(os.environ.get("KHRONIKA_FUZZ_REPORT", os.devnull)).write_text(
        f"{total} cases, {len(ran)} operations, statuses {statuses}\n{report}\n"
        + "\n".join(failures), encoding="utf-8")
    assert len(ran) >= 20 and total >= 20 * min(EXAMPLES, 10)
    assert not failures, "\n".join(failures[:10])


# -- the intake suggestion call ------------------------------------------------------------


@pytest.fixture(scope="module")
def suggest_client(fuzz_desk: tuple[Any, str, Store]) -> Iterator[tuple[TestClient, str]]:
    app, token, _store = fuzz_desk
    with TestClient(app) as client:
        yield client, token


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.text(max_size=400), lang=st.one_of(st.none(), st.text(max_size=8),
                                                   st.sampled_from(["en", "ru", "tg"])))
def test_suggestions_take_any_unicode(suggest_client: tuple[TestClient, str], text: str,
                                      lang: str | None) -> None:
    """Any text (surrogates excepted: JSON cannot carry them) gets suggestions or a clear
    refusal, and the evidence segments always rebuild the text the suggestion read."""
    client, token = suggest_client
    r = client.post("/api/intake/suggest", headers={"Authorization": f"Bearer {token}"},
                    json={"text": text, "lang": lang})
    assert r.status_code in (200, 422), (r.status_code, r.text[:300])
    if r.status_code == 422:
        assert r.json()["error"]["code"] == "invalid"
        return
    body = r.json()
    assert "".join(s["text"] for s in body["evidence"]) == text[:5000]
    assert isinstance(body["urgency"]["score"], int)


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(codec="utf-8"), min_size=4990, max_size=6000))
def test_long_suggestions_are_cut_not_refused(suggest_client: tuple[TestClient, str],
                                              text: str) -> None:
    client, token = suggest_client
    r = client.post("/api/intake/suggest", headers={"Authorization": f"Bearer {token}"},
                    json={"text": text})
    assert r.status_code == 200, r.text[:300]
    assert "".join(s["text"] for s in r.json()["evidence"]) == text[:5000]


# -- what schemathesis found, pinned -------------------------------------------------------


def test_numbers_beyond_a_column_are_refused_not_crashed(
        suggest_client: tuple[TestClient, str]) -> None:
    """page=184467440737095516 was a 500 (OverflowError in the SQLite driver)."""
    client, token = suggest_client
    h = {"Authorization": f"Bearer {token}"}
    for url in ("/api/queue?page=184467440737095516", "/api/incidents/9223372036854775808",
                "/api/search?page=-1", "/api/stats/weekly?weeks=0"):
        r = client.get(url, headers=h)
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid", url
    r = client.post("/api/incidents/1/review", headers=h,
                    json={"action": "verify", "version": 2**64})
    assert r.status_code == 422


def test_an_empty_or_unknown_type_is_refused_with_the_valid_ones(
        suggest_client: tuple[TestClient, str]) -> None:
    """A correction with type "" was a 500 (NOT NULL constraint on incidents.type)."""
    client, token = suggest_client
    h = {"Authorization": f"Bearer {token}"}
    version = client.get("/api/incidents/1", headers=h).json()["incident"]["version"]
    for bad in ("", "pogrom"):
        r = client.post("/api/incidents/1/correct", headers=h,
                        json={"version": version, "type": bad})
        assert r.status_code == 422 and "valid: " in r.json()["error"]["message"], bad
