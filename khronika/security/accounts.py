"""Accounts, sessions, API tokens and login throttling.

Passwords are hashed with argon2id (argon2-cffi's defaults). Session ids and API tokens
are random secrets handed to the client once; the store keeps only their sha256, so a
copy of the store does not let anyone in. Every account change is written to the change
log through :meth:`Store.log_change`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from khronika.security.roles import Role, parse_role
from khronika.store.schema import api_tokens, sessions, users
from khronika.store.store import Store, utcnow

SESSION_HOURS = 12
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so that a login for an unknown
# name takes as long as one for a known name (no user enumeration by timing).
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    """A refused account operation, with a message for the user."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: Role
    active: bool


def _sha(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _user(row: object) -> User:
    m = row._mapping  # type: ignore[attr-defined]
    return User(int(m["id"]), str(m["name"]), Role(m["role"]), bool(m["active"]))


def add_user(store: Store, name: str, role: str, password: str, actor: str) -> User:
    """Create an account; the name must be new and the password long enough."""
    role_ = parse_role(role)
    if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").isalnum():
        raise AccountError("a user name is 1–64 letters, digits, '-' or '_'")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    with store.engine.begin() as conn:
        if conn.execute(select(users.c.id).where(users.c.name == name)).first():
            raise AccountError(f"user {name!r} already exists")
        pk = conn.execute(insert(users).values(
            name=name, role=role_.value, password_hash=_hasher.hash(password), active=1,
            created_at=utcnow())).inserted_primary_key
        assert pk is not None
        store.log_change(conn, actor, "user.add", "user", int(pk[0]),
                         {"name": name, "role": role_.value})
    return User(int(pk[0]), name, role_, True)


def list_users(store: Store) -> list[User]:
    with store.connect() as conn:
        return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def get_user(store: Store, user_id: int) -> User | None:
    with store.connect() as conn:
        row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def set_active(store: Store, name: str, active: bool, actor: str) -> None:
    with store.engine.begin() as conn:
        n = conn.execute(update(users).where(users.c.name == name)
                         .values(active=1 if active else 0)).rowcount
        if not n:
            raise AccountError(f"no user {name!r}")
        store.log_change(conn, actor, "user.enable" if active else "user.disable", "user",
                         name, {})
        if not active:
            ids = select(users.c.id).where(users.c.name == name).scalar_subquery()
            conn.execute(delete(sessions).where(sessions.c.user_id == ids))


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The active user with this name and password, else None (same cost either way)."""
    with store.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    stored = row._mapping["password_hash"] if row else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row._mapping["active"]:
        return None
    return _user(row)


# -- sessions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str


def start_session(store: Store, user: User) -> tuple[str, str]:
    """A new session for ``user``: (session secret for the cookie, CSRF token)."""
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    with store.engine.begin() as conn:
        conn.execute(insert(sessions).values(
            id_hash=_sha(secret), user_id=user.id, csrf=csrf, created_at=now,
            expires_at=now + dt.timedelta(hours=SESSION_HOURS)))
        store.log_change(conn, user.name, "session.start", "user", user.id, {})
    return secret, csrf


def session_for(store: Store, secret: str) -> Session | None:
    """The live session behind a cookie value, or None when unknown, expired or disabled."""
    with store.connect() as conn:
        row = conn.execute(
            select(sessions.c.csrf, sessions.c.expires_at, users)
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.id_hash == _sha(secret))
        ).first()
    if row is None:
        return None
    expires = row._mapping["expires_at"]
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    if expires < utcnow() or not row._mapping["active"]:
        return None
    return Session(_user(row), str(row._mapping["csrf"]))


def end_session(store: Store, secret: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(sessions).where(sessions.c.id_hash == _sha(secret)))


def end_all_sessions(store: Store, actor: str) -> int:
    """``khronika lock``: every session ends at once; returns how many there were."""
    with store.engine.begin() as conn:
        n = conn.execute(delete(sessions)).rowcount
        store.log_change(conn, actor, "sessions.lock", "store", None, {"ended": n})
    return int(n or 0)


# -- API tokens -------------------------------------------------------------------------


def create_token(store: Store, user: User, label: str, actor: str) -> str:
    """A new API token for ``user``, shown once; only its hash is kept."""
    token = "kh_" + secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        conn.execute(insert(api_tokens).values(
            token_hash=_sha(token), user_id=user.id, label=label, created_at=utcnow()))
        store.log_change(conn, actor, "token.create", "user", user.id, {"label": label})
    return token


def user_for_token(store: Store, token: str) -> User | None:
    with store.connect() as conn:
        row = conn.execute(
            select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
            .where((api_tokens.c.token_hash == _sha(token)) & api_tokens.c.revoked_at.is_(None))
        ).first()
    if row is None or not row._mapping["active"]:
        return None
    return _user(row)


# -- throttling -------------------------------------------------------------------------


class LoginThrottle:
    """At most ``limit`` failed logins per key (name or address) in ``window`` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self._fails.get(key, []) if now - t < self.window]
        self._fails[key] = kept
        return kept

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)
