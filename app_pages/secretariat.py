"""The Secretariat's data pages: sign in, update a table from a CSV file, see and undo updates, export."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from mande import db, export, ui, untc, updates
from mande.contracts import CONTRACTS
from mande.ingest import ValidationError
from mande.tables import escape

MAX_MB = st.get_option("server.maxUploadSize")  # .streamlit/config.toml: Streamlit refuses larger uploads

st.title("Secretariat")
user = ui.secretariat_user()
if not user:
    st.markdown("The Secretariat signs in here to update the data, see every update and undo one. Everyone else "
                "sees the public view, in which confidential records appear only as counts.")
    ui.sign_in()
    st.stop()

data = db.data_dir()
if "done" in st.session_state:
    st.success(st.session_state.pop("done"))
update, treaties, past, everything = st.tabs(["Update a table", "From the UN Treaty Collection", "History",
                                              "Export everything"])


def _problems(error: ValidationError) -> None:
    st.error(f"{escape(error.summary())} Fix these in the file and upload it again:")
    ui.table(pd.DataFrame([(p.row, p.column, p.value if p.value is not None else "", p.problem, p.expected)
                           for p in error.problems], columns=["Row", "Column", "Value", "Problem", "How to fix"]))


def _apply(action, *args, **kwargs) -> int | None:
    """Run an update (apply or restore) with a progress bar; returns its version, or None when refused."""
    bar = st.progress(0.0, text="Starting")

    def progress(step: str, done: float) -> None:
        try:
            bar.progress(min(done, 1.0), text=step)
        except BaseException:  # noqa: BLE001 a click meanwhile asks the run to stop: finish the update first
            pass

    try:
        return action(*args, progress=progress, **kwargs)
    except ValidationError as error:
        _problems(error)
    except (updates.ShrinkRefused, updates.FolderNotWritable) as refused:
        st.error(escape(str(refused)))
    except Exception as error:  # noqa: BLE001 said in words, never as a traceback
        st.error(f"The update stopped: {escape(error)}. The data is as it was before, or fully updated: the "
                 "History tab says which.")
    return None


def _done(message: str) -> None:
    """After an update: start the page afresh (new uploader, no ticked boxes) and say what happened."""
    st.session_state["applied"] = st.session_state.get("applied", 0) + 1
    st.session_state["done"] = message
    st.rerun()


def _changes(change: updates.Change) -> None:
    counts = st.columns(3)
    counts[0].metric("Rows added", len(change.added), border=True)
    counts[1].metric("Rows changed", len(change.changed), border=True)
    counts[2].metric("Rows removed", len(change.removed), border=True)
    for label, rows in (("added", change.added), ("changed (new values)", change.changed),
                        ("removed", change.removed)):
        if len(rows):
            with st.expander(f"The {len(rows):,} row{'s' if len(rows) != 1 else ''} {label}"):
                _rows(rows)


def _rows(rows: pd.DataFrame) -> None:
    """Rows of a data file, in a scrollable grid (it shows text as text: nothing in a cell is run as markup)."""
    st.dataframe(rows, hide_index=True, height=min(400, 38 + 35 * len(rows)))


def _update_a_table() -> None:
    table = st.selectbox("Table", list(CONTRACTS), format_func=lambda t: f"{t}.csv", key="table")
    contract = CONTRACTS[table]
    st.caption(escape(contract.description) + " Every column is described in data/README.md.")
    files = st.columns(2)
    files[0].download_button("Download a template", export.template(contract), file_name=f"{table}_template.csv",
                             mime="text/csv", help="The header and one example row.")
    current = data / contract.file_name
    files[1].download_button("Download the current data", lambda: current.read_bytes(), file_name=contract.file_name,
                             mime="text/csv")

    uploaded = st.file_uploader(f"Upload a new {contract.file_name} (CSV, UTF-8, at most {MAX_MB} MB)", type="csv",
                                key=f"upload_{table}_{st.session_state.get('applied', 0)}")
    if uploaded is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        received = Path(folder) / contract.file_name
        received.write_bytes(uploaded.getvalue())
        try:
            with st.spinner("Checking every row…"):
                change = updates.preview(data, table, received, file_name=uploaded.name)
        except ValidationError as error:
            _problems(error)
            return
        st.success(f"{escape(uploaded.name)} is valid: {change.rows_after:,} rows. Here is what it would change; "
                   "nothing is changed until you confirm.")
        _changes(change)
        if not (len(change.added) or len(change.changed) or len(change.removed)):
            st.info("The file holds exactly the current data: there is nothing to apply.")
            return
        sure = True
        if change.shrinks:
            st.warning(f"This removes {len(change.removed):,} of the {change.rows_before:,} rows of "
                       f"{contract.file_name}: more than half.")
            sure = st.checkbox(f"Yes, remove {len(change.removed):,} rows", key=f"sure_shrink_{change.sha256}")
        if st.button("Apply this update", type="primary", disabled=not sure):
            version = _apply(updates.apply, data, table, received, who=user, file_name=uploaded.name,
                             allow_shrink=change.shrinks)
            if version is not None:
                _done(f"Update {version} applied: every page shows the new data now.")


def _from_untc() -> None:
    st.markdown("Bring the treaty actions up to date from the depositary: save the UN Treaty Collection's status "
                f"page of UNCAT ([IV-9]({untc.PAGE_URL.format(chapter='IV-9')})) or OPCAT "
                f"([IV-9-b]({untc.PAGE_URL.format(chapter='IV-9-b')})) from your browser and upload it, or fetch "
                "it here where the server can reach the site. You see what it would add and change first; actions "
                "we hold that the page does not show are listed and kept, never deleted.")
    attempt = st.session_state.get("applied", 0)
    uploaded = st.file_uploader("Upload the saved status page (.html)", type=["html", "htm"],
                                key=f"untc_upload_{attempt}")
    chosen = st.columns([1, 2])
    chapter = chosen[0].selectbox("Or fetch the page of", list(untc.CHAPTERS), key="untc_chapter",
                                  format_func=lambda c: f"{untc.CHAPTERS[c]} ({c})")
    if chosen[1].button("Fetch it from the UN Treaty Collection", key="untc_fetch"):
        try:
            with st.spinner(f"Fetching the {chapter} status page (at most {untc.FETCH_TIMEOUT} seconds)…"):
                st.session_state["untc_fetched"] = (attempt, f"{chapter} (fetched)", untc.fetch(chapter))
        except (untc.Unreachable, untc.PageError) as error:
            st.error(escape(error))
    fetched = st.session_state.get("untc_fetched")
    if uploaded is not None:
        name, content = uploaded.name, uploaded.getvalue()
    elif fetched and fetched[0] == attempt:
        _, name, content = fetched
    else:
        return
    try:
        comparison = untc.compare(data, untc.read_page(content, name))
    except untc.PageError as error:
        st.error(escape(error))
        return
    (st.success if comparison.proposes_change else st.info)(escape(f"{name}: {comparison.summary()}"))
    counts = st.columns(3)
    counts[0].metric("Actions to add", len(comparison.added), border=True)
    counts[1].metric("Actions to change", len(comparison.changed), border=True)
    counts[2].metric("Not on the page (kept)", len(comparison.not_on_page), border=True)
    found = comparison.table(untc.state_names(data))
    if len(found):
        ui.table(pd.DataFrame({"What": found.what.str.capitalize(), "State": found.State, "Action": found.action,
                               "Before": found.before}))
    if comparison.proposes_change and st.button("Apply these changes", type="primary", key="untc_apply"):
        version = _apply(untc.apply, data, comparison, who=user, file_name=untc.file_name(name, comparison.page))
        if version is not None:
            _done(f"Update {version} applied from the UN Treaty Collection: every page shows the new data now.")


def _history() -> None:
    log = updates.history(data)
    if log.empty:
        st.markdown("No update has been made through the app or `mande import` yet.")
        return
    ui.table(pd.DataFrame({
        "Version": log.version.astype(str),
        "When (UTC)": log.when.str.slice(0, 16).str.replace("T", " "),
        "Who": log.who.fillna(""),
        "What": [f"{action} of {table}.csv" + (f" (version {int(back)})" if pd.notna(back) else "")
                 for action, table, back in zip(log.action, log.table, log.restored_version, strict=True)],
        "File": log.file_name.fillna(""),
        "SHA-256": log.sha256.str.slice(0, 12) + "…",
        "Added, changed, removed": [", ".join("–" if pd.isna(n) else str(n) for n in counts)
                                    for counts in zip(log.added, log.changed, log.removed, strict=True)],
    }))
    ui.download(log, "cti_data_history.csv", key="history_csv")
    by_version = log.set_index("version")
    version = int(st.selectbox("See a version", list(log.version), key="version",
                               format_func=lambda v: f"{v}: {by_version.table[v]}.csv, "
                                                     f"{by_version.when[v][:16].replace('T', ' ')} UTC"))
    try:
        table, rows = updates.version_rows(data, version)
    except (ValidationError, OSError) as error:  # e.g. a file found broken by hand, kept as it was
        st.error(f"Version {version} cannot be read: {escape(error)}")
        return
    st.markdown(f"**{escape(table)}.csv as it was after update {version}**: {len(rows):,} rows.")
    _rows(rows)
    sure = st.checkbox(f"Yes, replace the current {table}.csv with this version",
                       key=f"sure_restore_{version}_{st.session_state.get('applied', 0)}")
    if st.button("Restore this version", disabled=not sure, key="restore"):
        restored = _apply(updates.restore, data, version, who=user, allow_shrink=True)
        if restored is not None:
            _done(f"Version {version} restored as update {restored}: every page shows it now.")


def _export() -> None:
    st.markdown("Every table, confidential records included: handle these files as confidential. Cells that a "
                "spreadsheet would run as a formula (starting with =, +, - or @, or a tab) are written with a "
                "leading '.")

    def tables(write) -> bytes:
        con = db.connect(db.db_path(), db.SECRETARIAT)
        try:
            return write(con)
        finally:
            con.close()

    st.download_button("Download every table as CSV files (ZIP)", lambda: tables(export.tables_zip),
                       file_name="cti_mande_data.zip", mime="application/zip")
    st.download_button("Download every table as an Excel workbook", lambda: tables(export.tables_workbook),
                       file_name="cti_mande_data.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


with update:
    _update_a_table()
with treaties:
    _from_untc()
with past:
    _history()
with everything:
    _export()
