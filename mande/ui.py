"""What the pages share: the database connection, cached queries, the sidebar, charts with their data, and
who is signed in (the public view, or the Secretariat's).

The only module of mande that imports streamlit.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from mande import auth, charts, db, events, export, geo, ingest, provenance, roles, status
from mande.dates import describe, span
from mande.ingest import ValidationError
from mande.tables import escape, links, markdown_table


@st.cache_resource(max_entries=2, show_spinner=False)
def _reader(path: str, version: str):
    return db.connect(Path(path))


def _database() -> tuple[str, str, ValidationError | db.BuildFailed | None]:
    """The current database file, its version, and the problem of newer data files it could not take in.

    Builds the database from the data files where needed; with no database to show, says so and stops the page.
    """
    path = db.db_path()
    try:
        stale = db.ensure_current(path, read_only=roles.public_only())
    except (ValidationError, db.BuildFailed) as error:
        _no_data(error)
    stat = path.stat()
    return str(path), f"{stat.st_ino}:{stat.st_mtime_ns}", stale


_LOG = logging.getLogger("mande")


def _details(problem: ValidationError | db.BuildFailed) -> str:
    return "\n".join(str(p) for p in problem.problems) if isinstance(problem, ValidationError) else str(problem)


def _no_data(problem: ValidationError | db.BuildFailed) -> None:
    """The page when there is no data to show: for the public, only that; the details (which may quote a
    confidential record, and name the server's folders) go to the server's log and, signed in, to the
    Secretariat."""
    _LOG.error("The dashboard has no data to show: %s", _details(problem))
    st.error("The data cannot be shown at the moment. The problem has been logged for the CTI Secretariat, which "
             "keeps the data; please try again later.")
    if secretariat_user():
        st.markdown("**Secretariat view**: fix these in the data files, then reload the page.")
        st.code(_details(problem), language=None, wrap_lines=True)
    elif not roles.public_only():
        with st.expander("For the Secretariat: sign in to see what is wrong"):
            sign_in()
    st.stop()


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, path: str, version: str, audience: str, args: tuple, _fn) -> Any:
    cur = db.cursor(_reader(path, version), audience)
    try:
        return _fn(cur, *args)
    finally:
        cur.close()


def query(fn, *args) -> Any:
    """fn(cursor, *args) on a cursor showing what this session may see (the Secretariat's view when signed in,
    else the public's; the public's always for a function marked db.for_everyone), cached per data version,
    audience and arguments, so an update invalidates it."""
    path, version, _ = _database()
    audience = getattr(fn, "audience", None) or (db.SECRETARIAT if secretariat_user() else db.PUBLIC)
    return _run(f"{fn.__module__}.{fn.__qualname__}", path, version, audience, args, fn)


# --- Who is looking: the public view, or the Secretariat's -------------------------------------------------

SIGNED_IN = "secretariat_user"  # Session State key: the signed-in Secretariat member's name (server-side only)


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets file: no sign-in configured in it
        return {}


def _oidc() -> bool:
    """Whether sign-in goes through an identity provider (an [auth] section in the secrets, for st.login)."""
    return "auth" in _secrets()


def secretariat_user() -> str | None:
    """The signed-in Secretariat member (their e-mail or name), or None in the public view.

    With an identity provider, only the addresses listed in [secretariat] emails are the Secretariat; with a
    password, whoever signed in with it on this session. Always None on a public replica.
    """
    if roles.public_only():
        return None
    if _oidc():
        allowed = {e.lower() for e in _secrets().get("secretariat", {}).get("emails", [])}
        if st.user.is_logged_in and str(st.user.get("email", "")).lower() in allowed:
            return str(st.user.email)
        return None
    return st.session_state.get(SIGNED_IN)


def sign_in() -> None:
    """The Secretariat's sign-in: the identity provider's button, or a password form with a growing wait after
    failed attempts. Says how to set it up when neither is configured."""
    if roles.public_only():  # a public replica has no Secretariat page; this guards any other way in
        st.info("This is the public dashboard: the Secretariat signs in on its own address.")
        return
    if _oidc():
        if st.user.is_logged_in:
            st.warning(f"{escape(st.user.get('email', 'This account'))} is not on the Secretariat's list.")
            st.button("Sign out", on_click=st.logout)
        else:
            st.button("Sign in", type="primary", on_click=st.login)
        return
    stored = _secrets().get("secretariat", {}).get("password_hash") or os.environ.get(auth.ENV_HASH)
    if not stored:
        st.info("Sign-in is not set up on this server. See the README, “Setting up the Secretariat's sign-in”.")
        return
    with st.form("sign_in"):
        name = st.text_input("Your name (recorded with your updates)", max_chars=80)
        password = st.text_input("Password", type="password", max_chars=200)
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    if not name.strip():
        st.error("Give your name: it is recorded with every update you make.")
        return
    if not ingest.is_plain(name):
        st.error("Give your name as plain text: it holds a control character.")
        return
    address = auth.client_address(st.context.ip_address, st.context.headers.get("X-Forwarded-For"))
    wait = auth.THROTTLE.attempt(name, address)
    if wait > 0:
        st.error(f"Too many failed attempts: wait {auth.wait_words(wait)}, then try again.")
    elif auth.check_password(password, stored):
        auth.THROTTLE.succeeded(name, address)
        st.session_state[SIGNED_IN] = name.strip()
        st.rerun()
    else:
        st.error("That password is not right.")


def sign_out() -> None:
    if _oidc():
        st.logout()
    st.session_state.pop(SIGNED_IN, None)


def sidebar() -> None:
    """The 'data as of' statement on every page, and a warning when newer data files could not be used."""
    stale = _database()[2]
    if stale:
        st.warning("Newer data files could not be taken in yet: the dashboard shows the data as last checked.")
        if secretariat_user():
            with st.expander("For the Secretariat: what is wrong"):
                st.markdown("`mande validate` or `mande build` on the server lists the same.")
                st.code(_details(stale), language=None, wrap_lines=True)
    checked, source, note = query(provenance.data_as_of, "treaty_actions")
    with st.sidebar:
        st.markdown(f"**Treaty data as of {describe(checked)}**")
        st.caption(f"Source: {escape(source)}." + (f" {escape(note)}" if note else ""))
        user = secretariat_user()
        if user:
            st.markdown(f"**Secretariat view**: {escape(user)}. Confidential records are shown.")
            st.button("Sign out", on_click=sign_out, key="sign_out")
        else:
            st.caption("Public view: confidential records appear only as counts.")


def grouping_input(container=st) -> str:
    """A choice of grouping, UN regional groups first chosen, kept in the URL (?grouping=...)."""
    groupings = query(status.groupings)
    first = groupings.index("un_regional_group") if "un_regional_group" in groupings else 0
    return container.selectbox("Grouping", groupings, index=first, format_func=status.grouping_name, key="grouping",
                               bind="query-params")


def as_of_input(label: str = "As of") -> date:
    """A date picker kept in the URL (?as_of=YYYY-MM-DD), so a shared link opens the same view."""
    picked = st.date_input(label, value="today", min_value=date(1984, 12, 10), max_value=date.today(),
                           format="YYYY-MM-DD", key="as_of", bind="query-params")
    checked, _, _ = query(provenance.data_as_of, "treaty_actions")
    if checked and picked > checked:
        st.caption(f"The treaty data is confirmed to {describe(checked)}: treaty actions after that date are not "
                   "yet in it.")
    return picked


@st.cache_data(show_spinner=False, max_entries=256)
def _template(name: str, args: tuple, _build) -> dict:
    built = _build(*args)
    return built if isinstance(built, dict) else charts.template(built)


def chart(build, *args, data: pd.DataFrame | None = None, params: dict | None = None) -> None:
    """The chart `build(*args)` drawing `data`: its specification is built once per arguments."""
    spec = _template(f"{build.__module__}.{build.__qualname__}", args, build)
    st.vega_lite_chart(data, charts.with_params(spec, params) if params else spec, width="stretch")


def chart_with_data(build, args: tuple, data: pd.DataFrame, shown: pd.DataFrame, file_name: str, key: str) -> None:
    """The chart `build(*args)` drawing `data`, then `shown` (its data for people) as a table and a CSV file."""
    chart(build, *args, data=data)
    with st.expander("Data behind this chart"):
        table(shown)
        download(shown, file_name, key)


def table(data: pd.DataFrame, markdown: tuple[str, ...] = ()) -> None:
    """A static table, drawn as Markdown: nothing more to load, and readable on a projector. The `markdown`
    columns hold Markdown made safe by tables.links."""
    st.markdown(markdown_table(data, markdown))


def download(data: pd.DataFrame, file_name: str, key: str) -> None:
    """A button that downloads `data` as CSV; the file is written only when someone clicks."""
    st.download_button("Download CSV", lambda: export.dataframe_csv(data), file_name=file_name, mime="text/csv",
                       key=key)


def event_detail(event_id: str) -> None:
    """One event in detail: when, where and how; who took part (a list and a small map); its sources."""
    event = query(events.event, event_id)
    if event is None:
        st.info("There is no such event in the public records.")
        return
    place = ", ".join(escape(p) for p in (event["city"], event["country"]) if isinstance(p, str))
    st.subheader(escape(event["title"]))
    if event["confidential"] == "yes":
        st.warning("Confidential: the public view counts this event but never shows it.")
    how = events.FORMAT_WORDS.get(event["format"], f"format {events.NOT_RECORDED}")
    st.markdown(f"**{events.TYPE_WORDS.get(event['type'], escape(event['type']))}** · "
                f"{span(event['start_date'], event['end_date'], event['date_precision'])}"
                + (f" · {place}" if place else "") + f" · {how}")
    named = query(events.states_named, event_id)
    figures = st.columns(3)
    figures[0].metric("Participants", events.recorded(event["participants"]), border=True)
    figures[1].metric("States represented", events.recorded(event["states_represented"]), border=True,
                      help="As the source states it.")
    figures[2].metric("States named in the sources", len(named), border=True,
                      help="The States a source names as taking part: at least this many were there.")
    if isinstance(event["partners"], str):
        st.markdown(f"**Partners:** {escape(event['partners'])}")
    if isinstance(event["note"], str):
        st.caption(f"What the sources say and leave open: {escape(event['note'])}")
    st.markdown(f"**Sources:** {links(event['source'])}")

    if named.empty:
        st.info("No source names the States that took part.")
        return
    listed, drawn = st.columns(2)
    with listed:
        shown = pd.DataFrame({"State": named["name"], "UN regional group": named.un_regional_group,
                              "Role": named.role.str.capitalize(), "Level": named.level.str.capitalize()})
        table(shown)
        download(shown, f"{event_id}_states.csv", key=f"states_{event_id}")
    with drawn:
        on = event["start_date"]
        states = query(status.status_for_map, "UNCAT", on)
        at_event = states.iso3.isin(named.iso3)
        chart(geo.map_template, "UNCAT", tuple(states.iso_numeric), None,
              f"The {len(named)} States named, by UNCAT status on {describe(on, event['date_precision'])}",
              data=geo.with_markers(states.assign(selected=at_event)),
              params={charts.LEGEND_LABELS: charts.legend_labels(states[at_event].status.value_counts().to_dict())})
    recorded = query(events.participants_recorded, event_id)
    st.markdown("**Participants as recorded** (entries are groups of participants; people where counted)")
    if recorded.illustrative.any():
        st.warning("Some of these entries are illustrative sample data, not real records.")
    table(pd.DataFrame({
        "Type": recorded.participant_type.str.replace("_", " ").str.capitalize(),
        "Level": recorded.level.str.capitalize(), "Gender": recorded.gender.str.capitalize(),
        "Mode": recorded["mode"].map(lambda m: events.FORMAT_WORDS.get(m, m)),
        "Entries": recorded.entries, "People": recorded.people.map(events.recorded),
        "Illustrative": recorded.illustrative.map({True: "yes (sample data)", False: "no"}),
    }))
