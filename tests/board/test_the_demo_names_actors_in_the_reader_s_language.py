"""The demo records the names its fact sheets print in the UN languages (`demo_names.ndjson`):
an Arabic or a Chinese reader of the Sudan talks reads the parties' names in their own
script, where every name was English (an Arabic and a Chinese reader's outside test)."""

import pytest

from .conftest import text

SUDAN = "/processes/sudan-talks-jeddah/"


@pytest.mark.parametrize(
    ("prefix", "saf", "rsf"),
    [
        ("/ar", "القوات المسلحة السودانية", "قوات الدعم السريع"),
        ("/zh-hans", "苏丹武装部队", "快速支援部队"),
        ("/fr", "Forces armées soudanaises", "Forces de soutien rapide"),
    ],
)
def test_the_parties_are_named_in_the_reader_s_language(client, geneva, prefix, saf, rsf):
    page = text(client, prefix + SUDAN)
    assert saf in page
    assert rsf in page


def test_a_language_the_sources_never_printed_keeps_the_registry_s_name(client, geneva):
    page = text(client, "/ru" + SUDAN)  # no Russian form with its article in the sheet
    assert "Sudanese Armed Forces" in page
