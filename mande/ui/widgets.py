"""The widgets the pages share: the sidebar, inputs kept in the URL, charts with their data, tables."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from mande import charts, export, i18n, profiles, provenance, status
from mande.dates import describe
from mande.i18n import _
from mande.tables import escape, markdown_table, state_link
from mande.ui.access import secretariat_user, sign_out
from mande.ui.data import details, query, this_run

STATE_PAGE = "app_pages/state.py"
_NARROW_CSS = f"<style>{Path(__file__).with_name('narrow.css').read_text()}</style>"  # read once, not per run
_OPEN_PROFILE = "mande_open_profile"  # Session State key: the State whose profile the next run opens


def sidebar(page: str = "") -> None:
    """The 'data as of' statement on every page, a search box for any State's profile (but on the profile
    itself, which has its own), and a warning when newer data files could not be used."""
    st.html(_NARROW_CSS)  # a style only: Streamlit adds it to the page without drawing an element
    stale = this_run().stale
    if stale:
        st.warning(_("Newer data files could not be taken in yet: the dashboard shows the data as last checked."))
        if secretariat_user():
            with st.expander(_("For the Secretariat: what is wrong")):
                st.markdown(_("`mande validate` or `mande build` on the server lists the same."))
                st.code(details(stale), language=None, wrap_lines=True)
    checked, source, note = query(provenance.data_as_of, "treaty_actions")
    with st.sidebar:
        if page != "state":
            _find_state()
        st.markdown(_("**Treaty data as of {date}**").format(date=describe(checked)))
        st.caption(_("Source: {source}.").format(source=escape(source)) + (f" {escape(note)}" if note else ""))
        user = secretariat_user()
        if user:
            st.markdown(_("**Secretariat view**: {user}. Confidential records are shown.").format(user=escape(user)))
            st.button(_("Sign out"), on_click=sign_out, key="sign_out")
        else:
            st.caption(_("Public view: confidential records appear only as counts."))


def _find_state() -> None:
    """Find any State by typing part of its name; choosing one opens its profile."""
    if _OPEN_PROFILE in st.session_state:
        open_profile(st.session_state.pop(_OPEN_PROFILE))
    names = query(profiles.state_names)

    def chosen() -> None:  # a callback, so that the box is empty again when someone comes back
        st.session_state[_OPEN_PROFILE] = st.session_state.pop("find_state")

    st.selectbox(_("Find a State"), list(names), index=None, format_func=names.get, key="find_state",
                 placeholder=_("Type part of its name"), on_change=chosen)


def open_profile(iso3: str) -> None:
    """Go to the State's profile (stops this run)."""
    st.session_state["iso3"] = iso3  # the profile's choice of State, should it still hold an earlier one
    st.switch_page(STATE_PAGE, query_params={"iso3": iso3, "lang": i18n.current()})


def link_to_this(**params: object) -> None:
    """The address that opens this view again, to copy and share: this page with `params` in its URL."""
    here = st.context.url or ""
    st.markdown(_("**A link to this view**"))
    params = {**params, "lang": i18n.current()}
    st.code(f"{here}?{urlencode({k: str(v) for k, v in params.items()})}", language=None, wrap_lines=True)


def grouping_input(container=st) -> str:
    """A choice of grouping, UN regional groups first chosen, kept in the URL (?grouping=...)."""
    groupings = query(status.groupings)
    first = groupings.index("un_regional_group") if "un_regional_group" in groupings else 0
    return container.selectbox(_("Grouping"), groupings, index=first, format_func=status.grouping_name, key="grouping",
                               bind="query-params")


def as_of_input(label: str | None = None) -> date:
    """A date picker kept in the URL (?as_of=YYYY-MM-DD), so a shared link opens the same view."""
    picked = st.date_input(label or _("As of"), value="today", min_value=date(1984, 12, 10), max_value=date.today(),
                           format="YYYY-MM-DD", key="as_of", bind="query-params")
    checked, _source, _note = query(provenance.data_as_of, "treaty_actions")
    if checked and picked > checked:
        st.caption(_("The treaty data is confirmed to {date}: treaty actions after that date are not yet in it.")
                   .format(date=describe(checked)))
    return picked


@st.cache_data(show_spinner=False, max_entries=256)
def _template(name: str, args: tuple, language: str, _build) -> dict:  # its titles are in the language
    built = _build(*args)
    return built if isinstance(built, dict) else charts.template(built)


def _spec(build, args: tuple, params: dict | None) -> dict:
    """The chart `build(*args)`, its specification built once per arguments, with the values of `params`."""
    spec = _template(f"{build.__module__}.{build.__qualname__}", args, i18n.current(), build)
    return charts.with_params(spec, params) if params else spec


def chart(build, *args, data: pd.DataFrame | None = None, params: dict | None = None, key: str | None = None,
          downloads: bool = True) -> None:
    """The chart `build(*args)` drawing `data`, with buttons that download it as PNG and SVG (but on a slide)."""
    spec = _spec(build, args, params)
    st.vega_lite_chart(data, spec, width="stretch")
    if downloads:
        pictures(spec, data, build.__name__, key or _chart_key(build, args, data))


def state_map(build, *args, data: pd.DataFrame, params: dict, key: str) -> None:
    """A status map (`build` is geo.map_template, of charts.status_map) drawing `data`: clicking a State opens its
    profile."""
    spec = _spec(build, args, params)
    picked = st.vega_lite_chart(data, spec, width="stretch", key=key, on_select="rerun",
                                selection_mode=list(charts.PICKED_STATE.values()))
    pictures(spec, data, f"{args[0].lower()}_map" if args else "map", key)
    for name in charts.PICKED_STATE.values():
        clicked = picked.selection.get(name) or []
        if clicked and clicked[0].get("iso3"):
            open_profile(clicked[0]["iso3"])


def _chart_key(build, args: tuple, data: pd.DataFrame | None) -> str:
    """A key for a chart's buttons that two charts of a page never share: its builder, options and data."""
    rows = "" if data is None else export.dataframe_csv(data)
    digest = hashlib.sha1(repr((build.__qualname__, args)).encode() + rows, usedforsecurity=False).hexdigest()
    return f"chart_{digest[:12]}"


def picture(spec: dict, data: pd.DataFrame | None, kind: str) -> bytes:
    """The chart as drawn on the page (its specification and data) as a PNG or an SVG file."""
    full = charts.complete(spec, data) if data is not None else spec
    return export.chart_png(full) if kind == "png" else export.chart_svg(full).encode("utf-8")


def pictures(spec: dict, data: pd.DataFrame | None, name: str, key: str) -> None:
    """Buttons that download the chart as PNG and SVG; the picture is drawn only when someone clicks."""
    with st.container(horizontal=True):  # side by side, under the chart
        for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(_("Download {kind}").format(kind=kind.upper()), partial(picture, spec, data, kind),
                               file_name=f"{name}.{kind}", mime=mime, key=f"{key}_{kind}", on_click="ignore")


def chart_with_data(build, args: tuple, data: pd.DataFrame, shown: pd.DataFrame, file_name: str, key: str) -> None:
    """The chart `build(*args)` drawing `data`, then `shown` (its data for people) as a table and a CSV file."""
    chart(build, *args, data=data, key=f"{key}_chart")
    with st.expander(_("Data behind this chart")):
        table(shown)
        download(shown, file_name, key)


def table(data: pd.DataFrame, markdown: tuple[str, ...] = ()) -> None:
    """A static table, drawn as Markdown: nothing more to load, and readable on a projector. The `markdown`
    columns hold Markdown made safe by tables.links. A State in the "State" column links to its profile."""
    if "State" in data.columns:
        iso3_of = query(profiles.iso3_by_name)  # cached: a page draws several tables
        data = data.assign(State=[state_link(name, iso3_of.get(name)) for name in data["State"]])
        markdown = (*markdown, "State")
    st.markdown(markdown_table(data, markdown))


def download(data: pd.DataFrame, file_name: str, key: str) -> None:
    """A button that downloads `data` as CSV; the file is written only when someone clicks."""
    shown = data.rename(columns=_)  # the headers in the page's language
    st.download_button(_("Download CSV"), lambda: export.dataframe_csv(shown), file_name=file_name, mime="text/csv",
                       key=key)


def chosen_id(label: str, labels: dict[str, str], key: str, default: str | None = None,
              placeholder: str | None = None) -> str | None:
    """The id chosen among `labels` (id -> what people read), kept in the URL by its id (?key=ID), not by its
    long label, so that a link to one stays short and stable; `default` when the URL names none of them."""
    if key not in st.session_state:
        asked = st.query_params.get(key)
        st.session_state[key] = asked if asked in labels else default
    chosen = st.selectbox(label, list(labels), index=None, format_func=labels.get, key=key, placeholder=placeholder)
    if chosen:
        st.query_params[key] = chosen
    else:
        st.query_params.pop(key, None)
    return chosen


def figures(values: dict[str, object], helps: dict[str, str] | None = None) -> None:
    """A row of figures, each in a bordered box: label -> value, with a help text where `helps` gives one."""
    for column, (label, value) in zip(st.columns(len(values)), values.items(), strict=True):
        column.metric(label, value, border=True, help=(helps or {}).get(label))
