"""``khronika backup`` and ``khronika restore``: encrypted backups with a verified manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, fail
from khronika.security.keys import PassphraseError, passphrase_from_env_or_prompt
from khronika.store.engine import StoreError


def _passphrase() -> str:
    try:
        return passphrase_from_env_or_prompt()
    except PassphraseError as exc:
        raise fail(str(exc)) from None


@app.command("backup")
def backup_cmd(
    file: Annotated[Path, typer.Argument(
        help="The backup file to write (never overwritten), or with --verify to check.")],
    db: DbOption = None,
    verify: Annotated[bool, typer.Option(
        "--verify", help="Only check FILE against its manifest (decrypts it; needs the "
        "passphrase); exits 1 if anything is wrong.")] = False,
    logical: Annotated[bool, typer.Option(
        "--logical", help="SQLite: write an encrypted JSON Lines archive (as for "
        "PostgreSQL) instead of a SQLCipher copy; it restores to either backend.")] = False,
) -> None:
    """Back up the store, encrypted under its passphrase ($KHRONIKA_PASSPHRASE or a prompt).

    SQLite: a SQLCipher copy taken while the store is in use. PostgreSQL: an AES-GCM
    encrypted archive of every table. Both carry a manifest (rows and sha256 per table).
    """
    from khronika.store.backup import BackupError, backup, verify_backup
    from khronika.store.store import open_store

    passphrase = _passphrase()
    try:
        if verify:
            manifest = verify_backup(file, passphrase)
            typer.echo(f"backup intact: {file} ({manifest.backend}, {manifest.kind}, "
                       f"{len(manifest.tables)} tables, {manifest.rows()} rows, made "
                       f"{manifest.created_at})")
            return
        with open_store(db, passphrase) as store:
            manifest = backup(store, file, passphrase, logical=logical)
    except (BackupError, StoreError, PassphraseError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"backup written: {file} ({manifest.kind}, {len(manifest.tables)} tables, "
               f"{manifest.rows()} rows)")


@app.command("restore")
def restore_cmd(
    file: Annotated[Path, typer.Argument(help="A backup made by `khronika backup`.")],
    db: DbOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing SQLite store file (only once the restored "
        "copy is complete and verified).")] = False,
) -> None:
    """Verify a backup, then restore it: to a new SQLite file or an empty PostgreSQL database.

    The restored store opens with the passphrase the backup was made with.
    """
    from khronika.store.backup import BackupError, restore

    passphrase = _passphrase()
    try:
        manifest = restore(file, db or _default_db(), passphrase, force=force)
    except (BackupError, StoreError, PassphraseError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"restored {manifest.rows()} rows in {len(manifest.tables)} tables, "
               "verified against the manifest")


def _default_db() -> str:
    from khronika.store.engine import resolve_location

    loc = resolve_location(None)
    return str(loc.path) if loc.path is not None else loc.url
