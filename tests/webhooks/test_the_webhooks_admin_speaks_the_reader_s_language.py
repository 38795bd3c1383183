"""The webhooks' admin in Arabic and French: the endpoint's form and page (its "URL" label,
help texts, the "Every delivery attempt" link), the actions, the redelivery page and the
messages are in the reader's language (a reviewer found them English)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from tests.admin.conftest import left_english, shown_words

ARABIC = re.compile(r"[\u0600-\u06ff]")
LIST = "/admin/webhooks/endpoint/"
HOOK = "https://example.org/hook"


def _in(language: str, words: object) -> str:
    with translation.override(language):
        return str(words)


def _said(response, language: str) -> list[str]:
    """The messages the page after an action showed."""
    assert response.status_code == 200
    said = [_in(language, m.message) for m in response.context["messages"]]
    assert said
    return said


def _english_left(said: list[str], english: list[str], language: str) -> list[str]:
    if language == "ar":
        return [s for s in said if not ARABIC.search(s)]
    return [s for s, e in zip(said, english, strict=True) if s == e]


@pytest.fixture
def endpoint(db, superuser) -> Endpoint:
    return services.endpoint_create(url=HOOK, processes=[], kinds=["event"], created_by=superuser)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_endpoint_s_form_and_page_are_in_the_reader_s_language(
    admin_client: Client, endpoint: Endpoint, language: str
):
    same = {"URL", "Position", "0", "-", endpoint.created_by.username, HOOK}
    left = []
    for url in (f"{LIST}add/", f"{LIST}{endpoint.pk}/change/", LIST):
        left += [(url, w) for w in left_english(admin_client, url, language, same)]
    assert not left, left
    page = admin_client.get(f"{LIST}{endpoint.pk}/change/", HTTP_ACCEPT_LANGUAGE=language)
    link = _in(language, translation.gettext_lazy("Every delivery attempt"))
    assert link in shown_words(page)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_actions_and_their_messages_are_in_the_reader_s_language(
    admin_client: Client, endpoint: Endpoint, language: str
):
    lists = {lang: admin_client.get(LIST, HTTP_ACCEPT_LANGUAGE=lang) for lang in ("en", language)}
    actions = {
        lang: [_in(lang, label) for _, label in r.context["action_form"].fields["action"].choices]
        for lang, r in lists.items()
    }
    assert len(actions[language]) == 4  # the blank one, delete, redeliver, rotate
    left = _english_left(actions[language][1:], actions["en"][1:], language)

    said = {}
    for lang in ("en", language):
        admin_client.cookies["django_language"] = lang
        chosen = {"_selected_action": [endpoint.pk]}
        page = admin_client.post(LIST, {"action": "redeliver", **chosen})
        assert page.status_code == 200
        title = _in(lang, page.context["title"])
        words = [w for w in shown_words(page) if w != HOOK]
        redone = admin_client.post(
            LIST, {"action": "redeliver", "apply": "1", "from_position": "1", **chosen}, follow=True
        )
        rotated = admin_client.post(LIST, {"action": "rotate_secret", **chosen}, follow=True)
        added = admin_client.post(f"{LIST}add/", {"url": HOOK, "kinds": ["event"]}, follow=True)
        said[lang] = [title, *words, *(m for r in (redone, rotated, added) for m in _said(r, lang))]
    assert len(said[language]) == len(said["en"])
    left += _english_left(said[language], said["en"], language)
    assert not left, left


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_refused_registration_says_why_in_the_reader_s_language(
    admin_client: Client, db, language: str
):
    """An unknown process was refused in English ("No process 'atlantis-talks'.")."""
    said = {}
    for lang in ("en", language):
        admin_client.cookies["django_language"] = lang
        data = {"url": HOOK, "kinds": ["event"], "processes": "atlantis-talks"}
        response = admin_client.post(f"{LIST}add/", data)
        assert response.status_code == 200
        said[lang] = [_in(lang, e) for e in response.context["adminform"].form.errors["processes"]]
    assert said["en"] == ["No process 'atlantis-talks'."]
    assert len(said[language]) == 1
    assert "atlantis-talks" in said[language][0]
    assert _english_left(said[language], said["en"], language) == []
    assert not Endpoint.objects.exists()


def test_the_attempts_log_says_why_in_the_reader_s_language(admin_client, endpoint, settings):
    """The log keeps each reason in English (the worker's words, and the API's); the admin
    shows the attempts' reasons, event types and an endpoint's disabling in the reader's."""
    import urllib3

    from negotiations.webhooks import outbound, reasons
    from negotiations.webhooks.models import Attempt

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    with translation.override("en"):  # as a worker writes them
        try:
            outbound.destination("http://127.0.0.1:9/hook")
        except outbound.UnsafeDestination as refused:
            private = reasons.failure_reason(refused)
        timeout = reasons.failure_reason(urllib3.exceptions.ReadTimeoutError(None, "/", "t"))
        answered = reasons.answer_reason(503)
    assert private.startswith("Not sent: Webhooks are sent to public addresses only")
    for i, error in enumerate((private, timeout, answered)):
        Attempt.objects.create(
            endpoint=endpoint,
            position=i + 1,
            webhook_id=f"msg_{i}",
            event_type="talks_paused",
            process_slug="p",
            attempted_at="2026-12-06T12:00:00Z",
            error=error,
        )
    Endpoint.objects.filter(pk=endpoint.pk).update(
        active=False,
        disabled_reason=reasons.DISABLED % {"since": "2026-12-05 12:00", "last": answered},
    )
    admin_client.cookies["django_language"] = "fr"

    log = admin_client.get("/admin/webhooks/attempt/").content.decode()
    page = admin_client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/").content.decode()

    assert "Non envoyé\u00a0: Les webhooks" in log  # the refusal itself, translated too
    assert "une adresse de bouclage" in log  # and the kind of address it names
    assert "Pas de réponse en 10 s." in log
    assert "HTTP 503\u00a0: pas une réponse 2xx." in log
    assert "Pause des pourparlers" in log
    assert not [w for w in ("Not sent", "No answer", "not a 2xx", "talks_paused") if w in log]
    assert (
        "En échec depuis 2026-12-05 12:00 UTC\u00a0; dernier motif\u00a0: HTTP 503\u00a0: pas une"
        in page
    )
    one = Attempt.objects.get(error=timeout)
    shown = admin_client.get(f"/admin/webhooks/attempt/{one.pk}/change/").content.decode()
    assert "Pas de réponse en 10 s." in shown
    assert "Pause des pourparlers" in shown
    assert "No answer" not in shown
    assert "talks_paused" not in shown


def test_a_sending_thread_logs_its_reason_in_english_whatever_language_is_active(
    endpoint, settings
):
    """The log keeps the worker's words in English (the admin translates them when shown):
    a send made where another language is active (a request's thread) still stores them so,
    or the admin could not match them to their templates."""
    import uuid

    from negotiations.webhooks import delivery, outbound
    from negotiations.webhooks.messages import Message

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    endpoint.url = "http://127.0.0.1:9/hook"  # refused: a loopback address
    message = Message(
        position=1,
        kind="event",
        process_id=uuid.uuid4(),
        process_slug="p",
        sequence=1,
        type="event.recorded",
        timestamp="2026-12-06T12:00:00Z",
        data={"event": {"type": "talks_paused"}},
    )
    with translation.override("fr"):
        attempt = delivery.send(outbound.Sender(), endpoint, message)
    assert attempt.error.startswith("Not sent: Webhooks are sent to public addresses only"), (
        attempt.error
    )
    assert attempt.error.endswith("127.0.0.1 is a loopback address.")


def test_why_an_endpoint_was_disabled_is_kept_whole_and_its_names_read_as_written(
    admin_client, superuser, app, actors, dns, settings
):
    """An endpoint disabled for a refusal naming a long host: the reason is stored whole
    (it was cut at 300 characters, and then shown in English), and on an Arabic page the
    host and the date stand apart from the Arabic words around them (Unicode isolates),
    so that the bidirectional algorithm does not reorder them."""
    import uuid

    from tests.factories import SOURCE, opening

    settings.WEBHOOK_DISABLE_AFTER_SECONDS = 0
    host = ".".join(["a" * 60] * 4) + ".test"  # 248 characters
    endpoint = services.endpoint_create(  # registered while the name does not resolve
        url=f"https://{host}/hook", processes=[], kinds=["event"], created_by=superuser
    )
    opened = app.open_process(opening(), recorded_by="x")
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    dns.names[host] = ["10.0.0.1"]
    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "disabled"
    endpoint.refresh_from_db()
    assert len(endpoint.disabled_reason) > 300
    assert endpoint.disabled_reason.endswith(f"{host} does not resolve to public addresses only.")

    admin_client.cookies["django_language"] = "ar"
    page = admin_client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/").content.decode()
    since = f"{endpoint.failing_since:%Y-%m-%d %H:%M}"
    assert f"\u2068{since}\u2069" in page
    assert f"\u2068{host}\u2069" in page
    assert "does not resolve" not in page
    admin_client.cookies["django_language"] = "en"
    page = admin_client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/").content.decode()
    assert f"Failing since {since} UTC; last: Not sent: Webhooks are sent" in page
    assert "\u2068" not in page
