"""Markdown tables show text from the CSV files exactly as it is, never as formatting."""

import pandas as pd

from mande.tables import escape, links, markdown_table


def test_markdown_syntax_in_a_cell_is_shown_not_obeyed():
    hostile = "a|b *bold* [link](javascript:alert(1)) <img src=x> $x^2$ :red[red] # h"
    cell = escape(hostile)
    assert "|" not in cell.replace("\\|", "")
    for character in "*[]()<>$:#^":
        assert character not in cell.replace("\\" + character, ""), character


def test_a_table_has_one_line_per_row_and_empty_cells_for_missing_values():
    table = markdown_table(pd.DataFrame({"State": ["Fiji", "Côte d'Ivoire\nline two"], "Signed": ["2016", None]}))
    assert table.splitlines() == [
        "| State | Signed |",
        "| --- | --- |",
        "| Fiji | 2016 |",
        "| Côte d'Ivoire line two |  |",
    ]


def test_sources_become_links_named_by_their_site_and_nothing_else_does():
    from mande.tables import links

    shown = links("https://www.apt.ch/en/news (1)|x ; javascript:alert(1) ; see the annual report")
    assert shown.startswith("[apt\\.ch](https://www.apt.ch/en/news%20%281%29%7Cx)")
    assert "](javascript" not in shown and "javascript\\:alert\\(1\\)" in shown
    assert shown.endswith("see the annual report")
    assert links("http://d2joq6sj09wk6y.cloudfront.net/a").startswith("[cloudfront\\.net](")
    assert links(None) == ""


def test_a_markdown_column_is_kept_and_the_others_escaped():
    table = markdown_table(pd.DataFrame({"Title": ["*x*"], "Source": ["[a](https://a.org)"]}), markdown=("Source",))
    assert table.splitlines()[2] == "| \\*x\\* | [a](https://a.org) |"


def test_addresses_and_entities_in_text_are_kept_from_becoming_links_or_characters():
    cell = escape("www.un.org user@example.org <https://evil.example/> HTTPS://x.org WWW.X.ORG &lt;b&gt;")
    # What GFM's autolink literals look for, in the text once Markdown has read the escapes
    text = cell.replace("\\", "")
    for address in ("www.", "WWW.", "@example", "://evil", "://x"):
        assert address not in text, address
    assert "\\&lt;b\\&gt;" in cell
    assert cell.replace("\u2060", "").replace("\\", "") == (
        "www.un.org user@example.org <https://evil.example/> HTTPS://x.org WWW.X.ORG &lt;b&gt;")


def test_a_link_is_labelled_by_its_real_host_and_one_with_a_user_name_is_not_linked():
    from mande.tables import links

    assert links("https://WWW.Apt.CH:8443/x").startswith("[apt\\.ch](https://WWW.Apt.CH:8443/x)")
    for deceptive in ("https://www.un.org@evil.example/", "https://user:pw@evil.example/"):
        shown = links(deceptive)
        assert "](" not in shown and "evil\\.example" in shown, shown


def test_a_source_that_only_looks_like_an_address_is_shown_as_text():
    shown = links("https://[x; https://www.apt.ch/")  # an unclosed bracket: urlsplit refuses it
    assert shown == "https\\://\u2060\\[x · [apt\\.ch](https://www.apt.ch/)"
