"""Helpers to serve a Streamlit script on a free local port and drive it with Debian's Chromium.

Used by tests/test_browser.py and bench/page_render.py. Imports playwright only when a browser is launched.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Streamlit 1.67 shows this widget (the "Running..." indicator) from about 0.5 s into a script run and
# removes it from the DOM after a short exit animation when the run ends.
STATUS_WIDGET = '[data-testid="stStatusWidget"]'
# The app's root; its data-test-script-state is "initial", "running", "notRunning" (or an error state).
APP = '[data-testid="stApp"]'


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError, ValueError):
        return False


@contextmanager
def streamlit_server(script: Path, env: dict | None = None, timeout: float = 60.0) -> Iterator[str]:
    """Serve `script` with `streamlit run` on a free port; yields the base URL (no trailing slash).

    `env` is added to the current environment of the server process. The server's output goes to a
    temporary log file, whose tail is in the error raised when the server does not come up in `timeout` s.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    process_env = {**os.environ, **(env or {})}
    with tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO_DIR, env=process_env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(f"{base_url}/_stcore/health"):
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode} before it was ready; "
                                   f"its log ({log_path}) ends:\n{_tail(log_path)}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer {base_url}/_stcore/health within {timeout:.0f} s; "
                                   f"its log ({log_path}) ends:\n{_tail(log_path)}")
            time.sleep(0.2)
        yield base_url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log_path.unlink(missing_ok=True)


def chromium_path() -> str | None:
    """Debian's Chromium, else a `chromium` on PATH, else None."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@contextmanager
def browser(headless: bool = True):
    """A launched playwright Chromium browser (the system's Chromium; playwright's download is not used)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=headless)
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def app_page(env: dict, width: int = 1280, height: int = 720) -> Iterator[tuple[str, object]]:
    """app.py served with `env` and one Chromium page of `width` x `height` to drive it: (base URL, page)."""
    with streamlit_server(REPO_DIR / "app.py", env=env) as url, browser() as chromium:
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            yield url, page
        finally:
            context.close()


def wait_until_rendered(page, selector: str, timeout: float = 60_000) -> None:
    """Wait until `selector` is visible and Streamlit has finished running the script.

    What Streamlit 1.67's DOM shows: `stApp` carries `data-test-script-state` ("initial" before the first
    run, "running", then "notRunning"); the status widget appears only ~0.5 s into a run, and stays in the
    DOM during its exit animation. The run can end before the frontend has drawn its last elements, so both
    conditions are needed, in either order: the selector visible, and the script state "notRunning" with no
    status widget left.
    """
    page.locator(selector).first.wait_for(state="visible", timeout=timeout)
    page.wait_for_function(_NOT_RUNNING_JS, arg=[APP, STATUS_WIDGET], timeout=timeout)


def sign_in(page, url: str, password: str, name: str = "Browser Test") -> None:
    """Sign in on the Secretariat page of the app at `url`, as a member types it, and wait for its tabs."""
    page.goto(f"{url}/secretariat")
    wait_until_rendered(page, 'input[type="password"]')
    page.get_by_label("Your name (recorded with your updates)").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("tab", name="Update a table").wait_for()


_NOT_RUNNING_JS = """([app, status]) => {
    const root = document.querySelector(app);
    if (!root || root.getAttribute("data-test-script-state") !== "notRunning") return false;
    const widget = document.querySelector(status);
    return !widget || widget.getClientRects().length === 0;
}"""


def clear_caches(base_url: str, timeout: float = 30.0) -> None:
    """What any visitor's browser can do: ask Streamlit over its WebSocket to clear every cache of the app.

    Speaks Streamlit's own protocol (its BackMsg protobuf): a `clear_cache` message, then a script run, and waits
    for that run to finish, by which time the server has handled the first message too (in order).
    """
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    stream = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    with connect(stream, subprotocols=["streamlit"], origin=base_url, open_timeout=timeout) as socket:
        socket.send(BackMsg(clear_cache=True).SerializeToString())
        socket.send(BackMsg(rerun_script=ClientState(query_string="")).SerializeToString())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(socket.recv(timeout=timeout))
            if message.WhichOneof("type") == "script_finished":
                return
    raise TimeoutError(f"no script run finished within {timeout:.0f} s after clearing the caches")


@contextmanager
def deployment(data: Path, env: dict, replicas: int = 2, timeout: float = 120.0) -> Iterator[dict]:
    """`deploy/serve` on free loopback ports over the data folder `data`; yields what it says: the public and
    Secretariat's sites (`public`, `secretariat`), the replicas' addresses (`replicas`) and its `process`.

    Stopped with SIGTERM (as systemd or Ctrl-C would) when the block ends, if it is still running.
    """
    import signal

    command = [sys.executable, str(REPO_DIR / "deploy" / "serve"), "--replicas", str(replicas),
               "--port", str(free_port()), "--secretariat-port", str(free_port()), "--data", str(data)]
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=REPO_DIR, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    said: list[str] = []
    parts: dict = {"process": process}
    deadline = time.monotonic() + timeout
    while "secretariat" not in parts and time.monotonic() < deadline and process.poll() is None:
        line = process.stdout.readline()
        said.append(line)
        if line.startswith("Public site"):
            parts["public"] = line.split(": ", 1)[1].split()[0]
            parts["replicas"] = line.split("<- ", 1)[1].split()
        elif line.startswith("Secretariat's site"):
            parts["secretariat"] = line.split(": ", 1)[1].split()[0]
    try:
        if "secretariat" not in parts:
            raise RuntimeError("deploy/serve did not start:\n" + "".join(said))
        # Keep reading what the parts print, so that a full pipe never blocks them; kept for the end.
        parts["output"] = said
        threading.Thread(target=lambda: said.extend(process.stdout), daemon=True).start()
        yield parts
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
