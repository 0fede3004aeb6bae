"""Changing an encrypted store's passphrase without losing data.

SQLCipher copies the whole database into a new file under the new key
(``sqlcipher_export``); the new file replaces the old one only once it is complete and
has been read back, so an interruption leaves the old store intact.
"""

from __future__ import annotations

import os
from pathlib import Path

from khronika.security.keys import PassphraseError, key_for_file, new_key
from khronika.store.engine import file_header, is_plain_sqlite


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Re-encrypt the SQLCipher store at ``path`` under ``new``; raises on a wrong ``old``."""
    import sqlcipher3

    if is_plain_sqlite(path):
        raise PassphraseError(f"{path} is not encrypted; there is no passphrase to change")
    old_key = key_for_file(old, file_header(path))
    fresh = new_key(new)
    tmp = path.with_name(path.name + ".rekey")
    tmp.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"{old_key.raw_key_literal()}\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise PassphraseError("wrong passphrase; nothing was changed") from None
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"{fresh.raw_key_literal()}\"",
                     (str(tmp),))
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        conn.commit()
        conn.execute("DETACH DATABASE rekeyed")
    finally:
        conn.close()
    check = sqlcipher3.connect(str(tmp))
    try:
        check.execute(f"PRAGMA key = \"{fresh.raw_key_literal()}\"")
        check.execute("PRAGMA integrity_check").fetchone()
    finally:
        check.close()
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
