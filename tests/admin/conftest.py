"""Users and form submissions for the admin tests: each form is opened (GET) first, like a
browser does, so it carries the version and idempotency key the page gave it."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from negotiations.read.models import Process
from tests.factories import SOURCE, opening


def page_url(process: Process) -> str:
    return reverse("admin:negotiations_process_change", args=[process.pk])


def record_url(process: Process, event_type: str) -> str:
    return reverse("admin:negotiations_process_record_event", args=[process.pk, event_type])


def formset_data(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(max(len(rows), initial)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def cause_row(category: str, stated_by: str, description: str, **source: str) -> dict[str, str]:
    return {
        "category": category,
        "stated_by": stated_by,
        "description": description,
        **{f"source_{k}": v for k, v in source.items()},
    }


def opened_form(client: Client, url: str) -> dict[str, Any]:
    """Open a form page and return its control values (version and idempotency key)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return {
        "expected_version": form.initial.get("expected_version") or "",
        "idempotency_key": form.initial["idempotency_key"],
    }


def event_data(
    control: dict[str, Any],
    fields: dict[str, Any],
    *,
    causes: list[dict[str, str]] | None = None,
    sources: list[dict[str, str]] | None = None,
    with_causes: bool = True,
) -> dict[str, Any]:
    data = {**control, "date_precision": "day", **fields}
    if with_causes:
        data.update(formset_data("causes", causes or []))
    data.update(formset_data("sources", [SOURCE] if sources is None else sources))
    return data


def submit_event(
    client: Client,
    process: Process,
    event_type: str,
    fields: dict[str, Any],
    **kw: Any,
):
    control = opened_form(client, record_url(process, event_type))
    return client.post(record_url(process, event_type), event_data(control, fields, **kw))


@pytest.fixture
def editor_staff(editor) -> User:
    editor.is_staff = True
    editor.save()
    return editor


def shown_words(response: Any) -> list[str]:
    """The words of a page's content, each as one string (scripts and tags left out)."""
    body = response.content.decode().split('id="content"')[1].split(">", 1)[1]
    body = re.sub(r"<(script|select)\b.*?</\1>", "", body, flags=re.S)
    return [unescape(w.strip()) for w in re.split(r"<[^>]+>", body) if w.strip()]


def left_english(client: Client, url: str, language: str, same: set[str]) -> list[str]:
    """The words of the page at `url` in `language` left as English wrote them (in Arabic,
    those in Latin letters), but for the words of `same`."""
    english = set(shown_words(client.get(url, HTTP_ACCEPT_LANGUAGE="en")))
    shown = shown_words(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
    assert shown
    if language == "ar":
        return [w for w in shown if w in english and w not in same and re.search("[a-z]", w)]
    return [w for w in shown if w in english and w not in same]


@pytest.fixture
def editor_client(editor_staff) -> Client:
    client = Client()
    client.force_login(editor_staff)
    return client


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def planned(app, actors) -> Process:
    """A fresh process, opened through the application: status planned."""
    result = app.open_process(opening(), recorded_by="setup")
    return Process.objects.get(pk=result.process_id)


@pytest.fixture
def active(app, planned) -> Process:
    """The fresh process with its talks convened: status active."""
    app.convene_talks(planned.pk, occurred_on="2016-02-01", sources=[SOURCE], recorded_by="setup")
    planned.refresh_from_db()
    return planned
