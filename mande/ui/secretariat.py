"""The Secretariat page's tabs: update a table from a CSV file, from the UN Treaty Collection, see and undo
updates, export everything. Each update goes through `_apply`: a progress bar, the problems in words, then the
page afresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from mande import (
    changes,
    confidential,
    export,
    history,
    i18n,
    profiles,
    report,
    typeset,
    untc,
    untc_page,
    updates,
    workflow,
)
from mande.contracts import CONTRACTS
from mande.i18n import N_, _, number
from mande.ingest import ValidationError
from mande.tables import escape
from mande.ui.data import public_cursor, query
from mande.ui.widgets import download, figures, table
from mande.words import counted

MAX_MB = st.get_option("server.maxUploadSize")  # .streamlit/config.toml: Streamlit refuses larger uploads
_DONE = "done"  # Session State key: what the last update did, said once on the page afresh
_REPORT = "annual_report"  # Session State key: the report last prepared (file name, content, type)
_EDITION = "friends_edition_zip"  # Session State key: the edition last prepared (file name, content)
_APPLIED = "applied"  # Session State key: how many updates this session made (a new uploader after each)


def what_was_done() -> None:
    """What the last update did, once, after the page has started afresh."""
    if _DONE in st.session_state:
        st.success(st.session_state.pop(_DONE))


def _problems(error: ValidationError) -> None:
    st.error(_("{summary} Fix these in the file and upload it again:").format(summary=escape(error.summary())))
    table(workflow.problems(error))


def _apply(said: str, action, *args, **kwargs) -> None:
    """Run an update (apply or restore) with a progress bar; once done, start the page afresh (new uploader, no
    ticked boxes) and say `said`, in which {update} is the new version. Refused, says why."""
    bar = st.progress(0.0, text=_("Starting"))

    def progress(step: str, done: float) -> None:
        try:
            bar.progress(min(done, 1.0), text=_(step))
        except BaseException:  # noqa: BLE001 a click meanwhile asks the run to stop: finish the update first
            pass

    try:
        version = action(*args, progress=progress, **kwargs)
    except ValidationError as error:
        _problems(error)
    except (updates.ShrinkRefused, updates.FolderNotWritable) as refused:
        st.error(escape(str(refused)))
    except Exception as error:  # noqa: BLE001 said in words, never as a traceback
        st.error(_("The update stopped: {error}. The data is as it was before, or fully updated: the History tab "
                   "says which.").format(error=escape(error)))
    else:
        st.session_state[_APPLIED] = _attempt() + 1
        st.session_state[_DONE] = said.format(update=version)
        st.rerun()


def _attempt() -> int:
    return st.session_state.get(_APPLIED, 0)


def _rows(rows: pd.DataFrame) -> None:
    """Rows of a data file, in a scrollable grid (it shows text as text: nothing in a cell is run as markup)."""
    st.dataframe(rows, hide_index=True, height=min(400, 38 + 35 * len(rows)))


def _changes(change: changes.Change) -> None:
    figures({_("Rows added"): len(change.added), _("Rows changed"): len(change.changed),
             _("Rows removed"): len(change.removed)})
    said = {"added": lambda n: counted(n, "The {n} row added", "The {n} rows added"),
            "changed": lambda n: counted(n, "The {n} row changed (new values)", "The {n} rows changed (new values)"),
            "removed": lambda n: counted(n, "The {n} row removed", "The {n} rows removed")}
    for kind, rows in (("added", change.added), ("changed", change.changed), ("removed", change.removed)):
        if len(rows):
            with st.expander(said[kind](len(rows))):
                _rows(rows)


def update_a_table(data: Path, user: str) -> None:
    """Templates and the current data to download, an upload checked and previewed, then applied once confirmed."""
    name = st.selectbox(_("Table"), list(CONTRACTS), format_func=lambda t: f"{t}.csv", key="table")
    contract = CONTRACTS[name]
    st.caption(escape(_(contract.description)) + " " + _("Every column is described in data/README.md."))
    files = st.columns(2)
    files[0].download_button(_("Download a template"), export.template(contract), file_name=f"{name}_template.csv",
                             mime="text/csv", help=_("The header and one example row."))
    current = data / contract.file_name
    files[1].download_button(_("Download the current data"), lambda: current.read_bytes(), file_name=contract.file_name,
                             mime="text/csv")

    uploaded = st.file_uploader(_("Upload a new {file} (CSV, UTF-8, at most {limit} MB)").format(
                                    file=contract.file_name, limit=MAX_MB), type="csv",
                                key=f"upload_{name}_{_attempt()}")
    if uploaded is None:
        return
    with workflow.received(uploaded.getvalue(), contract.file_name) as received:
        try:
            with st.spinner(_("Checking every row…")):
                change = updates.preview(data, name, received, file_name=uploaded.name)
        except ValidationError as error:
            _problems(error)
            return
        st.success(counted(change.rows_after, "{file} is valid: {n} row. Here is what it would change; nothing is "
                           "changed until you confirm.", "{file} is valid: {n} rows. Here is what it would change; "
                           "nothing is changed until you confirm.", file=escape(uploaded.name)))
        _changes(change)
        if not (len(change.added) or len(change.changed) or len(change.removed)):
            st.info(_("The file holds exactly the current data: there is nothing to apply."))
            return
        sure = True
        if change.shrinks:
            st.warning(counted(change.rows_before, "This removes {removed} of the {n} row of {file}: more than half.",
                               "This removes {removed} of the {n} rows of {file}: more than half.",
                               removed=number(len(change.removed)), file=contract.file_name))
            sure = st.checkbox(counted(len(change.removed), "Yes, remove {n} row", "Yes, remove {n} rows"),
                               key=f"sure_shrink_{change.sha256}")
        if st.button(_("Apply this update"), type="primary", disabled=not sure):
            _apply(_("Update {update} applied: every page shows the new data now."), updates.apply, data, name,
                   received, who=user, file_name=uploaded.name, allow_shrink=change.shrinks)


def _status_page() -> tuple[str, bytes] | None:
    """The UN Treaty Collection's status page uploaded, or fetched here (name, content); None before either."""
    uploaded = st.file_uploader(_("Upload the saved status page (.html)"), type=["html", "htm"],
                                key=f"untc_upload_{_attempt()}")
    chosen = st.columns([1, 2])
    chapter = chosen[0].selectbox(_("Or fetch the page of"), list(untc_page.CHAPTERS), key="untc_chapter",
                                  format_func=lambda c: f"{untc_page.CHAPTERS[c]} ({c})")
    if chosen[1].button(_("Fetch it from the UN Treaty Collection"), key="untc_fetch"):
        try:
            with st.spinner(_("Fetching the {chapter} status page (at most {limit} seconds)…").format(
                    chapter=chapter, limit=untc_page.FETCH_TIMEOUT)):
                st.session_state["untc_fetched"] = (_attempt(), f"{chapter} (fetched)", untc_page.fetch(chapter))
        except (untc_page.Unreachable, untc_page.PageError) as error:
            st.error(escape(error))
    fetched = st.session_state.get("untc_fetched")
    if uploaded is not None:
        return uploaded.name, uploaded.getvalue()
    return fetched[1:] if fetched and fetched[0] == _attempt() else None


def from_untc(data: Path, user: str) -> None:
    """A status page of the UN Treaty Collection, compared with the treaty actions, then applied once confirmed."""
    st.markdown(_("Bring the treaty actions up to date from the depositary: save the UN Treaty Collection's status "
                  "page of UNCAT ([IV-9]({uncat})) or OPCAT ([IV-9-b]({opcat})) from your browser and upload it, or "
                  "fetch it here where the server can reach the site. You see what it would add and change first; "
                  "actions we hold that the page does not show are listed and kept, never deleted.").format(
                      uncat=untc_page.PAGE_URL.format(chapter="IV-9"),
                      opcat=untc_page.PAGE_URL.format(chapter="IV-9-b")))
    if (page := _status_page()) is None:
        return
    name, content = page
    try:
        comparison = untc.compare(data, untc_page.read_page(content, name))
    except untc_page.PageError as error:
        st.error(escape(error))
        return
    (st.success if comparison.proposes_change else st.info)(escape(f"{name}: {comparison.summary()}"))
    figures({_("Actions to add"): len(comparison.added), _("Actions to change"): len(comparison.changed),
             _("Not on the page (kept)"): len(comparison.not_on_page)})
    found = comparison.table(query(profiles.state_names))  # the States named in the page's language
    if len(found):
        table(pd.DataFrame({N_("What"): found.what.str.capitalize(), N_("State"): found.State,
                            N_("Action"): found.action, N_("Before"): found.before}))
    if comparison.proposes_change and st.button(_("Apply these changes"), type="primary", key="untc_apply"):
        _apply(_("Update {update} applied from the UN Treaty Collection: every page shows the new data now."),
               untc.apply, data, comparison, who=user, file_name=untc.file_name(name, comparison.page))


def update_history(data: Path, user: str) -> None:
    """Every update, and any version to see and restore."""
    log = history.history(data)
    if log.empty:
        st.markdown(_("No update has been made through the app or `mande import` yet."))
        return
    table(workflow.history(log))
    download(log, "cti_data_history.csv", key="history_csv")
    versions = workflow.versions(log)
    version = int(st.selectbox(_("See a version"), list(versions), key="version", format_func=versions.get))
    try:
        name, rows = history.version_rows(data, version)
    except (ValidationError, OSError) as error:  # e.g. a file found broken by hand, kept as it was
        st.error(_("Version {version} cannot be read: {error}").format(version=version, error=escape(error)))
        return
    st.markdown(counted(len(rows), "**{file}.csv as it was after update {version}**: {n} row.",
                        "**{file}.csv as it was after update {version}**: {n} rows.", file=escape(name),
                        version=version))
    _rows(rows)
    sure = st.checkbox(_("Yes, replace the current {file}.csv with this version").format(file=name),
                       key=f"sure_restore_{version}_{_attempt()}")
    if st.button(_("Restore this version"), disabled=not sure, key="restore"):
        _apply(_("Version {version} restored as update {{update}}: every page shows it now.").format(version=version),
               updates.restore, data,
               version, who=user, allow_shrink=True)


def export_everything() -> None:
    """Every table as CSV files or a workbook, written only when someone clicks."""
    st.markdown(_("Every table, confidential records included: handle these files as confidential. Cells that a "
                  "spreadsheet would run as a formula (starting with =, +, - or @, or a tab) are written with a "
                  "leading '."))
    st.download_button(_("Download every table as CSV files (ZIP)"), lambda: workflow.every_table(export.tables_zip),
                       file_name="cti_mande_data.zip", mime="application/zip")
    st.download_button(_("Download every table as an Excel workbook"),
                       lambda: workflow.every_table(export.tables_workbook), file_name="cti_mande_data.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


_KINDS = {"PDF": ("pdf", "application/pdf"), "HTML": ("html", "text/html")}


def annual_report() -> None:
    """The public annual report of a year, as a PDF or one HTML file, prepared on request with a progress bar."""
    st.markdown(_("The year's public report: its figures, map, pace, results against targets, events, Annual "
                  "Forum, what changed since the previous Forum, and the sources. It is built from the public view "
                  "only, so no confidential record is in it, whoever prepares it. The same as `mande report`."))
    controls = st.columns([1, 1, 1, 1.4])
    today = date.today()
    year = controls[0].number_input(_("Year"), min_value=1985, max_value=today.year, value=today.year - 1, step=1,
                                    key="report_year")
    kind = controls[1].segmented_control(_("Format"), list(_KINDS), default="PDF", required=True, key="report_format")
    language = controls[2].selectbox(_("Language of the report"), list(i18n.OFFERED), format_func=i18n.LANGUAGES.get,
                                     index=i18n.OFFERED.index(i18n.current()), key="report_language")
    since = controls[3].date_input(_("Since (empty: the previous Annual Forum)"), value=None, format="YYYY-MM-DD",
                                   key="report_since")
    if st.button(_("Prepare the report"), type="primary", key="report_build"):
        bar = st.progress(0.0, text=_("Starting"))
        suffix, mime = _KINDS[kind]
        cursor = public_cursor()
        try:
            built = report.build(cursor, int(year), today, since, language=language,
                                 progress=lambda step, done: bar.progress(done * 0.8, text=step))
        finally:
            cursor.close()
        bar.progress(0.8, text=_("Typesetting"))
        try:
            content = typeset.pdf(built) if suffix == "pdf" else typeset.html_page(built).encode("utf-8")
        except typeset.MissingFont as missing:
            bar.empty()
            st.error(_("The report cannot be typeset in this language on this server: {reason}").format(
                reason=missing))
            return
        st.session_state[_REPORT] = (f"cti_annual_report_{int(year)}_{language}.{suffix}", content, mime)
        bar.progress(1.0, text=_("Ready"))
    if _REPORT in st.session_state:
        name, content, mime = st.session_state[_REPORT]
        st.download_button(_("Download {file}").format(file=name), content, file_name=name, mime=mime,
                           key="report_download",
                           on_click="ignore")


def friends_edition() -> None:
    """The Friends' edition (`mande publish`) as a ZIP file, prepared on request with a progress bar, from the
    public view of the data this page shows."""
    from mande import edition  # only this button needs vl-convert

    today = date.today()
    st.subheader(_("The Friends' edition"))
    st.markdown(_("The public view as a static site: pages that open from a folder, from the unpacked ZIP file or "
                  "from any web host, with no server and no script (see the README, *Deploying*). Built from the "
                  "public view only: no confidential record, no count below {small}. In English and in each "
                  "language chosen, each page linking to itself in the others; about half a minute a language. The "
                  "same as `mande publish --zip`.").format(small=confidential.SMALL))
    others = [code for code in i18n.OFFERED if code != i18n.ENGLISH]
    also = st.multiselect(_("Also in"), others, default=others, format_func=i18n.LANGUAGES.get, key="edition_languages")
    if st.button(_("Prepare the Friends' edition"), key="edition_build"):
        bar = st.progress(0.0, text=_("Starting"))
        cursor = public_cursor()
        try:
            files = edition.build(cursor, today, today, languages=(i18n.ENGLISH, *also),
                                  progress=lambda step, done: bar.progress(done, text=step))
        finally:
            cursor.close()
        st.session_state[_EDITION] = (f"cti-friends-edition-{today.isoformat()}.zip", edition.zipped(files, today))
        bar.progress(1.0, text=_("Ready"))
    if _EDITION in st.session_state:
        name, content = st.session_state[_EDITION]
        st.download_button(_("Download {file}").format(file=name), content, file_name=name, mime="application/zip",
                           key="friends_edition", on_click="ignore")
