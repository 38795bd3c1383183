"""The retract and correct forms show the event they amend (its date, fields, causes and
sources), and their buttons say what they do."""

from django.urls import reverse

PAUSE_SEQUENCE = 11  # the pause of 3 February 2016 in the Geneva demo


def test_retract_form_shows_the_event_and_says_retract(geneva, editor_client):
    url = reverse("admin:negotiations_process_retract", args=[geneva.pk, PAUSE_SEQUENCE])
    page = editor_client.get(url).content.decode()

    assert 'id="amended-event"' in page
    assert f"The event you amend: #{PAUSE_SEQUENCE}, Talks paused" in page
    assert "2016-02-03" in page
    assert "2016-02-25" in page
    assert "Ban Ki-moon" in page  # who stated a cause, by name
    assert f'value="Retract event #{PAUSE_SEQUENCE}"' in page
    assert 'value="Record"' not in page


def test_correct_form_shows_the_event_it_corrects(geneva, editor_client):
    url = reverse("admin:negotiations_process_correct", args=[geneva.pk, PAUSE_SEQUENCE])
    page = editor_client.get(url).content.decode()

    assert f"The event you amend: #{PAUSE_SEQUENCE}, Talks paused" in page
    assert 'value="Record the correction"' in page


def test_subscription_page_names_the_followed_process(geneva, superuser, client):
    from negotiations.digests.models import FollowedProcess, Subscription

    subscription = Subscription.objects.create(email="d@example.org")
    FollowedProcess.objects.create(subscription=subscription, process=geneva)
    client.force_login(superuser)

    url = reverse("admin:digests_subscription_change", args=[subscription.pk])
    page = client.get(url).content.decode()

    assert str(geneva.pk) not in page.replace(f'value="{geneva.pk}"', "")
    assert "Intra-Syrian talks (Geneva)" in page
