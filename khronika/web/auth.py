"""Who is asking, and may they: sessions, API tokens, CSRF and the one rule per route.

Every route declares exactly one rule through :func:`requires`: a permission from
:class:`khronika.security.roles.Perm`, or :data:`SIGNED_IN` (any account), or
:data:`PUBLIC` (the login page, the language switch, the OpenAPI document). The rule is
kept on the dependency so that the route × role test can read it from ``app.routes``.

A browser authenticates with a session cookie (HttpOnly, SameSite=Strict, Secure over
https) and must send the session's CSRF token with every state-changing request (form
field ``csrf_token`` or header ``X-CSRF-Token``). A script authenticates with
``Authorization: Bearer <token>``; a token is never sent by a browser on its own, so it
needs no CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request

from khronika.security import accounts
from khronika.security.accounts import User
from khronika.security.roles import Perm, allowed

SESSION_COOKIE = "khronika_session"
LOGIN_CSRF_COOKIE = "khronika_login_csrf"
LANG_COOKIE = "khronika_lang"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

PUBLIC = "public"
SIGNED_IN = "signed_in"
Rule = Perm | str

#: Attribute on a rule dependency naming its rule (read by the route × role test).
RULE_ATTR = "__khronika_rule__"


class WebError(Exception):
    """A refusal with an HTTP status, a stable code and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class LoginRequired(WebError):
    """No valid session or token: a page redirects to the login form, the API says 401."""

    def __init__(self) -> None:
        super().__init__(401, "unauthenticated", "log in or send a valid API token")


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user of a request and how they proved it."""

    user: User
    via: str  # session | token
    csrf: str | None  # the session's CSRF token (None for API tokens)

    @property
    def name(self) -> str:
        return self.user.name

    def can(self, perm: Perm) -> bool:
        return allowed(self.user.role, perm)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def principal_of(request: Request) -> Principal | None:
    """The request's user from its bearer token or session cookie (cached per request)."""
    if hasattr(request.state, "principal"):
        return request.state.principal  # type: ignore[no-any-return]
    store = request.app.state.store
    found: Principal | None = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = accounts.user_for_token(store, header[7:].strip())
        if user is not None:
            found = Principal(user, "token", None)
    else:
        secret = request.cookies.get(SESSION_COOKIE)
        if secret:
            session = accounts.session_for(store, secret)
            if session is not None:
                found = Principal(session.user, "session", session.csrf)
    request.state.principal = found
    return found


async def check_csrf(request: Request, expected: str) -> None:
    """Refuse a state-changing request whose CSRF token does not match ``expected``."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()  # Starlette caches it: the route reads it again
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not secrets.compare_digest(sent, expected):
        raise WebError(403, "csrf", "missing or wrong CSRF token; reload the page and retry")


def requires(rule: Rule) -> Any:
    """A dependency that admits a request only under ``rule`` and returns its Principal."""

    async def guard(request: Request) -> Principal | None:
        if rule == PUBLIC:
            return principal_of(request)
        who = principal_of(request)
        if who is None:
            raise LoginRequired()
        # the role first: a refused upload is then never read (the CSRF check of a form
        # parses the whole body)
        if rule != SIGNED_IN and not who.can(Perm(rule)):
            raise WebError(403, "forbidden",
                           f"your role ({who.user.role.value}) may not do this ({rule})")
        if who.via == "session" and request.method not in SAFE_METHODS:
            assert who.csrf is not None
            await check_csrf(request, who.csrf)
        return who

    setattr(guard, RULE_ATTR, rule)
    return Depends(guard)


def rule_of(dependency_call: Any) -> Rule | None:
    """The rule a dependency enforces, if it is one of ours."""
    return getattr(dependency_call, RULE_ATTR, None)
