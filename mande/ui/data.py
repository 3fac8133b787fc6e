"""The data a page run shows: the database file and its version, read once per run, and queries cached per
version, audience and arguments."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from mande import db, i18n, roles
from mande.i18n import _
from mande.ingest import ValidationError
from mande.ui.access import secretariat_user, sign_in

_LOG = logging.getLogger("mande")
_THIS_RUN = "mande_data_of_this_run"  # Session State key: the Data that app.py opened at the top of the run
_PUBLIC_ONLY = contextvars.ContextVar("mande_public_only", default=False)  # inside public_view()


@dataclass(frozen=True)
class Data:
    path: str
    version: str  # changes whenever the file is replaced (a rebuild writes a new file and renames it into place)
    stale: ValidationError | db.BuildFailed | None  # why newer data files could not be taken in, if they could not


def open_data() -> Data:
    """The database this run shows, built from the data files where needed; called once at the top of every run
    (app.py), so that all of a run's queries, and a fragment's rerun, read the same version of the data. With no
    database to show, says so and stops the page."""
    path = db.db_path()
    try:
        stale = db.ensure_current(path, read_only=roles.public_only())
    except (ValidationError, db.BuildFailed) as error:
        _no_data(error)
    stat = path.stat()
    opened = Data(str(path), f"{stat.st_ino}:{stat.st_mtime_ns}", stale)
    st.session_state[_THIS_RUN] = opened
    return opened


def this_run() -> Data:
    """The data this run opened (a page run on its own, as under AppTest, opens it itself)."""
    return st.session_state.get(_THIS_RUN) or open_data()


def details(problem: ValidationError | db.BuildFailed) -> str:
    """Every problem, one a line, as the Secretariat reads them."""
    return "\n".join(str(p) for p in problem.problems) if isinstance(problem, ValidationError) else str(problem)


def _no_data(problem: ValidationError | db.BuildFailed) -> None:
    """The page when there is no data to show: for the public, only that; the details (which may quote a
    confidential record, and name the server's folders) go to the server's log and, signed in, to the
    Secretariat."""
    _LOG.error("The dashboard has no data to show: %s", details(problem))
    st.error(_("The data cannot be shown at the moment. The problem has been logged for the CTI Secretariat, "
               "which keeps the data; please try again later."))
    if secretariat_user():
        st.markdown(_("**Secretariat view**: fix these in the data files, then reload the page."))
        st.code(details(problem), language=None, wrap_lines=True)
    elif not roles.public_only():
        with st.expander(_("For the Secretariat: sign in to see what is wrong")):
            sign_in()
    st.stop()


@st.cache_resource(max_entries=2, show_spinner=False)
def _reader(path: str, version: str):
    return db.connect(Path(path))


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, path: str, version: str, audience: str, language: str, args: tuple, _fn) -> Any:
    cur = db.cursor(_reader(path, version), audience, language)
    try:
        return _fn(cur, *args)
    finally:
        cur.close()


def public_cursor():
    """A cursor on this run's data that sees only what the public may see, whoever is signed in (close it)."""
    data = this_run()
    return db.cursor(_reader(data.path, data.version), db.PUBLIC)


@contextmanager
def public_view() -> Iterator[None]:
    """Every query inside asks the public view, whoever is signed in: for what is shown to a room (the slides)."""
    token = _PUBLIC_ONLY.set(True)
    try:
        yield
    finally:
        _PUBLIC_ONLY.reset(token)


def query(fn, *args) -> Any:
    """fn(cursor, *args) on a cursor showing what this session may see (the Secretariat's view when signed in,
    else the public's; the public's always for a function marked db.for_everyone, and inside public_view()), on
    the data of this run, in the page's language, cached per data version, audience, language and arguments,
    so an update invalidates it."""
    data = this_run()
    signed_in = secretariat_user() and not _PUBLIC_ONLY.get()
    audience = getattr(fn, "audience", None) or (db.SECRETARIAT if signed_in else db.PUBLIC)
    return _run(f"{fn.__module__}.{fn.__qualname__}", data.path, data.version, audience, i18n.current(), args, fn)
