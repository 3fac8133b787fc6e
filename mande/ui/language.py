"""The language of a page run: chosen once at its top (app.py), from the address (?lang=fr, so that a shared
link opens in its language), else this visit's earlier choice, else the browser's language, else English; and
the selector that changes it, on every page."""

from __future__ import annotations

import streamlit as st

from mande import i18n
from mande.i18n import _

_CHOSEN = "mande_language"  # Session State key: the language this visit speaks
_SELECTOR = "mande_language_selector"
# Arabic reads right to left: the page's text, tables and controls are mirrored; charts, which place their own
# labels, keep their layout (their words are Arabic all the same). The sidebar moves to the right on a wide
# screen; on a phone, where Streamlit slides it over the page from the left, it stays there.
_RIGHT_TO_LEFT_CSS = """<style>
@media (min-width: 768px) { [data-testid="stAppViewContainer"] { direction: rtl; } }
[data-testid="stMain"], [data-testid="stSidebarContent"] { direction: rtl; text-align: right; }
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3 { text-align: right; }
[data-testid="stVegaLiteChart"], [data-testid="stDateInput"] input { direction: ltr; }
</style>"""


def choose_language() -> str:
    """The language of this run, set for everything said in it, and kept in the address."""
    code = i18n.choose(st.query_params.get("lang"), st.session_state.get(_CHOSEN), st.context.locale)
    st.session_state[_CHOSEN] = code
    if st.query_params.get("lang") != code:
        st.query_params["lang"] = code
    i18n.set_language(code)
    if i18n.direction(code) == "rtl":
        st.html(_RIGHT_TO_LEFT_CSS)  # a style only: Streamlit adds it to the page without drawing an element
    return code


def _chosen() -> None:
    st.session_state[_CHOSEN] = st.query_params["lang"] = st.session_state[_SELECTOR]


def language_selector(container=None) -> None:
    """A choice of the four languages, each named in its own; choosing one shows the page in it."""
    st.session_state[_SELECTOR] = i18n.current()
    (container or st.sidebar).selectbox(_("Language"), list(i18n.OFFERED), format_func=i18n.LANGUAGES.get,
                                        key=_SELECTOR, on_change=_chosen)
