"""The admin's "send now" sent a weekly digest of the seven days before today: on a Wednesday,
Wednesday to Tuesday, which the next Monday's digest told again (a date tester's outside
test). It sends the last Monday-to-Sunday week, the schedule's own row. The preview reads
dates as its date picker writes them, and refuses a period that has not ended (one ending
near 31 December 9999 was a 500, as `send_digests --date 9999-12-31`)."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from negotiations.digests import planning, tasks
from negotiations.digests.models import Delivery

WEDNESDAY = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def test_the_last_complete_week_is_monday_to_sunday():
    for day in range(7, 14):  # Monday 7 to Sunday 13 December 2026
        assert planning.latest_period("weekly", date(2026, 12, day)) == (
            date(2026, 11, 30),
            date(2026, 12, 6),
        )
    assert planning.latest_period("weekly", date(2026, 12, 14))[0] == date(2026, 12, 7)
    assert planning.latest_period("daily", date(2026, 12, 9)) == ((date(2026, 12, 8),) * 2)


def test_send_now_on_a_wednesday_is_the_digest_monday_sent(
    geneva, subscribe, staff_client, mailoutbox
):
    subscription = subscribe(follow=[geneva], send_when_empty=True)
    with time_machine.travel(datetime(2026, 12, 7, 6, 0, tzinfo=UTC), tick=False):
        tasks.send_due_digests("2026-12-07")
    assert len(mailoutbox) == 1
    with time_machine.travel(WEDNESDAY, tick=False):
        page = staff_client.post(
            "/admin/digests/subscription/",
            {"action": "send_now", "_selected_action": [subscription.pk]},
            follow=True,
        ).content.decode()
    assert "30 Nov – 6 Dec 2026" in page
    assert "already done" in page
    assert len(mailoutbox) == 1
    (row,) = Delivery.objects.all()
    assert (row.period_start, row.period_end) == (date(2026, 11, 30), date(2026, 12, 6))


# Each period asked for (start, end) and what the preview says of it.
REFUSED_PERIODS = {
    ("9999-12-25", "9999-12-31"): "The period has not ended yet",
    ("2026-12-01", "2026-12-10"): "The period has not ended yet",  # Wednesday is the 9th
    ("2026-12-03", "2026-12-09"): "The period has not ended yet",  # today: not ended
    ("01/12/2026", "07/12/2026"): "Enter a valid date.",
}


@pytest.mark.parametrize("period", REFUSED_PERIODS)
def test_the_preview_refuses_a_period_not_over_and_dates_not_iso(subscribe, staff_client, period):
    subscription, (start, end), said = subscribe(), period, REFUSED_PERIODS[period]
    with time_machine.travel(WEDNESDAY, tick=False):
        page = staff_client.get(
            f"/admin/digests/subscription/{subscription.pk}/preview/",
            {"start": start, "end": end},
        )
    assert page.status_code == 200
    assert said in page.content.decode()
    assert "<iframe" not in page.content.decode()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2026-12-10"])
def test_send_digests_refuses_a_date_it_cannot_tell(db, day):
    """Tomorrow's digests would tell today, not ended (a second review)."""
    with (
        time_machine.travel(WEDNESDAY, tick=False),
        pytest.raises(CommandError, match="is not between 1900-01-01 and today"),
    ):
        call_command("send_digests", "--date", day, "--dry-run")
    assert not Delivery.objects.exists()
