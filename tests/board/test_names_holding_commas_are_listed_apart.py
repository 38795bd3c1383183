"""A reader in Spanish: "African Union, Olusegun Obasanjo, AU High Representative for the
Horn of Africa, Uhuru Kenyatta, former President of Kenya (AU panel)": the list's commas
were the names' own, and nobody could tell there were three mediators. A list of names of
which one holds a comma sets them apart with the reader's "; "."""

import pytest
from django.utils import translation

from negotiations.presentation.labels import names_comma

ETHIOPIA = "ethiopia-tplf-talks-pretoria"


@pytest.mark.parametrize(
    ("prefix", "apart"), [("", "; "), ("/es", "; "), ("/fr", "\u00a0; "), ("/zh-hans", "；")]
)
def test_the_mediators_are_set_apart(client, geneva, prefix, apart):
    page = client.get(f"{prefix}/processes/{ETHIOPIA}/").content.decode()
    summary = page[: page.index('id="current-causes"')]
    assert f"African Union</bdi>{apart}<bdi" in summary
    listing = client.get(f"{prefix}/", {"q": "Pretoria"}).content.decode()
    assert f"African Union</bdi>{apart}<bdi" in listing


def test_names_without_a_comma_keep_the_comma():
    with translation.override("es"):
        assert names_comma(["Noruega", "Cuba"]) == ", "
        assert names_comma(["Noruega", "Olusegun Obasanjo, AU"]) == "; "
    with translation.override("ar"):
        assert names_comma(["مصر", "عمان، الأردن"]) == "؛ "
