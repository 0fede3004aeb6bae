"""Accounts: hashed passwords, sessions, tokens, throttling, lock, on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from khronika.security import accounts
from khronika.security.roles import Perm, Role, allowed, parse_role
from khronika.store.schema import api_tokens, sessions, users
from khronika.store.store import Store


def test_passwords_are_hashed_and_checked(store: Store) -> None:
    user = accounts.add_user(store, "dilnoza", "caseworker", "a long password 1", actor="admin")
    with store.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert "a long password 1" not in stored and stored.startswith("$argon2id$")
    assert accounts.authenticate(store, "dilnoza", "a long password 1") == user
    assert accounts.authenticate(store, "dilnoza", "a long password 2") is None
    assert accounts.authenticate(store, "nobody", "a long password 1") is None


def test_account_errors(store: Store) -> None:
    accounts.add_user(store, "ivan", "viewer", "a long password 1", actor="admin")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.add_user(store, "ivan", "viewer", "a long password 1", actor="admin")
    with pytest.raises(accounts.AccountError, match="at least 10 characters"):
        accounts.add_user(store, "olga", "viewer", "short", actor="admin")
    with pytest.raises(ValueError, match="valid roles: admin, caseworker, analyst, viewer"):
        accounts.add_user(store, "olga", "boss", "a long password 1", actor="admin")


def test_sessions_and_lock(store: Store) -> None:
    user = accounts.add_user(store, "anna", "analyst", "a long password 1", actor="admin")
    secret, csrf = accounts.start_session(store, user)
    with store.connect() as conn:
        assert secret not in str(conn.execute(select(sessions)).all())
    session = accounts.session_for(store, secret)
    assert session is not None and session.user == user and session.csrf == csrf
    assert accounts.session_for(store, "forged") is None
    assert accounts.end_all_sessions(store, actor="admin") == 1
    assert accounts.session_for(store, secret) is None
    assert store.verify_changes() is None


def test_disabled_user_loses_sessions_and_tokens(store: Store) -> None:
    user = accounts.add_user(store, "timur", "caseworker", "a long password 1", actor="admin")
    secret, _ = accounts.start_session(store, user)
    token = accounts.create_token(store, user, "script", actor="admin")
    with store.connect() as conn:
        assert token not in str(conn.execute(select(api_tokens)).all())
    assert accounts.user_for_token(store, token) == user
    accounts.set_active(store, "timur", False, actor="admin")
    assert accounts.session_for(store, secret) is None
    assert accounts.user_for_token(store, token) is None
    assert accounts.authenticate(store, "timur", "a long password 1") is None


def test_throttle_blocks_after_the_limit() -> None:
    throttle = accounts.LoginThrottle(limit=3, window=60)
    for _ in range(3):
        assert not throttle.blocked("anna", "10.0.0.1")
        throttle.failed("anna", "10.0.0.1")
    assert throttle.blocked("anna") and throttle.blocked("10.0.0.1")
    throttle.succeeded("anna")
    assert not throttle.blocked("anna") and throttle.blocked("10.0.0.1")


def test_role_table() -> None:
    assert allowed(Role.ADMIN, Perm.MANAGE_USERS)
    assert not allowed(Role.CASEWORKER, Perm.MANAGE_USERS)
    assert allowed(Role.CASEWORKER, Perm.READ_CASES)
    assert not allowed(Role.ANALYST, Perm.READ_CASES)
    assert not allowed(Role.VIEWER, Perm.READ_REPORTS)
    assert not allowed(Role.VIEWER, Perm.EXPORT_PARTNER)
    assert parse_role("Viewer") is Role.VIEWER
