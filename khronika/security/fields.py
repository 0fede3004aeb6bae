"""Application-level encryption of personal fields, for stores that are not SQLCipher files.

Key hierarchy: the passphrase gives a key-encryption key through argon2id (salt kept in
the ``settings`` table); that key wraps a random 256-bit data key with AES-GCM. Fields are
encrypted with the data key (AES-GCM, a fresh 96-bit nonce each time), so changing the
passphrase re-wraps one key instead of re-encrypting every row.

On a SQLCipher store the whole file is already encrypted, and :class:`PlainFields` passes
values through unchanged.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, insert, select, update

from khronika.security.keys import PassphraseError, check_strength, derive_key
from khronika.store.schema import settings

PREFIX = "enc:v1:"
SETTING = "field_key"


class FieldCipher(Protocol):
    def encrypt(self, value: str | None) -> str | None: ...

    def decrypt(self, value: str | None) -> str | None: ...


class PlainFields:
    """No field encryption (the file itself is encrypted)."""

    def encrypt(self, value: str | None) -> str | None:
        return value

    def decrypt(self, value: str | None) -> str | None:
        return value


class AesGcmFields:
    """AES-GCM with the store's data key; values become ``enc:v1:<base64>``."""

    def __init__(self, data_key: bytes) -> None:
        self._aead = AESGCM(data_key)

    def encrypt(self, value: str | None) -> str | None:
        if value is None:
            return None
        nonce = secrets.token_bytes(12)
        sealed = self._aead.encrypt(nonce, value.encode("utf-8"), None)
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, value: str | None) -> str | None:
        if value is None or not value.startswith(PREFIX):
            return value
        raw = base64.b64decode(value[len(PREFIX):])
        try:
            return self._aead.decrypt(raw[:12], raw[12:], None).decode("utf-8")
        except InvalidTag:
            raise PassphraseError("a field could not be decrypted: wrong key or tampered value")\
                from None


def _wrap(passphrase: str, data_key: bytes) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = derive_key(passphrase, salt)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, b"khronika field key")
    b64 = base64.b64encode
    return {"kdf": "argon2id", "salt": b64(salt).decode(), "nonce": b64(nonce).decode(),
            "wrapped": b64(wrapped).decode()}


def _unwrap(passphrase: str, record: dict[str, Any]) -> bytes:
    b64d = base64.b64decode
    kek = derive_key(passphrase, b64d(record["salt"]))
    try:
        return AESGCM(kek).decrypt(b64d(record["nonce"]), b64d(record["wrapped"]),
                                   b"khronika field key")
    except InvalidTag:
        raise PassphraseError(
            "wrong passphrase: the store's field key cannot be unlocked (nothing was changed)"
        ) from None


def setup_field_key(conn: Connection, passphrase: str) -> AesGcmFields:
    """Create the store's data key, wrapped under the passphrase (a new store only)."""
    check_strength(passphrase)
    data_key = secrets.token_bytes(32)
    conn.execute(insert(settings).values(key=SETTING, value=_wrap(passphrase, data_key)))
    return AesGcmFields(data_key)


def load_field_key(conn: Connection, passphrase: str) -> AesGcmFields | None:
    """The store's field cipher, or None when the store has no field key yet."""
    row = conn.execute(select(settings.c.value).where(settings.c.key == SETTING)).first()
    if row is None:
        return None
    return AesGcmFields(_unwrap(passphrase, row[0]))


def rewrap_field_key(conn: Connection, old: str, new: str) -> None:
    """Change the passphrase of a store with field encryption: only the key is re-wrapped."""
    check_strength(new)
    row = conn.execute(select(settings.c.value).where(settings.c.key == SETTING)).first()
    if row is None:
        raise PassphraseError("this store has no field key to re-wrap")
    data_key = _unwrap(old, row[0])
    conn.execute(update(settings).where(settings.c.key == SETTING)
                 .values(value=_wrap(new, data_key)))
