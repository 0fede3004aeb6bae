"""Roles and what each may do.

Every action a surface (CLI, web page, API route, export) offers is guarded by one
permission; a role is a set of permissions. The table is small on purpose so that it can
be read and reviewed in one go.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CASEWORKER = "caseworker"
    ANALYST = "analyst"
    VIEWER = "viewer"


class Perm(StrEnum):
    READ_INCIDENTS = "read_incidents"  # incidents, counts, map, dashboard (redacted view)
    READ_REPORTS = "read_reports"  # full report texts (personal data)
    READ_CASES = "read_cases"  # cases with contact details (personal data)
    INTAKE = "intake"  # log a call or message, import reports
    EDIT_INCIDENTS = "edit_incidents"  # correct fields, link, merge, split
    REVIEW = "review"  # corroborate, verify, reject
    EDIT_CASES = "edit_cases"  # create and update cases, notes, assignment
    EXPORT_PUBLIC = "export_public"  # exports under the public profile
    EXPORT_PARTNER = "export_partner"  # exports under the partner profile
    EXPORT_INTERNAL = "export_internal"  # exports with nothing redacted
    SEARCH = "search"
    MANAGE_USERS = "manage_users"
    READ_AUDIT = "read_audit"
    DELETE_PERSONAL = "delete_personal"  # retention and secure deletion
    LOCK = "lock"  # end every session at once


_VIEWER = {Perm.READ_INCIDENTS, Perm.SEARCH, Perm.EXPORT_PUBLIC}
_ANALYST = _VIEWER | {Perm.READ_REPORTS, Perm.EXPORT_PARTNER, Perm.EDIT_INCIDENTS}
_CASEWORKER = _VIEWER | {
    Perm.READ_REPORTS, Perm.READ_CASES, Perm.INTAKE, Perm.EDIT_INCIDENTS, Perm.REVIEW,
    Perm.EDIT_CASES, Perm.EXPORT_PARTNER,
}

PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.VIEWER: frozenset(_VIEWER),
    Role.ANALYST: frozenset(_ANALYST),
    Role.CASEWORKER: frozenset(_CASEWORKER),
    Role.ADMIN: frozenset(Perm),
}

#: The redaction profile a role sees by default (see khronika.export / security.redact).
DEFAULT_PROFILE: dict[Role, str] = {
    Role.VIEWER: "public",
    Role.ANALYST: "partner",
    Role.CASEWORKER: "internal",
    Role.ADMIN: "internal",
}


def parse_role(value: str) -> Role:
    try:
        return Role(value.lower())
    except ValueError:
        valid = ", ".join(r.value for r in Role)
        raise ValueError(f"unknown role {value!r}; valid roles: {valid}") from None


def allowed(role: Role | str, perm: Perm) -> bool:
    return perm in PERMISSIONS[Role(role)]
