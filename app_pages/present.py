"""Presentation: full-screen slides for the Annual Forum's projector, in the order of slides.csv, moved by the keys
a presentation clicker sends (→ ← Page Down Page Up space) or by the buttons; ?slide=N opens slide N."""

from datetime import date

import streamlit as st

from mande import provenance, slides, ui
from mande.i18n import _
from mande.ui import slide as slide_drawn


def _go(to: int, count: int) -> None:
    """To slide `to` of `count`, kept in the URL."""
    st.query_params["slide"] = str(slides.chosen(to, count))


def _moves(number: int, count: int) -> None:
    """Back and Next, and a clicker's other keys: one key per button, the three others hidden (STYLE) yet
    listening."""
    first, last = number == 1, number == count
    back, forward = {"on_click": _go, "args": (number - 1, count)}, {"on_click": _go, "args": (number + 1, count)}
    top[1].button(_("← Back"), key="previous", shortcut="Left", disabled=first, **back)
    top[2].markdown(f"**{number} / {count}**", text_alignment="center")
    top[3].button(_("Next →"), key="next", shortcut="Right", disabled=last, **forward)
    st.button(_("Page up"), key="page_up", shortcut="PageUp", disabled=first, **back)
    st.button(_("Page down"), key="page_down", shortcut="PageDown", disabled=last, **forward)
    st.button(_("Space"), key="space", shortcut="Space", disabled=last, **forward)


st.html(slide_drawn.STYLE)
top = st.columns([9, 1.6, 1, 1.6], vertical_alignment="center")
title = top[0].empty()
with ui.public_view():  # a slide is shown to a room: every question on it asks the public view, whoever is signed in
    today = date.today()
    shown = ui.query(slides.sequence)
    number = slides.chosen(st.query_params.get("slide"), len(shown))
    st.query_params["slide"] = str(number)
    _moves(number, len(shown))
    slide = shown.iloc[number - 1]
    slide_drawn.DRAW[slide.kind](title, slide, today)
    checked, source, _note = ui.query(provenance.data_as_of, "treaty_actions")
    as_of_line, language = st.columns([6, 1], vertical_alignment="bottom")
    ui.language_selector(language)  # the slides have no sidebar: the language is chosen at their foot
    with as_of_line.container(key="as_of"):  # drawn last, as a slide ends with it
        st.markdown(slides.as_of_line(checked, source))
