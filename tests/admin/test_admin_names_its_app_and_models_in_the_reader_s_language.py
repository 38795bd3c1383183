"""The admin's index in Arabic and French: the app's and its models' names are in the
reader's language (an analyst's review found "Actors", "Status periods", "NEGOTIATIONS")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_headers
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from negotiations.domain.vocabulary import ACTOR_KINDS, CHOICE_LABELS
from tests.admin.conftest import left_english, shown_words

ARABIC = re.compile(r"[\u0600-\u06ff]")

# Words French writes as English does.
SAME_IN_FRENCH = {"Webhooks", "Axes"}  # Axes: django-axes, a name


def _names(client: Client, language: str) -> dict[str, str]:
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    apps: list[Any] = response.context["app_list"]
    with translation.override(language):  # lazy names, said as the page said them
        return {a["app_label"]: str(a["name"]) for a in apps} | {
            f"{a['app_label']}.{m['object_name']}": str(m["name"])
            for a in apps
            for m in a["models"]
        }


@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize("who", ["editor_client", "admin_client"])
def test_the_app_and_its_models_are_named_in_the_reader_s_language(db, request, who, language):
    """An editor's index, and a superuser's, who also sees the digests ("Digests",
    "Deliveries" were English)."""
    client = request.getfixturevalue(who)
    before, after = _names(client, "en"), _names(client, language)
    assert before.keys() == after.keys()
    same = [(before[k], after[k]) for k in before if before[k] == after[k]]
    left = [(a, b) for a, b in same if b not in SAME_IN_FRENCH]
    assert not left, left


# The project's own lists (the apps' ModelAdmins), each opened by a superuser, who sees all.
OWN_APPS = ("negotiations", "webhooks", "digests")
SAME_IN_FRENCH_COLUMNS = SAME_IN_FRENCH | {"Position", "URL"}


def _changelists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if model._meta.app_label in OWN_APPS
    ]


def _columns(client: Client, url: str, language: str) -> list[tuple[str, str]]:
    """(where, words) for each column header and filter title of one list."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code)
    changelist = response.context["cl"]
    with translation.override(language):  # lazy names, said as the page said them
        heads = [capfirst(str(h["text"])) for h in result_headers(changelist)]
        filters = [capfirst(str(spec.title)) for spec in changelist.filter_specs]
    return [(f"{url} column {i}", h) for i, h in enumerate(heads) if "<" not in h] + [
        (f"{url} filter {i}", t) for i, t in enumerate(filters)
    ]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_list_s_columns_are_in_the_reader_s_language(admin_client, language):
    """An analyst's review found the lists' column headers English ("Status since", "Kinds",
    "Attempted at")."""
    urls = _changelists()
    assert len(urls) == 8
    left = []
    for url in urls:
        english = dict(_columns(admin_client, url, "en"))
        shown = _columns(admin_client, url, language)
        assert shown
        assert len(shown) == len(english)
        for where, words in shown:
            if language == "ar" and not ARABIC.search(words):
                left.append((where, words))
            elif words == english[where] and words not in SAME_IN_FRENCH_COLUMNS:
                left.append((where, words))
    assert not left, "\n".join(f"{where}: {words}" for where, words in left)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_actor_kinds_are_in_the_reader_s_language(editor_client, actors, language):
    """The actors' list and its filter named each kind in English ("armed group") though the
    domain's label table has it in every language."""
    url = reverse("admin:negotiations_actor_changelist")
    response = editor_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    with translation.override(language):
        words = {kind: translation.gettext(CHOICE_LABELS[kind]) for kind in ACTOR_KINDS}
        kind_filter = next(s for s in response.context["cl"].filter_specs if s.field_path == "kind")
        offered = [str(c["display"]) for c in kind_filter.choices(response.context["cl"])][1:]
    assert all(words[k] != CHOICE_LABELS[k] for k in ("armed_group", "state"))
    assert offered == [words[kind] for kind in ACTOR_KINDS]
    cells = re.findall(r'<td class="field-kind">([^<]*)</td>', response.content.decode())
    shown = {actor.kind for actor in actors.values()}
    assert {"state", "armed_group", "person"} <= shown
    assert sorted(set(cells)) == sorted(words[kind] for kind in shown)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_digests_pages_are_in_the_reader_s_language(admin_client, language):
    """A subscription's form (its followed processes, "Send a digest even when...") and the
    deliveries' list (its statuses) were English."""
    same = SAME_IN_FRENCH | {"---------", "English", "0", "-"}
    left = []
    for url in ("/admin/digests/subscription/add/", "/admin/digests/delivery/"):
        left += [(url, w) for w in left_english(admin_client, url, language, same)]
    assert not left, left


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_events_and_periods_lists_name_types_and_statuses(editor_client, active, language):
    """The timeline entries' list showed each stored type code ("talks_convened") in its
    cells and its filter, and the status periods' list the previous status's ("planned")."""
    entries = editor_client.get(
        reverse("admin:negotiations_timelineentry_changelist"), HTTP_ACCEPT_LANGUAGE=language
    )
    periods = editor_client.get(
        reverse("admin:negotiations_statusperiod_changelist"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert entries.status_code == periods.status_code == 200
    with translation.override(language):
        convened = translation.gettext("Talks convened")
        planned = translation.gettext("Planned")
    assert convened != "Talks convened"
    assert planned != "Planned"
    page = entries.content.decode()
    assert f'<td class="field-type_shown">{convened}</td>' in page
    assert "talks_convened</" not in page
    type_filter = next(s for s in entries.context["cl"].filter_specs if s.parameter_name == "type")
    offered = [str(c["display"]) for c in type_filter.choices(entries.context["cl"])]
    assert convened in offered
    assert "talks_convened" not in offered
    assert f'<td class="field-from_status_shown">{planned}</td>' in periods.content.decode()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_record_s_own_page_is_in_the_reader_s_language(admin_client, active, language):
    """A timeline entry's, a status period's and a digest delivery's own pages: their title,
    every field's name and their stored choices ("Date precision: day", "#2 talks_convened
    of 5f0c...", "Claim token:") were English; what is left is what was recorded."""
    from negotiations.digests.models import Delivery, Subscription
    from negotiations.read.models import StatusPeriod, TimelineEntry

    entry = TimelineEntry.objects.get(type="talks_convened")
    period = StatusPeriod.objects.filter(from_status="planned").get()
    delivery = Delivery.objects.create(
        subscription=Subscription.objects.create(email="diplomat@example.org"),
        period_start="2016-02-01",
        period_end="2016-02-07",
        status="sent",
        message_id="<digest.1@localhost>",
    )
    same = SAME_IN_FRENCH | {"-", "0", "1", "2", entry.recorded_by, active.name}
    pages = {
        f"/admin/negotiations/timelineentry/{entry.pk}/change/": {"talks_convened"},
        f"/admin/negotiations/statusperiod/{period.pk}/change/": {"planned", "active"},
        f"/admin/digests/delivery/{delivery.pk}/change/": {"sent"},
    }
    left = []
    for url, codes in pages.items():
        english = shown_words(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
        assert codes.isdisjoint(english), (url, codes & set(english))  # said in words
        data = {w for w in english if w.startswith(("{", "[", "<", "diplomat@"))}
        left += [(url, w) for w in left_english(admin_client, url, language, same | data)]
    assert not left, "\n".join(f"{url}: {w[:80]}" for url, w in left)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en"])
def test_the_admin_names_the_tracker_not_django(editor_client, language):
    """Its header and its pages' titles said "Django administration" ("إدارة جانغو", "Django
    管理"), found by a newcomer's try of the README."""
    page = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    with translation.override(language):
        name = translation.gettext("Negotiation tracker")
    assert f'<a href="/admin/">{name}</a>' in page
    assert re.search(rf"<title>[^<]*\| {re.escape(name)}</title>", page), page[:400]
    assert "Django" not in page.split('id="content"')[0]
