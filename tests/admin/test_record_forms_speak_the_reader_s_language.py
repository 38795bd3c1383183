"""The admin in Arabic and French: every record form's labels, help texts and choices, its
intro, its submit button and the type picker, the process page's status table and its
allowed-events line, and the timeline's details are in the reader's
language (an analyst's review found them English). Languages are named in
themselves; a refusal put under a field is in the reader's language too."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from negotiations.admin.views import RECORDABLE
from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.vocabulary import LANGUAGES, STATUS_LABELS
from tests.admin.conftest import event_data, opened_form, page_url, record_url, submit_event
from tests.factories import record

ARABIC = re.compile(r"[\u0600-\u06ff]")
# Words French writes as English does: translated, the same letters.
SAME_IN_FRENCH = {
    "Description",
    "Note",
    "URL",
    "Source",
    "Format",
    "Abstentions",
    "Parties",
    "Webhooks",
}


def _words(form: forms.Form) -> list[tuple[str, str]]:
    """(what, text) for every label, help text and choice label the form shows."""
    found: list[tuple[str, str]] = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput) or name == "DELETE":
            continue
        found.append((f"{name} label", str(field.label)))
        if field.help_text:
            found.append((f"{name} help", str(field.help_text)))
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            for value, label in field.choices:
                if value and value not in LANGUAGES:
                    found.append((f"{name}={value}", str(label)))
    return found


def _page(client: Client, url: str, language: str) -> Any:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _in(language: str, words: Any, *args: Any) -> Any:
    """Lazy words as the page wrote them: in its language (the test reads them after it)."""
    with translation.override(language):
        return words(*args)


def _all_words(context: Any) -> list[tuple[str, str]]:
    found = _words(context["form"]) + [("intro", str(context["summary"]))]
    for rows in (context.get("causes"), context.get("sources")):
        if rows is not None:
            found += [(f"{rows.prefix} {w}", t) for w, t in _words(rows.empty_form)]
    return found


def _untranslated(language: str, shown: list[tuple[str, str]], english: dict[str, str]) -> list:
    if language == "ar":
        return [(w, t) for w, t in shown if not ARABIC.search(t)]
    return [(w, t) for w, t in shown if t == english[w] and t not in SAME_IN_FRENCH]


def _label(event_type: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(EVENT_LABELS[event_type])


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_record_form_is_in_the_reader_s_language(editor_client, active, language):
    left: dict[str, list] = {}
    for event_type in RECORDABLE:
        url = record_url(active, event_type)
        context = _page(editor_client, url, "en").context
        english = dict(_in("en", _all_words, context))
        response = _page(editor_client, url, language)
        shown = _in(language, _all_words, response.context)
        untranslated = _untranslated(language, shown, english)
        submit = _in(language, str, response.context["submit_label"])
        if _label(event_type, language) not in submit or event_type in submit:
            untranslated.append(("submit", submit))
        if untranslated:
            left[event_type] = untranslated
    assert not left


@pytest.mark.parametrize(
    ("language", "select2"), [("ar", "ar"), ("fr", "fr"), ("zh-hans", "zh-CN")]
)
def test_every_actor_picker_speaks_the_reader_s_language(editor_client, active, language, select2):
    """The pickers' own messages ("No results found") are select2's, in the language its
    `lang` names: a cause's "Stated by" picker named English on Arabic pages (an Arabic
    reader's outside test), while the event's own picker named Arabic."""
    page = _page(editor_client, record_url(active, "talks_paused"), language).content.decode()
    pickers = re.findall(r"<select\b[^>]*\bdata-ajax--url[^>]*>", page)  # Django's pickers
    named = {
        re.search(r'name="([^"]+)"', p).group(1): re.search(r'lang="([^"]*)"', p).group(1)
        for p in pickers
    }
    assert "causes-0-stated_by" in named, named
    assert set(named.values()) == {select2}, named


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_languages_are_named_in_themselves(editor_client, active, language):
    response = _page(editor_client, record_url(active, "name_given"), language)
    field = response.context["form"].fields["language"]
    choices = _in(language, lambda: {k: str(v) for k, v in field.choices})
    assert choices == {
        code: translation.get_language_info(code)["name_local"] for code in LANGUAGES
    }


def test_a_third_party_is_never_offered_the_mediator_role(editor_client, active):
    """A mediator is recorded with mediator_appointed: the domain refuses it here."""
    form = _page(editor_client, record_url(active, "third_party_joined"), "en").context["form"]
    offered = [f for f in form.fields.values() if isinstance(f, forms.ChoiceField)]
    assert all("mediator" not in dict(f.choices) for f in offered)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_process_page_speaks_the_reader_s_language(editor_client, geneva, language):
    html = _page(editor_client, page_url(geneva), language).content.decode()
    table = html.split('id="status-table"')[1].split("</table>")[0]
    heads = re.findall(r'<th scope="row">([^<]*)</th>', table)
    assert heads
    with translation.override(language):
        statuses = {translation.gettext(label) for label in STATUS_LABELS.values()}
    assert set(heads) <= {s[0].upper() + s[1:] for s in statuses}, heads
    picker = html.split('id="id_event_type"')[1].split("</select>")[0]
    options = [unescape(o) for o in re.findall(r"<option[^>]*>([^<]*)</option>", picker)]
    assert len(options) == len(RECORDABLE)
    for event_type, option in zip(RECORDABLE, options, strict=True):
        assert _label(event_type, language) in option
        assert event_type not in option
    events = re.findall(r'<strong title="([a-z_]+)">([^<]*)</strong>', html)  # the timeline
    assert events
    assert [(t, shown) for t, shown in events if unescape(shown) != _label(t, language)] == []
    allowed = html.split("allowed-events")[1].split("</p>")[0]
    assert "suspended" not in allowed
    assert "talks_" not in allowed
    if language == "ar":
        assert ARABIC.search(allowed)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_timeline_s_details_are_in_the_reader_s_language(editor_client, geneva, language):
    english = _page(editor_client, page_url(geneva), "en").context["timeline"]
    shown = _page(editor_client, page_url(geneva), language).context["timeline"]
    before = _in("en", lambda: [str(a) for row in english for a, _ in row["fields"]])
    after = _in(language, lambda: [str(b) for row in shown for b, _ in row["fields"]])
    pairs = list(zip(before, after, strict=True))
    assert pairs
    assert [(a, b) for a, b in pairs if a == b and b not in SAME_IN_FRENCH] == []


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_amendment_forms_name_the_event_in_the_reader_s_language(
    editor_client, geneva, language
):
    for form in ("correct", "retract"):
        url = reverse(f"admin:negotiations_process_{form}", args=[geneva.pk, 11])  # the pause
        response = _page(editor_client, url, language)
        title = _in(language, str, response.context["title"])
        assert _label("talks_paused", language) in title
        assert "talks_paused" not in unescape(response.content.decode()).split("<body")[1]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_refusal_under_a_field_is_in_the_reader_s_language(editor_client, active, language):
    editor_client.cookies["django_language"] = language
    fields = {"occurred_on": "2099-01-15", "expected_resumption_on": "2099-02-01"}
    response = submit_event(editor_client, active, "talks_paused", fields)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "occurred_on" in errors  # the domain's refusal, put on its field
    messages = _in(language, lambda: [str(m) for field in errors.values() for m in field])
    if language == "ar":
        assert all(ARABIC.search(m) for m in messages), messages
    else:
        assert not [m for m in messages if "in the future" in m], messages


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_withdrawn_party_is_said_withdrawn_in_the_reader_s_language(
    app, editor_client, active, language
):
    record(app, active.pk, "party_withdrew", "2016-02-02")
    html = _page(editor_client, page_url(active), language).content.decode()
    parties = html.split("<th>" + _in(language, translation.gettext, "Parties"))[1]
    parties = parties.split("</tr>")[0]
    withdrawn = _in(language, translation.gettext, "withdrawn")
    assert withdrawn != "withdrawn"
    assert f"({withdrawn})" in unescape(parties), parties
    assert "withdrawn" not in parties


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_conflict_notice_is_in_the_reader_s_language(app, editor_client, active, language):
    """Someone recorded meanwhile: the notice and the events it lists are in the reader's
    words (the list named each event by its type's code, 'statement_made')."""
    editor_client.cookies["django_language"] = language
    url = record_url(active, "talks_paused")
    control = opened_form(editor_client, url)
    record(app, active.pk, "statement_made", "2016-02-02", by="colleague")
    fields = {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"}
    response = editor_client.post(url, event_data(control, fields))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    notice = html.split('class="errorlist nonfield"')[1].split("</ul>")[0]
    assert "Nothing was recorded" not in notice
    listed = html.split('id="recorded-since"')[1].split("</ul>")[0]
    assert _label("statement_made", language) in listed, listed
    assert "statement_made" not in listed
    if language == "ar":
        assert ARABIC.search(notice)
        assert ARABIC.search(listed)


def test_every_text_box_takes_the_direction_of_what_is_typed(editor_client, active):
    """An English quote typed on an Arabic page was set right-aligned (an Arabic reader's
    outside test): every box of free text says `dir="auto"`."""
    page = _page(editor_client, record_url(active, "statement_made"), "ar").content.decode()
    boxes = re.findall(r"<(?:textarea|input type=\"text\")\b[^>]*>", page)
    named = {re.search(r'name="([^"]+)"', b).group(1): 'dir="auto"' in b for b in boxes}
    for name in ("summary", "quote", "causes-0-description"):
        assert named.get(name) is True, (name, named)
