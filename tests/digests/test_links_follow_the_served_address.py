"""Links in digests point where the tracker is served: SITE_URL when set; in the admin's
preview, the address the admin is browsed on; without either, the development server."""

from django.urls import reverse

from negotiations.digests import services


def test_site_url_wins_when_set(subscribe, settings):
    settings.SITE_URL = "https://tracker.example.org/"
    link = services.unsubscribe_url(subscribe())

    assert link.startswith("https://tracker.example.org/digests/unsubscribe/")


def test_without_site_url_a_worker_links_to_the_development_server(subscribe, settings):
    settings.SITE_URL = ""
    assert services.unsubscribe_url(subscribe()).startswith("http://127.0.0.1:8000/digests/")


def test_the_admin_preview_links_to_the_address_it_is_browsed_on(
    subscribe, settings, client, superuser
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["tracker.internal"]
    subscription = subscribe(send_when_empty=True)
    client.force_login(superuser)

    page = client.get(
        reverse("admin:digests_subscription_preview", args=[subscription.pk]),
        HTTP_HOST="tracker.internal:8011",
    ).content.decode()

    assert "http://tracker.internal:8011/digests/unsubscribe/" in page
    assert "127.0.0.1:8000" not in page
