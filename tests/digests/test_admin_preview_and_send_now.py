"""In the admin: subscriptions are managed, a digest previewed for any period, sent now;
deliveries are shown read-only."""

import pytest

from negotiations.digests.models import Delivery


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def test_preview_shows_the_digest_of_a_chosen_period(geneva_2016, subscribe, staff_client):
    subscription = subscribe(follow=[geneva_2016])

    page = staff_client.get(
        f"/admin/digests/subscription/{subscription.pk}/preview/",
        {"start": "2016-02-01", "end": "2016-02-07"},
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert "Negotiations digest, 1–7 Feb 2016: 9 changes" in text
    assert "Ban Ki-moon, UN Secretary-General" in text
    assert "<iframe" in text
    assert "srcdoc=" in text
    assert not Delivery.objects.exists()  # a preview sends and stores nothing


def test_send_now_sends_the_last_complete_period_once(geneva, subscribe, staff_client, mailoutbox):
    # The demo is recorded as it was reported in 2016: the last complete period before today
    # has nothing new, so only a subscriber who asked for empty digests gets one.
    subscription = subscribe(follow=[geneva], send_when_empty=True)
    url = "/admin/digests/subscription/"
    action = {"action": "send_now", "_selected_action": [subscription.pk]}

    first = staff_client.post(url, action, follow=True)
    staff_client.post(url, action, follow=True)

    assert first.status_code == 200
    assert "diplomat@example.org" in first.content.decode()
    assert len(mailoutbox) == 1
    assert Delivery.objects.get().status == "sent"


def test_deliveries_are_read_only(geneva_2016, subscribe, staff_client):
    subscribe(follow=[geneva_2016])
    from negotiations.digests import tasks

    tasks.send_due_digests("2016-02-08")
    delivery = Delivery.objects.get()

    page = staff_client.get(f"/admin/digests/delivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert b"Save" not in page.content
    assert staff_client.get("/admin/digests/delivery/add/").status_code == 403


def test_a_subscription_is_added_with_its_processes(geneva, staff_client):
    response = staff_client.post(
        "/admin/digests/subscription/add/",
        {
            "email": "new@example.org",
            "name": "New",
            "frequency": "daily",
            "language": "en",
            "active": "on",
            "followed-TOTAL_FORMS": "1",
            "followed-INITIAL_FORMS": "0",
            "followed-0-process": str(geneva.id),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from negotiations.digests.models import Subscription

    subscription = Subscription.objects.get(email="new@example.org")
    assert [f.process_id for f in subscription.followed.all()] == [geneva.id]
    assert len(subscription.unsubscribe_token) >= 40


def french_day(day, *, year: bool = True) -> str:
    """'7 février 2016', '1er février 2016' (French writes the first day so)."""
    number = "1er" if day.day == 1 else str(day.day)
    said = f"{number} {FRENCH_MONTHS[day.month - 1]}"
    return f"{said} {day.year}" if year else said


FRENCH_MONTHS = (
    *("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"),
    *("septembre", "octobre", "novembre", "décembre"),
)


def test_send_now_says_the_period_in_the_reader_s_language(geneva, subscribe, staff_client):
    """Its dates as the admin writes dates, not ISO strings joined by '..'."""
    from negotiations.digests import planning, services

    subscription = subscribe(follow=[geneva], send_when_empty=True)
    start, end = planning.latest_period(subscription.frequency, services.now().date())
    staff_client.cookies["django_language"] = "fr"

    page = staff_client.post(
        "/admin/digests/subscription/",
        {"action": "send_now", "_selected_action": [subscription.pk]},
        follow=True,
    ).content.decode()

    assert f"{start}..{end}" not in page
    # The month and year once when both days are in them ("1er–7 février 2016"), the year
    # once when both days are in it ("29 janvier – 4 février 2016").
    if (start.year, start.month) == (end.year, end.month):
        period = f"{french_day(start).split()[0]}–{french_day(end)}"
    else:
        period = f"{french_day(start, year=start.year != end.year)} – {french_day(end)}"
    said = f"({period}) pour diplomat@example.org\u00a0: Envoyé"
    assert said in page, page[page.find("messagelist") : page.find("messagelist") + 400]


def test_send_now_says_a_daily_digest_s_period_as_its_one_day(geneva, subscribe, staff_client):
    """As the digest's own subject says it: one day, not "6 Dec 2026 to 6 Dec 2026"."""
    from negotiations.digests import planning, services

    subscription = subscribe(follow=[geneva], send_when_empty=True, frequency="daily")
    start, end = planning.latest_period(subscription.frequency, services.now().date())
    assert start == end

    page = staff_client.post(
        "/admin/digests/subscription/",
        {"action": "send_now", "_selected_action": [subscription.pk]},
        follow=True,
    ).content.decode()

    said = f"The digest of {start.day} {start:%b %Y} for diplomat@example.org: Sent"
    assert said in page, page[page.find("messagelist") : page.find("messagelist") + 400]
