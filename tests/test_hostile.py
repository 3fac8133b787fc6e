"""What a hostile visitor can do, tried in a real browser against `streamlit run app.py`.

The sign-in wait must survive the "clear caches" message any browser can send over Streamlit's WebSocket, and
the page shown when there is no data must not show a visitor what the data files hold.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tests.conftest import DATA, append
from tests.serve import REPO_DIR, browser, chromium_path, clear_caches, streamlit_server, wait_until_rendered

if chromium_path() is None:
    if os.environ.get("MANDE_REQUIRE_BROWSER"):  # set by .ci/run: there, a missing browser is a failure
        raise RuntimeError("MANDE_REQUIRE_BROWSER is set but Chromium is not installed")
    pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped", allow_module_level=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def chromium():
    with browser() as launched:
        yield launched


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


def _serve(tmp_path, data):
    from mande import auth

    env = {"MANDE_DATA": str(data), "MANDE_DB": str(tmp_path / "app.duckdb"),
           auth.ENV_HASH: auth.hash_password(PASSWORD)}
    return streamlit_server(REPO_DIR / "app.py", env=env)


def _data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(".mande"))
    return data


def _runs_finished(page) -> list[int]:
    """A list that grows by one each time the server tells the page that a script run has finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    finished: list[int] = []

    def frame(payload) -> None:
        message = ForwardMsg()
        if isinstance(payload, bytes) and message.ParseFromString(payload) is not None:
            if message.WhichOneof("type") == "script_finished":
                finished.append(1)

    page.on("websocket", lambda socket: socket.on("framereceived", frame))
    return finished


def _after_the_run(page, finished: list[int], done_before: int, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while len(finished) == done_before:
        if time.monotonic() > deadline:
            raise TimeoutError("the script run did not finish")
        page.wait_for_timeout(50)


def test_clearing_the_caches_does_not_reset_the_wait_after_failed_sign_ins(tmp_path, page):
    with _serve(tmp_path, _data(tmp_path)) as url:
        finished = _runs_finished(page)
        page.goto(f"{url}/secretariat")
        wait_until_rendered(page, 'input[type="password"]')
        page.get_by_label("Your name (recorded with your updates)").fill("A guesser")
        said = []  # (when the guess was sent, what the page said) for each guess
        for guess in range(10):
            clear_caches(url)  # any visitor can send this between two guesses
            page.get_by_role("textbox", name="Password").fill(f"guess number {guess}")
            done_before = len(finished)
            clicked = time.monotonic()
            page.get_by_role("button", name="Sign in").click()
            _after_the_run(page, finished, done_before)
            wait_until_rendered(page, '[data-testid="stAlertContentError"]')
            said.append((clicked, page.locator('[data-testid="stAlertContentError"]').first.inner_text()))
    checked = [when for when, text in said if text == "That password is not right."]
    waited = [text for _, text in said if text != "That password is not right."]
    assert waited and all(t.startswith("Too many failed attempts: wait ") for t in waited), said
    assert not any("wait 0 second" in t for t in waited)
    # Each guess checked came at least 1 s, 2 s, 4 s ... after the one before, whatever the caches went through.
    gaps = [later - earlier for earlier, later in zip(checked, checked[1:], strict=False)]
    # (Less 0.3 s: a click reaches the server's check a little sooner or later each time.)
    assert all(gap >= 2 ** i - 0.3 for i, gap in enumerate(gaps)), (gaps, said)


def test_with_no_data_the_public_sees_no_record_and_the_secretariat_sees_why(tmp_path, page):
    """No database yet and bad files that quote confidential records: the public page says only that the data
    cannot be shown; the details are for the signed-in Secretariat."""
    data = _data(tmp_path)
    append(data / "advice.csv", "marker-request-1,2019-13-05,BTN,MARKER-topic,yes,no,MARKER-advice")
    append(data / "events.csv", "2019-06-closed,MARKER-closed-session,side_event,2019-06-02,day,,Geneva,CHE,Global,"
                                "in_person,12,3,,maybe,https://example.org/MARKER,MARKER-note")
    with _serve(tmp_path, data) as url:
        for path in ("/", "/events", "/secretariat"):
            page.goto(url + path)
            wait_until_rendered(page, '[data-testid="stAlertContentError"]')
            html = page.content()
            assert "The data cannot be shown at the moment" in html, path
            assert "MARKER" not in html and "marker-request" not in html and "2019-06-closed" not in html, path
            assert str(tmp_path) not in html and "advice.csv" not in html, path  # nor the server's folders
        page.get_by_text("For the Secretariat: sign in to see what is wrong").click()
        page.get_by_label("Your name (recorded with your updates)").fill("Browser Test")
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Secretariat view").first.wait_for()
        details = page.locator('[data-testid="stCode"]').inner_text()
        assert "advice.csv" in details and "MARKER-topic" in details and "events.csv" in details
