"""The import page in Debian chromium (``pytest -m browser``): a CSV uploaded, its guessed
mapping shown, the job's progress followed to the summary; a mapping adjusted, saved and
reused for a later file. Skipped with the reason when chromium or Playwright is missing,
failed under CI=true (as tests/web/test_browser.py). Files are written here (invented)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khronika.store.store import Store
from tests.web.test_browser import SHOTS, desk_page, serve_desk

pytestmark = pytest.mark.browser
ROWS = 12


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    with serve_desk(tmp_path_factory) as desk:
        yield desk


@pytest.fixture(scope="module")
def page(served: tuple[str, Store]) -> Iterator[Any]:
    errors: list[str] = []
    with desk_page(served[0], errors) as pg:
        yield pg
    assert errors == [], f"script errors on the page: {errors}"


def _follow(page: Any) -> list[str]:
    """The job page's states, read as it polls, until the summary shows."""
    seen: list[str] = []
    deadline = time.monotonic() + 180
    while not page.locator("#import-result").count():
        assert time.monotonic() < deadline, f"no summary; states seen: {seen}"
        try:
            state = page.get_attribute("#import-job", "data-state", timeout=1000)
        except Exception:  # the page is reloading to show the summary
            state = None
        if state and (not seen or seen[-1] != state):
            # (the progress bar is checked by the callers: read here, it may fall between
            # the page's reload and the summary's)
            seen.append(state)
        time.sleep(0.05)
    return seen


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Import jobs of the served desk wait for this event before they run: a few rows
    import faster than a page loads, and a test that must see a job under way holds it."""
    from khronika.web import import_jobs

    event = threading.Event()
    real = import_jobs.run_staged

    def held(*args: Any) -> Any:
        event.wait(60)
        return real(*args)

    monkeypatch.setattr(import_jobs, "run_staged", held)
    return event


def test_upload_a_csv_follow_its_progress_and_see_the_summary(
        page: Any, served: tuple[str, Store], tmp_path: Path, gate: threading.Event) -> None:
    server = served[0]
    # the job is held until the page has shown it under way, so that the progress is
    # seen, not only the summary
    sheet = tmp_path / "calls.csv"
    rows = "".join(f"Police detained {n} workers at a market in Omsk on {n} April 2024.,"
                   f"2024-04-{n:02d},Anna\n" for n in range(1, ROWS + 1))
    sheet.write_text("message,date,operator\n" + rows + ",2024-04-30,Anna\n", encoding="utf-8")
    page.goto(f"{server}/import")
    page.set_input_files("#import-file", str(sheet))
    page.wait_for_selector("#import-mapper:not([hidden])")
    # the guessed mapping, shown with the file's first rows
    assert page.eval_on_selector("#map-text", "s => [...s.selectedOptions].map(o => o.value)"
                                 ) == ["message"]
    assert page.input_value("#map-date") == "date" and page.input_value("#map-title") == ""
    assert "Police detained 1 workers" in page.inner_text("#import-sample")
    shot_path = SHOTS / "import-mapping.png"
    page.screenshot(path=str(shot_path))
    page.click("#import-submit")
    page.wait_for_url("**/import?job=*")
    try:
        page.wait_for_selector("#import-job[data-state='running'], "
                               "#import-job[data-state='queued']", timeout=30_000)
        seen = [page.get_attribute("#import-job", "data-state")]
        assert page.locator("#job-progress").count() == 1
    finally:
        gate.set()
    seen += _follow(page)
    assert seen[0] in ("running", "queued"), seen
    assert page.get_attribute("#import-job", "data-state") == "done"
    assert page.inner_text("#job-state") == "done"
    assert page.get_attribute("#job-progress", "value") == "1"
    assert (page.inner_text("#n-read"), page.inner_text("#n-new"),
            page.inner_text("#n-rejected")) == (str(ROWS), str(ROWS), "1")
    assert f"calls.csv:{ROWS + 2}" in page.inner_text("#import-rejected")
    assert page.locator("#import-incidents a").count() >= 1
    page.screenshot(path=str(SHOTS / "import-job-done.png"))
    page.goto(page.url + "&lang=ru")  # the summary in Russian
    assert page.inner_text("#job-state") == "готово"
    assert "прочитано" in page.inner_text("#import-summary")
    page.goto(f"{server}/lang/en?next=/import")


def test_adjust_save_and_reuse_a_column_mapping(page: Any, served: tuple[str, Store],
                                                tmp_path: Path) -> None:
    server = served[0]
    first, later = tmp_path / "hotline-1.csv", tmp_path / "hotline-2.csv"
    first.write_text("zapis,den,kto\nPolice detained two couriers near the railway station "
                     "in Kazan on 14 April 2024.,2024-04-14,Olga\n", encoding="utf-8")
    later.write_text("zapis,den,kto\nPolice raided a hostel in Tver on 16 April 2024 and "
                     "detained nine migrants.,2024-04-16,Olga\nThree migrants were beaten in "
                     "Kaluga on 17 April 2024.,2024-04-17,Olga\n", encoding="utf-8")
    page.goto(f"{server}/import")
    page.set_input_files("#import-file", str(first))
    page.wait_for_selector("#import-mapper:not([hidden])")
    assert page.eval_on_selector("#map-text", "s => s.selectedOptions.length") == 0
    page.select_option("#map-text", ["zapis"])
    page.select_option("#map-date", "den")
    page.fill("#import-save-as", "hotline sheet")
    page.click("#import-submit")
    page.wait_for_url("**/import?job=*")
    _follow(page)
    assert (page.inner_text("#n-new"), page.inner_text("#n-rejected")) == ("1", "0")
    # a later file of the same kind: choose the saved mapping, which the editor shows
    page.goto(f"{server}/import")
    assert page.locator("#import-saved option[value='hotline sheet']").count() == 1
    page.set_input_files("#import-file", str(later))
    page.wait_for_selector("#import-mapper:not([hidden])")
    page.select_option("#import-saved", "hotline sheet")
    assert page.eval_on_selector("#map-text", "s => [...s.selectedOptions].map(o => o.value)"
                                 ) == ["zapis"]
    assert page.input_value("#map-date") == "den"
    page.screenshot(path=str(SHOTS / "import-saved-mapping.png"))
    page.click("#import-submit")
    page.wait_for_url("**/import?job=*")
    _follow(page)
    assert (page.inner_text("#n-read"), page.inner_text("#n-new"),
            page.inner_text("#n-rejected")) == ("2", "2", "0")
    store = served[1]
    from sqlalchemy import select

    from khronika.store.schema import changes

    with store.connect() as conn:
        used = [d["mapping"] for d in conn.execute(
            select(changes.c.data).where(changes.c.action == "import.start")
            .order_by(changes.c.id)).scalars()]
    assert used[-2:] == ["saved:hotline sheet", "saved:hotline sheet"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_jobs_list_and_deleting_a_saved_mapping(page: Any, served: tuple[str, Store],
                                                    tmp_path: Path, lang: str) -> None:
    """A finished job is listed under the form; a saved mapping is deleted from its row
    once the question is answered yes (no: it stays), in English and in Russian."""
    from khronika.intake.tabular import ColumnMapping
    from khronika.web import mappings

    server, store = served
    words = {"en": ("done", "Your imports", "Delete the saved column mapping “old {0}”?"),
             "ru": ("готово", "Ваши импорты",
                    "Удалить сохранённое соответствие столбцов «old {0}»?")}[lang]
    note = tmp_path / f"note-{lang}.txt"
    note.write_text(f"Police detained three migrants in Tula on 3 May 2024 ({lang}).",
                    encoding="utf-8")
    page.goto(f"{server}/lang/{lang}?next=/import")
    page.set_input_files("#import-file", str(note))
    page.click("#import-submit")
    page.wait_for_url("**/import?job=*")
    job = page.url.rsplit("=", 1)[1]
    _follow(page)
    mappings.save(store, f"old {lang}", ColumnMapping(text=["zapis"]), "caseworker")
    mappings.save(store, f"kept {lang}", ColumnMapping(text=["message"]), "caseworker")
    page.goto(f"{server}/import")
    row = page.locator(f"#jobs-table tr[data-job='{job}']")
    row.wait_for()
    assert page.inner_text("#h-jobs") == words[1]
    assert words[0] in row.inner_text() and note.name in row.inner_text()
    assert page.locator("#jobs-table tbody tr").first.get_attribute("data-job") == job
    asked: list[str] = []

    def answer(yes: bool) -> Any:
        def on(dialog: Any) -> None:
            asked.append(dialog.message)
            dialog.accept() if yes else dialog.dismiss()
        return on

    target = page.locator(f"#mappings-table tr[data-name='old {lang}'] button")
    page.once("dialog", answer(False))
    target.click()
    page.wait_for_timeout(300)
    assert target.count() == 1 and asked[-1].startswith(words[2].format(lang))
    page.screenshot(path=str(SHOTS / f"import-lists-{lang}.png"))
    page.once("dialog", answer(True))
    target.click()
    page.wait_for_selector(f"#mappings-table tr[data-name='old {lang}']", state="detached")
    assert len(asked) == 2
    assert page.locator(f"#import-saved option[value='old {lang}']").count() == 0
    assert page.locator(f"#mappings-table tr[data-name='kept {lang}']").count() == 1
    assert [m["name"] for m in mappings.list_saved(store)].count(f"old {lang}") == 0
    from sqlalchemy import select

    from khronika.store.schema import changes

    with store.connect() as conn:
        deleted = conn.execute(select(changes.c.actor, changes.c.entity_id).where(
            changes.c.action == "import.mapping.delete")).all()
    assert ("caseworker", f"old {lang}") in [tuple(d) for d in deleted]
    page.goto(f"{server}/lang/en?next=/import")


def test_the_jobs_list_follows_a_running_job(page: Any, served: tuple[str, Store],
                                             tmp_path: Path, gate: threading.Event) -> None:
    """While a job runs, the list under the form refreshes itself until it is done,
    without reloading the page."""
    server = served[0]
    # the job stays running until the page has shown it so
    note = tmp_path / "slow.txt"
    note.write_text("Police detained two migrants in Orel on 5 May 2024.", encoding="utf-8")
    page.goto(f"{server}/import")
    page.set_input_files("#import-file", str(note))
    page.click("#import-submit")
    page.wait_for_url("**/import?job=*")
    job = page.url.rsplit("=", 1)[1]
    row = f"#jobs-table tr[data-job='{job}']"
    try:
        page.goto(f"{server}/import")
        assert page.get_attribute(row, "data-state") in ("queued", "running")
        assert page.get_attribute("#import-jobs", "data-running") == "1"
        page.evaluate("window.notReloaded = true")
    finally:
        gate.set()
    page.wait_for_selector(f"{row}[data-state='done']", timeout=60_000)
    assert page.evaluate("window.notReloaded === true")
    assert "done" in page.inner_text(row)
    assert page.get_attribute("#import-jobs", "data-running") == "0"
