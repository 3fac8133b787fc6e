"""Presentation: full-screen slides for the Annual Forum's projector, in the order of slides.csv, moved by the keys
a presentation clicker sends (→ ← Page Down Page Up space) or by the buttons; ?slide=N opens slide N."""

from datetime import date

import streamlit as st

from mande import provenance, slides, ui
from mande.ui import slide as slide_drawn

today = date.today()
shown = ui.query(slides.sequence)
count = len(shown)
number = slides.chosen(st.query_params.get("slide"), count)
st.query_params["slide"] = str(number)


def _go(to: int) -> None:
    """To slide `to`, kept in the URL."""
    st.query_params["slide"] = str(slides.chosen(to, count))


st.html(slide_drawn.STYLE)
top = st.columns([9, 1.6, 1, 1.6], vertical_alignment="center")
title = top[0].empty()
top[1].button("← Back", key="previous", shortcut="Left", on_click=_go, args=(number - 1,), disabled=number == 1)
top[2].markdown(f"**{number} / {count}**", text_alignment="center")
top[3].button("Next →", key="next", shortcut="Right", on_click=_go, args=(number + 1,), disabled=number == count)
# A clicker's other keys, one key per button: these three do what Back and Next do, hidden (STYLE) yet listening.
st.button("Page up", key="page_up", shortcut="PageUp", on_click=_go, args=(number - 1,), disabled=number == 1)
st.button("Page down", key="page_down", shortcut="PageDown", on_click=_go, args=(number + 1,), disabled=number == count)
st.button("Space", key="space", shortcut="Space", on_click=_go, args=(number + 1,), disabled=number == count)


slide = shown.iloc[number - 1]
slide_drawn.DRAW[slide.kind](title, slide, today)
checked, source, _ = ui.query(provenance.data_as_of, "treaty_actions")
with st.container(key="as_of"):
    st.markdown(slides.as_of_line(checked, source))
