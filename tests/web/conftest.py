"""Fixtures for the web desk: an app over a store on each backend, users of every role,
and a few incidents made through the real flow (report -> extraction -> link)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from khronika.security import accounts
from khronika.security.roles import Role
from khronika.store.store import NewReport, Store
from khronika.web import create_app

PASSWORD = "a long test password"

# Test data written for these tests (not from any real corpus).
TEXTS = [
    "Сегодня утром полиция задержала 14 человек на строительном рынке в Казани. "
    "Двое несовершеннолетних до сих пор в отделе.",
    "On 3 April police raided a workers' hostel in Kaluga and detained 30 migrants.",
    "Police detained 25 migrants at a hostel in Kaluga on 3 April, a lawyer said.",
    "В Новосибирске неизвестные подожгли павильон на рынке 5 апреля.",
]


@dataclass
class Desk:
    store: Store
    client: TestClient
    tokens: dict[str, str]

    def login(self, role: str) -> str:
        """Log in as the user of ``role`` with the form; returns the session's CSRF token."""
        c = self.client
        c.cookies.clear()
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        r = c.post("/login", data={"name": role, "password": PASSWORD,
                                   "csrf_token": token.group(1), "next": "/queue"},
                   follow_redirects=False)
        assert r.status_code == 303, r.text
        body = c.get("/queue").text
        csrf = re.search(r'data-csrf="([^"]+)"', body)
        assert csrf
        return csrf.group(1)


def seed(store: Store) -> list[int]:
    """Reports through the real flow; returns the incident ids."""
    from khronika.flow import process_report

    ids: list[int] = []
    for i, text in enumerate(TEXTS):
        rid, _ = store.add_report(NewReport(text=text, origin=f"test:{i}"))
        ids += process_report(store, rid)
    return sorted(set(ids))


@pytest.fixture
def desk(store: Store) -> Iterator[Desk]:
    tokens = {}
    for role in Role:
        user = accounts.add_user(store, role.value, role.value, PASSWORD, actor="test")
        tokens[role.value] = accounts.create_token(store, user, "test", actor="test")
    seed(store)
    with TestClient(create_app(store), base_url="http://testserver") as client:
        yield Desk(store, client, tokens)
