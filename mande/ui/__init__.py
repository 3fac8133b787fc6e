"""What the pages share, and the only part of mande that imports streamlit: `data` (the database a page run
shows, cached queries), `access` (who is looking: the public view, or the Secretariat's), `language` (the
page's language), `widgets` (the sidebar, inputs kept in the URL, figures, charts with their data, tables),
`event` (one event in detail), `secretariat` (the Secretariat page's tabs) and `slide` (a slide of the
presentation). The pages call the short names below."""

from mande.ui.access import SIGNED_IN, secretariat_user, sign_in, sign_out
from mande.ui.data import open_data, public_view, query
from mande.ui.event import event_detail
from mande.ui.language import choose_language, language_selector
from mande.ui.widgets import (
    as_of_input,
    chart,
    chart_with_data,
    chosen_id,
    download,
    figures,
    grouping_input,
    link_to_this,
    sidebar,
    state_map,
    table,
)

__all__ = ["SIGNED_IN", "as_of_input", "chart", "chart_with_data", "choose_language", "chosen_id", "download",
           "event_detail", "language_selector",
           "figures", "grouping_input", "link_to_this", "open_data", "public_view", "query", "secretariat_user",
           "sidebar", "sign_in", "sign_out", "state_map", "table"]
