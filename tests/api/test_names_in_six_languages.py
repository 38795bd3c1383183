"""Issue 26, names in several languages: a process's and an actor's name given in one of the
six UN languages is an event (recorded, corrected and retracted like any), kept on the process
row, shown in the reader's language with the original beside it, searched in every language,
and rebuilt row for row; a bad language or name is refused and stores nothing. On SQLite and
PostgreSQL alike."""

import re

import pytest
from django.utils import translation

from negotiations.read.models import Process
from negotiations.read.names import language_of, name_in
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.api.recording import events_url, opened_over_http, recorded, refused, store_snapshot

NAMING = "name_given"
MINSK_RU = "Минские переговоры"


@pytest.fixture
def minsk(editor_api, actors):
    """A process opened under its English name, then given its Russian one."""
    slug = opened_over_http(editor_api, name="Minsk talks", conflict="War in Donbas")
    recorded(editor_api, slug, NAMING, None, language="ru", name=MINSK_RU)
    return slug


def names_of(client, slug):
    return client.get(f"/api/v1/processes/{slug}/").json()["names"]


def found(client, q):
    return [r["slug"] for r in client.get("/api/v1/processes/", {"q": q}).json()["results"]]


def test_a_name_given_is_in_the_summary_and_the_list(minsk, anon):
    assert names_of(anon, minsk) == {"ru": MINSK_RU}
    (row,) = anon.get("/api/v1/processes/").json()["results"]
    assert (row["name"], row["names"]) == ("Minsk talks", {"ru": MINSK_RU})


@pytest.mark.parametrize("query", ["минские", "МИНСКИЕ", "Минские переговоры"])
def test_a_name_in_another_language_is_searched(minsk, anon, client, query):
    assert found(anon, query) == [minsk]
    assert f"/processes/{minsk}/" in client.get("/", {"q": query}).content.decode()


def test_a_later_name_in_the_same_language_replaces_it_and_both_stay_in_the_history(
    minsk, editor_api, anon
):
    recorded(editor_api, minsk, NAMING, None, language="ru", name="Минская встреча")
    recorded(editor_api, minsk, NAMING, None, language="ar", name="محادثات مينسك")
    assert names_of(anon, minsk) == {"ru": "Минская встреча", "ar": "محادثات مينسك"}
    assert found(anon, "минские") == []  # the replaced name is no longer searched
    events = anon.get(events_url(minsk)).json()["results"]
    assert [e["type"] for e in events].count(NAMING) == 3


def test_a_correction_and_a_retraction_amend_the_name(minsk, editor_api, anon):
    recorded(
        editor_api,
        minsk,
        "event_corrected",
        "2016-02-01",
        corrects=2,
        changes={"name": "Минская встреча"},
        reason="Misspelt",
    )
    assert names_of(anon, minsk) == {"ru": "Минская встреча"}
    assert found(anon, "ВСТРЕЧА") == [minsk]
    assert found(anon, "минские") == []
    recorded(editor_api, minsk, "event_retracted", None, retracts=2, reason="Not a name")
    assert names_of(anon, minsk) == {}
    assert found(anon, "встреча") == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"language": "de", "name": "Minsker Gespräche"}, "language"),
        ({"language": "", "name": "Минские переговоры"}, "language"),
        ({"language": "ru", "name": ""}, "name"),
        ({"language": "ru", "name": "   "}, "name"),
        ({"language": "ar", "name": "محادثات \u202eمينسك"}, "name"),  # a bidi override
        ({"language": "ar", "name": "\u200fمحادثات"}, "name"),  # a right-to-left mark
        ({"language": "ru", "name": "Х", "actor": "nobody-we-know"}, "actor"),
    ],
)
def test_a_bad_name_is_refused_and_stores_nothing(minsk, editor_api, fields, field):
    code, error = refused(editor_api, minsk, NAMING, "2016-02-01", **fields)
    assert code == 400
    assert field in error["errors"], error


def test_a_correction_to_a_bad_name_is_refused(minsk, editor_api):
    code, error = refused(
        editor_api,
        minsk,
        "event_corrected",
        "2016-02-01",
        corrects=2,
        changes={"language": "xx"},
        reason="r",
    )
    assert code == 400
    assert "changes.language" in error["errors"], error


def test_an_actor_named_in_arabic_is_shown_in_arabic_with_the_original_beside(
    minsk, editor_api, anon, client
):
    recorded(
        editor_api, minsk, NAMING, None, language="ar", name="الهيئة العليا للمفاوضات", actor="hnc"
    )
    detail = anon.get(f"/api/v1/processes/{minsk}/").json()
    assert detail["actor_names"] == {"hnc": {"ar": "الهيئة العليا للمفاوضات"}}
    assert detail["names"] == {"ru": MINSK_RU}  # the process's own names are apart
    parties = parties_on(client, minsk, "ar")
    assert '<bdi lang="ar">الهيئة العليا للمفاوضات</bdi>' in parties
    assert "High Negotiations Committee (opposition)" in parties  # the original beside it
    parties = parties_on(client, minsk, "en")
    assert "الهيئة العليا للمفاوضات" not in parties
    assert "<bdi>High Negotiations Committee (opposition)</bdi>" in parties


def parties_on(client, slug, language):
    """The parties on the process page in a language (the board's language prefix: English
    has none)."""
    prefix = "" if language == "en" else f"/{language}"
    page = client.get(f"{prefix}/processes/{slug}/").content.decode()
    with translation.override(language):
        heading = translation.gettext("Parties")
    return section(rf"<dt>{heading}</dt><dd>(.*?)</dd>", page)


def section(pattern, page):
    found = re.search(pattern, page, re.S)
    assert found is not None, pattern
    return found[1]


def test_the_board_shows_the_readers_language_and_the_original_beside_it(minsk, client):
    page = client.get(f"/ru/processes/{minsk}/").content.decode()
    listing = client.get("/ru/").content.decode()
    feed = client.get(f"/processes/{minsk}/feed.atom?lang=ru").content.decode()
    h1 = section(r"<h1[^>]*>(.*?)</h1>", page)
    assert f'<bdi lang="ru">{MINSK_RU}</bdi>' in h1
    assert "Minsk talks" in h1  # the original, beside it
    assert f'<bdi lang="ru">{MINSK_RU}</bdi>' in listing
    title = section(r"<title>(.*?)</title>", feed)
    assert title.endswith(f": \u2068{MINSK_RU}\u2069"), title
    page = client.get(f"/fr/processes/{minsk}/").content.decode()  # no French name given
    h1 = section(r"<h1[^>]*>(.*?)</h1>", page)
    assert h1 == "<bdi>Minsk talks</bdi>"
    assert MINSK_RU not in h1


def test_name_in_gives_the_name_its_language_and_the_original(minsk):
    process = Process.objects.get(slug=minsk)
    assert tuple(name_in(process, "ru")) == (MINSK_RU, "ru", "Minsk talks")
    assert tuple(name_in(process, "ru-ru")) == (MINSK_RU, "ru", "Minsk talks")
    assert tuple(name_in(process, "es")) == ("Minsk talks", "", "")
    process.names = {**process.names, "en": "Minsk talks"}
    assert tuple(name_in(process, "en-us")) == ("Minsk talks", "en", "")  # same: no original
    assert tuple(name_in(process, "de")) == ("Minsk talks", "en", "")
    assert language_of("zh-cn") == "zh-hans"
    assert language_of("pt") == ""


def test_a_rebuild_reproduces_the_names_row_for_row(minsk, editor_api, app, anon):
    recorded(editor_api, minsk, NAMING, None, language="es", name="Conversaciones de Minsk")
    recorded(editor_api, minsk, NAMING, None, language="fr", name="Pourparlers", actor="hnc")
    recorded(
        editor_api,
        minsk,
        "event_corrected",
        "2016-02-01",
        corrects=3,
        changes={"name": "Diálogos de Minsk"},
        reason="r",
    )
    before = (rows_checksum(), list(Process.objects.values_list("names", "actor_names")))
    assert before[1][0][0] == {"ru": MINSK_RU, "es": "Diálogos de Minsk"}
    wipe_read_models()
    catch_up(app, batch_size=2)
    after = (rows_checksum(), list(Process.objects.values_list("names", "actor_names")))
    assert after == before
    assert found(anon, "DIALOGOS") == [minsk]  # accents folded in every language's name


def test_a_refusal_leaves_the_snapshot(minsk, editor_api):
    """The helper the refusals use compares the store and every read-model row."""
    before = store_snapshot()
    response = editor_api.post(
        events_url(minsk), {"type": NAMING, "language": "ru", "name": ""}, format="json"
    )
    assert response.status_code == 400
    assert store_snapshot() == before
