"""Keys: from a passphrase to the key that opens an encrypted store.

A SQLite store is a SQLCipher file. Its key is derived from the passphrase with argon2id;
the 16-byte salt is SQLCipher's own, which it keeps in clear at the start of the file, so
an encrypted store is a single file with nothing beside it. We choose the salt when the
file is created and hand SQLCipher the raw key and salt together (``x'<key><salt>'``), so
SQLCipher does no key derivation of its own on top of argon2id.

The passphrase comes from ``KHRONIKA_PASSPHRASE`` or, on a terminal, a prompt. It is never
accepted as a command-line argument (it would show in the process list and shell history).
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from functools import lru_cache

from argon2.low_level import Type, hash_secret_raw

ENV_PASSPHRASE = "KHRONIKA_PASSPHRASE"
SALT_BYTES = 16
KEY_BYTES = 32
# argon2id cost: 64 MiB and 3 passes take about 0.2 s on one core of the 2-core machine
# this was written on, paid once per opening of the store. Above OWASP's 2023 minimum
# (19 MiB, 2 passes) while still bearable on an old laptop.
TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 2
MIN_PASSPHRASE = 8


class PassphraseError(ValueError):
    """No usable passphrase, or the wrong one."""


@dataclass(frozen=True, slots=True)
class StoreKey:
    """A derived key with the salt it was derived with."""

    key: bytes
    salt: bytes

    def raw_key_literal(self) -> str:
        """SQLCipher's raw-key literal: the key then the salt, in hex."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"


@lru_cache(maxsize=32)
def derive_key(passphrase: str, salt: bytes) -> bytes:
    """argon2id(passphrase, salt) → 32 bytes. Cached: a process derives each key once."""
    if len(salt) != SALT_BYTES:
        raise ValueError(f"salt must be {SALT_BYTES} bytes")
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=TIME_COST, memory_cost=MEMORY_KIB,
        parallelism=PARALLELISM, hash_len=KEY_BYTES, type=Type.ID,
    )


def new_key(passphrase: str) -> StoreKey:
    """A key for a new store, with a fresh random salt."""
    check_strength(passphrase)
    salt = secrets.token_bytes(SALT_BYTES)
    return StoreKey(derive_key(passphrase, salt), salt)


def key_for_file(passphrase: str, header: bytes) -> StoreKey:
    """The key of an existing SQLCipher file, from the salt at the start of its header."""
    salt = header[:SALT_BYTES]
    return StoreKey(derive_key(passphrase, salt), salt)


def check_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(
            f"the passphrase must have at least {MIN_PASSPHRASE} characters; "
            "a few unrelated words are easy to remember and hard to guess"
        )


def passphrase_from_env_or_prompt(confirm: bool = False) -> str:
    """``$KHRONIKA_PASSPHRASE``, else a hidden prompt on a terminal; else a clear error."""
    value = os.environ.get(ENV_PASSPHRASE)
    if value:
        return value
    if not sys.stdin.isatty():
        raise PassphraseError(
            f"this store is encrypted: set {ENV_PASSPHRASE} or run on a terminal to be asked"
        )
    import getpass

    first = getpass.getpass("Store passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise PassphraseError("the two passphrases differ; nothing was changed")
    return first
