"""Cases: encrypted personal fields on PostgreSQL, audited reads, no lost update, deletion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from khronika import cases
from khronika.store.schema import case_notes, changes
from khronika.store.schema import cases as cases_table
from khronika.store.store import Store, open_store
from tests.conftest import PASSPHRASE

CONTACT = "Фарход Назаров, +992 93 555 12 34, патент 77 № 2400123456"


def test_personal_fields_never_stored_in_clear_on_a_server(store: Store) -> None:
    case_id = cases.create_case(store, "zarina", "Брат задержан в Люблино",
                                contact=CONTACT, details="Живёт: ул. Верхние Поля, д. 7")
    cases.add_note(store, case_id, "zarina", "Адвокат выехал в отдел, тел. +7 915 000-11-22")
    with store.connect() as conn:
        raw = str(conn.execute(select(cases_table)).all()) + str(
            conn.execute(select(case_notes)).all()) + str(conn.execute(select(changes)).all())
    if store.location.backend == "postgresql":
        assert store.encrypted
        for needle in ("Назаров", "+992 93 555 12 34", "Верхние Поля", "+7 915 000-11-22"):
            assert needle not in raw
    case = cases.get_case(store, case_id, actor="zarina")
    assert case.contact == CONTACT and case.notes[0]["text"].endswith("000-11-22")


def test_wrong_passphrase_cannot_read_server_fields(store: Store) -> None:
    if store.location.backend != "postgresql":
        pytest.skip("SQLite stores encrypt the whole file (tests/security)")
    from khronika.security.keys import PassphraseError

    cases.create_case(store, "zarina", "Case", contact=CONTACT)
    url = store.location.url.replace("postgresql+psycopg://", "postgresql://")
    with pytest.raises(PassphraseError, match="wrong passphrase"):
        open_store(url, passphrase="not the right passphrase")
    with open_store(url, passphrase=PASSPHRASE) as again:
        assert cases.get_case(again, 1, actor="t").contact == CONTACT


def test_reads_are_audited(store: Store) -> None:
    case_id = cases.create_case(store, "zarina", "Case", contact=CONTACT)
    cases.get_case(store, case_id, actor="olga")
    with store.connect() as conn:
        actions = [(r.actor, r.action) for r in conn.execute(select(changes))]
    assert ("olga", "case.read") in actions
    assert store.verify_changes() is None


def test_no_lost_update(store: Store) -> None:
    case_id = cases.create_case(store, "zarina", "Case")
    v2 = cases.update_case(store, case_id, "zarina", 1, status="in_progress")
    with pytest.raises(cases.StaleCase, match="changed by someone else"):
        cases.update_case(store, case_id, "timur", 1, assignee="timur")
    assert cases.update_case(store, case_id, "timur", v2, assignee="timur") == 3
    case = cases.get_case(store, case_id, actor="t")
    assert case.status == "in_progress" and case.assignee == "timur"
    with pytest.raises(cases.CaseError, match="valid: open, in_progress"):
        cases.update_case(store, case_id, "timur", 3, status="done")


def test_secure_deletion_keeps_anonymous_remainder(store: Store) -> None:
    case_id = cases.create_case(store, "zarina", "Брат задержан", contact=CONTACT)
    cases.add_note(store, case_id, "zarina", "Дозвонились до адвоката")
    cases.delete_personal(store, case_id, "admin")
    case = cases.get_case(store, case_id, actor="t")
    assert case.deleted and case.contact is None and case.notes == []
    assert case.title == cases.WIPED and case.status == "open"


def test_retention_wipes_only_old_closed_cases(store: Store) -> None:
    old = cases.create_case(store, "z", "Old", contact=CONTACT)
    cases.update_case(store, old, "z", 1, status="closed")
    live = cases.create_case(store, "z", "Live", contact=CONTACT)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    assert cases.apply_retention(store, "admin", closed_days=365, now=later) == [old]
    assert cases.get_case(store, live, actor="t").contact == CONTACT


def test_cli_case_delete_and_retention(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from khronika.cli import app
    from khronika.store.store import init_store

    db = str(tmp_path / "c.db")
    with init_store(db, passphrase=PASSPHRASE) as s:
        case_id = cases.create_case(s, "zarina", "Case", contact=CONTACT)
    runner = CliRunner(env={"KHRONIKA_PASSPHRASE": PASSPHRASE})
    done = runner.invoke(app, ["case", "delete", str(case_id), "--yes", "--db", db])
    assert done.exit_code == 0 and f"case {case_id}: personal data deleted" in done.output
    missing = runner.invoke(app, ["case", "delete", "99", "--yes", "--db", db])
    assert missing.exit_code == 1 and "no case 99" in missing.output
    kept = runner.invoke(app, ["case", "retention", "--closed-days", "30", "--db", db])
    assert kept.exit_code == 0 and "wiped from 0 cases" in kept.output


def test_case_inherits_incident_urgency_and_notes_need_a_live_case(store: Store) -> None:
    from sqlalchemy import insert

    from khronika.store.schema import incidents
    from khronika.store.store import utcnow

    now = utcnow()
    with store.engine.begin() as conn:
        inc = conn.execute(insert(incidents).values(
            type="abduction", counts={}, urgency=50, urgency_reasons=["whereabouts_unknown"],
            created_at=now, updated_at=now)).inserted_primary_key
    assert inc is not None
    case_id = cases.create_case(store, "z", "Incident follow-up", incident_ids=[int(inc[0])])
    case = cases.get_case(store, case_id, actor="t")
    assert case.urgency == 50 and case.urgency_reasons == ["whereabouts_unknown"]
    with pytest.raises(cases.CaseError, match="no case 999"):
        cases.add_note(store, 999, "z", "text")
    cases.delete_personal(store, case_id, "admin")
    with pytest.raises(cases.CaseError, match="personal data was deleted"):
        cases.add_note(store, case_id, "z", "text")


def test_report_text_encrypted_on_a_server_and_searchable_redacted(store: Store) -> None:
    from sqlalchemy import text as sql

    from khronika.store.schema import reports
    from khronika.store.store import NewReport

    body = ("Звонила Гульнора Рахимова, тел. +7 916 555-01-23: мужа задержали на рынке "
            "в Люблино, держат в отделе.")
    rid, _ = store.add_report(NewReport(text=body, origin="hotline", kind="call"))
    again = store.add_report(NewReport(text=body, origin="hotline", kind="call"))
    assert again == (rid, False)  # dedupe by content hash still works
    with store.connect() as conn:
        raw = conn.execute(select(reports.c.text, reports.c.search_text)).one()
    row = store.get_report(rid)
    assert row is not None and row["text"] == body
    if store.location.backend != "postgresql":
        assert raw.text == body and raw.search_text is None
        return
    assert "Рахимова" not in raw.text and "555-01-23" not in raw.text
    assert "Рахимова" not in raw.search_text and "555-01-23" not in raw.search_text
    with store.connect() as conn:
        found = conn.execute(sql(
            "SELECT id FROM reports WHERE to_tsvector('simple', coalesce(title, '') || ' ' "
            "|| coalesce(search_text, text)) @@ to_tsquery('simple', 'рынке')")).scalars().all()
        by_name = conn.execute(sql(
            "SELECT id FROM reports WHERE to_tsvector('simple', coalesce(title, '') || ' ' "
            "|| coalesce(search_text, text)) @@ to_tsquery('simple', 'Рахимова')")
        ).scalars().all()
    assert found == [rid] and by_name == []


def test_cli_rekey_on_a_server_rewraps_the_field_key(store: Store) -> None:
    if store.location.backend != "postgresql":
        pytest.skip("SQLite rekey is tested in tests/security/test_encrypted_store.py")
    from typer.testing import CliRunner

    from khronika.cli import app

    case_id = cases.create_case(store, "z", "Case", contact=CONTACT)
    url = store.location.url.replace("postgresql+psycopg://", "postgresql://")
    runner = CliRunner(env={"KHRONIKA_PASSPHRASE": PASSPHRASE,
                            "KHRONIKA_NEW_PASSPHRASE": "a new long server passphrase"})
    done = runner.invoke(app, ["rekey", "--db", url])
    assert done.exit_code == 0, done.output
    from khronika.security.keys import PassphraseError

    with pytest.raises(PassphraseError, match="wrong passphrase"):
        open_store(url, passphrase=PASSPHRASE)
    with open_store(url, passphrase="a new long server passphrase") as again:
        assert cases.get_case(again, case_id, actor="t").contact == CONTACT
