"""The map, the status words and the charts in French, Spanish and Arabic, and unchanged in English."""

import json

import pytest

from mande import charts, i18n, status


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_the_map_and_the_status_words_speak_the_language(code):
    with i18n.using(code):
        spec = charts.template(charts.status_map("UNCAT"))
        words = list(status.STATUS_WORDS.values())
        labels = charts.legend_labels({"party": 175})
    text = json.dumps(spec, ensure_ascii=False)
    assert "status of the 195 States" not in text and "Became party" not in text
    assert "Party" not in words and "Signatory" not in words
    assert labels["party"] != "Party (175)"


def test_english_is_unchanged():
    spec = charts.template(charts.status_map("UNCAT"))
    assert spec["title"] == "UNCAT status of the 195 States"
    assert list(status.STATUS_WORDS.values()) == ["Party", "Signatory", "No action"]
    assert charts.legend_labels({"party": 175})["party"] == "Party (175)"
    assert status.STATUS_WORDS.english("party") == "Party"
