"""A reader in Arabic: an English statement's summary was the one text someone wrote that
the board did not isolate, so its full stop read at the wrong end of the sentence. It is
isolated (U+2068 ... U+2069) as names, causes and notes are, in every language."""

import pytest

from tests.board.conftest import text

SUMMARY = "Resuming on 25 February is not realistic"


@pytest.mark.parametrize("language", ["ar", "zh-hans", "es", "en"])
def test_the_summary_is_isolated_in_the_timeline(client, geneva, language):
    prefix = "" if language == "en" else f"/{language}"
    page = text(client, f"{prefix}/processes/{geneva.slug}/")
    timeline = page[page.index('id="timeline"') :]
    assert SUMMARY in timeline
    assert f"\u2068{SUMMARY}" in timeline
