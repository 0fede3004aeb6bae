"""The desk in Debian chromium driven by Playwright (``pytest -m browser``).

A real uvicorn serves a seeded SQLCipher store on 127.0.0.1; the browser runs with no
network but loopback. Screenshots (1280×800) go to tests/web/screenshots/ (gitignored).
Skipped with the reason when chromium or Playwright is missing, failed under CI=true.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from khronika.security import accounts
from khronika.store.store import Store, init_store
from tests.conftest import PASSPHRASE
from tests.web.conftest import PASSWORD, seed

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).parent / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return "Debian chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


@contextmanager
def serve_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A real uvicorn serving a seeded SQLCipher store on a free loopback port: its URL and
    the store. Skips (fails under CI=true) when chromium or Playwright is missing."""
    problem = _missing()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests are mandatory when CI=true: {problem}")
        pytest.skip(problem)
    import uvicorn

    from khronika.web import create_app

    store = init_store(str(tmp_path_factory.mktemp("desk") / "desk.db"), passphrase=PASSPHRASE)
    accounts.add_user(store, "caseworker", "caseworker", PASSWORD, actor="test")
    seed(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@contextmanager
def desk_page(server: str, errors: list[str] | None = None) -> Iterator[Any]:
    """A page of chromium logged in as the caseworker, allowed to reach nothing but the
    desk (checked when it closes); script errors are appended to ``errors`` when given."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        outside: list[str] = []

        def only_loopback(route: Any) -> None:
            # no network: anything not served by the desk itself is refused and recorded
            if route.request.url.startswith(server):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_loopback)
        pg = context.new_page()
        if errors is not None:
            pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(f"{server}/login")
        pg.fill("input[name=name]", "caseworker")
        pg.fill("input[name=password]", PASSWORD)
        pg.keyboard.press("Enter")
        pg.wait_for_url("**/queue")
        yield pg
        assert outside == [], f"the desk asked for outside resources: {outside}"
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_desk(tmp_path_factory) as (url, _store):
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with desk_page(server) as pg:
        yield pg


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(SHOTS / f"{name}.png"))


def test_queue_is_ordered_by_urgency(page: Any, server: str) -> None:
    page.goto(f"{server}/queue")
    values = [int(v) for v in page.eval_on_selector_all(
        "#queue tbody tr", "rows => rows.map(r => r.dataset.urgency)")]
    assert values and values == sorted(values, reverse=True)
    page.keyboard.press("j")  # keyboard navigation selects the first row
    assert page.locator("#queue tbody tr.selected").count() == 1
    shot(page, "queue")


def test_log_a_call_see_suggestions_correct_and_save(page: Any, server: str) -> None:
    page.goto(f"{server}/intake")
    page.fill("#text", "Сегодня в Казани полиция задержала 9 рабочих на стройке, "
              "они до сих пор в отделе.")
    page.locator("#text").press("End")
    page.wait_for_selector("form[data-suggested=true]", timeout=30000)
    assert page.locator("#evidence mark").count() >= 2
    assert page.input_value("#f-count_detained") != ""
    assert page.inner_text("#urgency")  # urgency and its reasons before saving
    shot(page, "intake")
    page.fill("#f-count_detained", "12")  # the caseworker corrects a field
    page.click("#save")
    page.wait_for_url("**/incidents/*")
    assert "12" in page.locator("table.fields").inner_text()
    shot(page, "incident-saved")


def test_verify_an_incident(page: Any, server: str) -> None:
    page.goto(f"{server}/incidents/1")
    page.click("#act-verify")
    page.wait_for_load_state()
    assert page.get_attribute("#status", "class").endswith("s-verified")
    shot(page, "incident-verified")


def test_merge_and_split(page: Any, server: str) -> None:
    page.goto(f"{server}/incidents/2")
    page.fill("#merge-other", "3")
    page.locator("#merge-other").press("Enter")
    page.wait_for_load_state()
    split = page.locator("button[id^=split-]")
    assert split.count() == 1
    shot(page, "merged")
    split.click()
    page.wait_for_url("**/incidents/3")
    assert "#3" in page.locator("h1").inner_text()


def test_split_a_report_out(page: Any, server: str) -> None:
    page.goto(f"{server}/incidents/2")
    boxes = page.locator("#detach-form input[name=report_id]")
    assert boxes.count() >= 2
    moved = boxes.last.get_attribute("value")
    boxes.last.check()
    page.click("#detach-submit")
    page.wait_for_url(lambda url: "/incidents/2" not in url)
    assert page.locator(f"#report-{moved}").count() == 1
    assert "incident.detach" in page.content() or page.locator(".source").count() == 1
    shot(page, "split-out")


def test_search(page: Any, server: str) -> None:
    page.goto(f"{server}/search")
    page.fill("#q", "задержали")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?*")
    assert int(page.inner_text("#total")) >= 1
    shot(page, "search")


def test_dashboard_and_map_render_offline(page: Any, server: str) -> None:
    page.goto(f"{server}/dashboard")
    assert page.locator("#chart-weekly rect").count() >= 1
    page.click("#fig-weekly summary")
    assert page.locator("#fig-weekly table").is_visible()
    shot(page, "dashboard")
    page.goto(f"{server}/map")
    if page.locator("#map").count() == 0:
        pytest.fail("map assets missing: run make install (npm ci in khronika/web/assets)")
    page.wait_for_selector("#map[data-world-loaded=true]", timeout=15000)
    page.wait_for_selector("#map[data-points-loaded]", timeout=15000)
    assert page.locator("#map .leaflet-land-pane path").count() > 10
    listed = int(page.get_attribute("#map", "data-points-loaded") or 0)
    markers = page.locator("#map .leaflet-places-pane path.leaflet-interactive")
    assert listed >= 1 and markers.count() == listed
    # every marker is on top: the element at its centre is the marker itself
    on_top = page.evaluate("""() => Array.from(document.querySelectorAll(
        '#map .leaflet-places-pane path.leaflet-interactive')).map(m => {
          const b = m.getBoundingClientRect();
          return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === m; })""")
    assert on_top and all(on_top), on_top
    # no country drawn across the whole world (a ring jumping the antimeridian)
    widest = page.evaluate("""() => Math.max(...window.khronikaMap.land.getLayers().map(
        l => l.getBounds().getEast() - l.getBounds().getWest()))""")
    assert widest < 200, widest
    shot(page, "map")


def test_stored_xss_is_inert(page: Any, server: str) -> None:
    fired: list[str] = []

    def dialog(d: Any) -> None:
        fired.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(f"{server}/cases")
    page.fill("input[name=title]", '<img src=x onerror="alert(1)"><script>alert(2)</script>')
    page.fill("textarea[name=details]", '"><svg onload=alert(3)>')
    page.locator("form[method=post][action='/cases'] button[type=submit]").click()
    page.wait_for_url("**/cases/*")
    page.reload()  # the stored case, rendered afresh from the store
    page.goto(f"{server}/queue")  # and in the queue
    assert fired == []
    assert "<script>alert(2)</script>" in page.locator("#queue").inner_text()  # as text
    shot(page, "xss-inert")


def test_import_a_file_and_see_the_summary(page: Any, server: str, tmp_path: Path) -> None:
    sheet = tmp_path / "hotline.csv"
    sheet.write_text("message,when\nPolice detained seven workers at a bus depot in Omsk on "
                     "12 April 2024.,2024-04-12\n,2024-04-13\n", encoding="utf-8")
    mapping = tmp_path / "hotline-mapping.json"
    mapping.write_text('{"text": ["message"], "date": "when"}', encoding="utf-8")
    page.goto(f"{server}/import")
    page.set_input_files("#import-file", str(sheet))
    page.set_input_files("#import-mapping", str(mapping))
    page.select_option("#import-format", "csv")
    page.click("#import-submit")
    page.wait_for_selector("#import-result", timeout=60000)
    assert (page.inner_text("#n-read"), page.inner_text("#n-new"),
            page.inner_text("#n-rejected")) == ("1", "1", "1")
    assert "hotline.csv:3" in page.inner_text("#import-rejected")
    assert page.input_value("#import-format") == "csv"  # the form keeps the choice
    shot(page, "import-summary")
    page.click("#import-incidents a")
    page.wait_for_url("**/incidents/*")
    source = page.locator(".source").first.inner_text()
    assert "bus depot in" in source and "Omsk" in source and "upload:hotline.csv" in source
    shot(page, "import-incident")
