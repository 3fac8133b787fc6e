"""The UN Treaty Collection's status page set beside `treaty_actions.csv` (`mande untc`): what it would add and
change, and the one update that makes it so.

`compare` finds each participant of the page (`untc_page.py` reads it) among the States by its UN name, and
each of its actions among ours; `Comparison.rows` is the file that would result, and `apply` makes it one
update through `mande.updates` (validated, atomic, in the history, restorable).

Actions we hold that the page does not show (for example a withdrawal, or a signature the page no longer
lists) are reported and kept: the page is never a reason to delete a row silently.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from mande import ingest, status, updates
from mande.contracts import CONSENT_ACTIONS, STATES, TREATY_ACTIONS
from mande.dates import describe
from mande.i18n import N_, _, number
from mande.untc_page import Page, PageError, Participant
from mande.words import Words, counted

# What the preview says of each action (the table's "what"), and how precise a date is: said in the page's language.
WHAT_WORDS = Words({"added": N_("added"), "changed": N_("changed"), "not on the page": N_("not on the page")})
PRECISION_WORDS = Words({"month": N_("month"), "year": N_("year"), "range": N_("range")})


@dataclass(frozen=True)
class Comparison:
    page: Page
    added: list[dict[str, str]] = field(default_factory=list)  # new rows, as they would be written
    changed: list[tuple[dict[str, str], dict[str, str]]] = field(default_factory=list)  # (ours, the new row)
    not_on_page: list[dict[str, str]] = field(default_factory=list)  # ours, kept as they are
    rows: list[dict[str, str]] = field(default_factory=list)  # treaty_actions.csv after the update

    @property
    def proposes_change(self) -> bool:
        return bool(self.added or self.changed)

    def table(self, names: dict[str, str]) -> pd.DataFrame:
        """One row per action added, changed or not on the page, as people read it (`names`: iso3 -> name)."""
        rows = [("added", r, None) for r in self.added] + [("changed", new, old) for old, new in self.changed]
        rows += [("not on the page", r, None) for r in self.not_on_page]
        return pd.DataFrame(
            [(WHAT_WORDS[what], f'{names.get(r["iso3"], r["iso3"])} ({r["iso3"]})', r["iso3"], describe_row(r),
              describe_row(old) if old else "")
             for what, r, old in rows],
            columns=["what", "State", "iso3", "action", "before"])

    def summary(self) -> str:
        """What the update would do, in a few sentences, in the language being spoken (the command line's English)."""
        page = self.page
        said = [_("UN Treaty Collection status page of {treaty} ({chapter}), status as at {date}: {participants} "
                  "participants, {signatories} signatories and {parties} parties, as the page counts them.").format(
            treaty=page.treaty, chapter=page.chapter, date=describe(page.status_as_at),
            participants=number(len(page.participants)), signatories=number(page.signatories),
            parties=number(page.parties))]
        if not self.proposes_change:
            said.append(_("The data agrees with the page: no change is proposed."))
        else:
            said.append(counted(len(self.added), "{n} action to add, {changed} to change.",
                                "{n} actions to add, {changed} to change.", changed=number(len(self.changed))))
        if self.not_on_page:
            said.append(counted(len(self.not_on_page), "{n} action we hold is not on the page; it is kept as it is "
                                "(an update never deletes one).", "{n} actions we hold are not on the page; they "
                                "are kept as they are (an update never deletes them).", ))
        return " ".join(said)


def un_names(data: Path) -> dict[str, str]:
    """The UN's name of each State (states.csv column un_name) -> its iso3."""
    return {r["un_name"]: r["iso3"] for r in _states(data)}


def state_names(data: Path) -> dict[str, str]:
    """iso3 -> the State's name (states.csv column name)."""
    return {r["iso3"]: r["name"] for r in _states(data)}


def _states(data: Path) -> list[dict[str, str]]:
    return ingest.read_csv(data / STATES.file_name, STATES).select(["iso3", "name", "un_name"]).to_pylist()


def compare(data: Path, page: Page) -> Comparison:
    """What the page changes in `treaty_actions.csv`: actions added, actions changed, actions it does not show.

    PageError naming every participant whose name matches no State's un_name (nothing is guessed).
    """
    names = un_names(data)
    unknown = [p.name for p in page.participants if p.name not in names]
    if unknown:
        raise PageError(counted(
            len(unknown), "{n} participant of the {chapter} page matches no State's un_name in states.csv: {names}. "
            "Add the UN's name to that State's row of states.csv (column un_name), then try again; nothing was "
            "changed.", "{n} participants of the {chapter} page match no State's un_name in states.csv: {names}. Add "
            "the UN's name to each State's row of states.csv (column un_name), then try again; nothing was changed.",
            chapter=page.chapter, names=", ".join(unknown)))
    current = ingest.read_csv(data / TREATY_ACTIONS.file_name, TREATY_ACTIONS)
    ours = [{c: r[c] for c in TREATY_ACTIONS.column_names} for r in current.to_pylist()]
    mine = [r for r in ours if r["treaty"] == page.treaty]
    kept = [r for r in ours if r["treaty"] != page.treaty]
    result = Comparison(page)
    matched: set[int] = set()
    for participant in page.participants:
        iso3 = names[participant.name]
        for wanted in _actions(participant, iso3, page):
            is_consent = wanted["action"] in CONSENT_ACTIONS
            candidates = [i for i, r in enumerate(mine) if r["iso3"] == iso3 and i not in matched
                          and (r["action"] in CONSENT_ACTIONS if is_consent else r["action"] == "signature")]
            # The same date first; else the latest such action (an earlier consent may precede a withdrawal).
            same = [i for i in candidates if mine[i]["date"] == wanted["date"]]
            chosen = (same or sorted(candidates, key=lambda i: mine[i]["date"]))[-1:]
            if not chosen:
                result.added.append(wanted)
                continue
            matched.add(chosen[0])
            old = mine[chosen[0]]
            if any(old[c] != wanted[c] for c in ("action", "date", "date_precision", "date_earliest")):
                result.changed.append((old, _replacing(old, wanted)))
    result.not_on_page.extend(r for i, r in enumerate(mine) if i not in matched)
    replaced = {id(old): new for old, new in result.changed}
    rows = kept + [replaced.get(id(r), r) for r in mine] + result.added
    result.rows.extend(sorted(rows, key=lambda r: (r["treaty"], r["iso3"], r["date"], r["action"])))
    return result


def _actions(participant: Participant, iso3: str, page: Page) -> list[dict[str, str]]:
    """The participant's actions as rows of treaty_actions.csv."""
    found = []
    if participant.signature:
        found.append(_row(iso3, page, "signature", participant.signature,
                          "succession to signature" if participant.succession_to_signature else ""))
    if participant.consent:
        found.append(_row(iso3, page, participant.consent_action, participant.consent, ""))
    return found


def _row(iso3: str, page: Page, action: str, when: date, note: str) -> dict[str, str]:
    return {"iso3": iso3, "treaty": page.treaty, "action": action, "date": when.isoformat(), "date_precision": "day",
            "date_earliest": "", "source": page.citation, "note": note}


def _replacing(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """The page's row in place of ours; the note keeps what we held before, and where it came from."""
    before = f"{old['action']} {old['date']} ({old['date_precision']}"
    before += f", from {old['date_earliest']})" if old["date_earliest"] else ")"
    note = "; ".join(n for n in (new["note"], f"before the UN Treaty Collection check: {before}, "
                                 f"source {old['source']}") if n)
    return {**new, "note": note[:TREATY_ACTIONS.column("note").max_length]}


def describe_row(row: dict[str, str]) -> str:
    """One action as a line of the preview, in the page's language: 'Accession 2024-03-25 (month)'."""
    when = row["date"] + ("" if row["date_precision"] == "day"
                          else f" ({PRECISION_WORDS.get(row['date_precision'], row['date_precision'])})")
    return f"{status.ACTION_WORDS.get(row['action'], row['action'])} {when}"


# ------------------------------------------------------------------------------------------------- applying


def file_name(name: str, page: Page) -> str:
    """How the history names an update from `page` (read from the file `name`)."""
    return f"{Path(name).name} (UN Treaty Collection {page.chapter}, status as at {page.status_as_at.isoformat()})"


def apply(data: Path, comparison: Comparison, who: str, file_name: str,
          progress: updates.Progress | None = None, database: Path | None = None) -> int | None:
    """Make the comparison one update of treaty_actions.csv through `mande.updates`; the new version, or None
    when the page proposes no change (nothing is written)."""
    if not comparison.proposes_change:
        return None
    with tempfile.TemporaryDirectory() as folder:
        merged = Path(folder) / TREATY_ACTIONS.file_name
        with open(merged, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=TREATY_ACTIONS.column_names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(comparison.rows)
        return updates.apply(data, TREATY_ACTIONS.table, merged, who, file_name=file_name, progress=progress,
                             database=database)
