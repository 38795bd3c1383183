"""Issue 23, item 7: the status on a date after tomorrow (UTC) would be a forecast told as a
fact. The API answers 400 `invalid` naming `as_of` (or `known_at` when the date is its own),
and the board says so (400) rather than "On 1 January 2030: Suspended since..."; up to
tomorrow, as for `occurred_on`, both answer."""

from datetime import UTC, datetime, timedelta

import pytest

from negotiations.domain.specs import utc_day
from tests.api.recording import opened_over_http, recorded


def day(offset: int) -> str:
    return (utc_day() + timedelta(days=offset)).isoformat()


@pytest.fixture
def active(editor_api, actors):
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    return slug


def test_the_api_refuses_a_status_after_tomorrow(anon, active):
    answer = anon.get(f"/api/v1/processes/{active}/status/", {"as_of": day(2)})
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid"
    assert "in the future" in answer.json()["errors"]["as_of"][0]


def test_a_known_at_after_tomorrow_is_refused_by_its_own_name(anon, active):
    known_at = f"{day(2)}T00:00:00Z"
    answer = anon.get(f"/api/v1/processes/{active}/status/", {"known_at": known_at})
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["known_at"]


def test_up_to_tomorrow_the_api_and_the_board_answer(anon, active):
    for offset in (0, 1):
        answer = anon.get(f"/api/v1/processes/{active}/status/", {"as_of": day(offset)})
        assert answer.json()["status"] == "active"
        page = anon.get(f"/processes/{active}/", {"as_of": day(offset)})
        assert page.status_code == 200
        assert 'id="status-on-date"' in page.content.decode()


def test_the_board_agrees_with_the_api(anon, active):
    page = anon.get(f"/processes/{active}/", {"as_of": "2030-01-01"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "2030-01-01 is in the future" in text
    assert 'id="status-on-date"' not in text


def test_the_board_s_date_picker_stops_at_tomorrow(anon, active):
    assert f'max="{day(1)}"' in anon.get(f"/processes/{active}/").content.decode()


def test_a_known_at_still_to_come_is_refused_with_an_as_of_too(anon, active):
    """Only a `known_at` alone was bounded: with `as_of` one in 2999 was answered, and echoed
    (a date tester's outside test)."""
    answer = anon.get(
        f"/api/v1/processes/{active}/status/",
        {"as_of": day(0), "known_at": f"{day(2)}T00:00:00Z"},
    )
    assert answer.status_code == 400
    assert "has not come yet" in answer.json()["errors"]["known_at"][0]


def test_a_known_at_still_to_come_is_refused_even_today(anon, active):
    """A record time is told up to now: `known_at` an hour ahead was answered "paused", and
    "active" once a write came (an outside reader's test). The last write's time is
    answered."""
    now = datetime.now(UTC)
    ahead = (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    answer = anon.get(f"/api/v1/processes/{active}/status/", {"known_at": ahead})
    assert answer.status_code == 400
    [said] = answer.json()["errors"]["known_at"]
    assert said.startswith(f"{ahead[:-1]}.000000Z has not come yet (it is now ")
    last_write = anon.get(f"/api/v1/processes/{active}/").json()["updated_at"]
    answer = anon.get(f"/api/v1/processes/{active}/status/", {"known_at": last_write})
    assert answer.json()["status"] == "active"


@pytest.mark.parametrize("day", ["2016-02-05", "20160205", "2016-W05-5"])
def test_a_known_at_without_its_time_is_asked_for_one(anon, active, day):
    answer = anon.get(f"/api/v1/processes/{active}/status/", {"known_at": day})
    assert answer.status_code == 400
    assert answer.json()["errors"]["known_at"] == [
        "Give a time too: as known at the end of that day is 2016-02-05T23:59:59Z."
    ]
    for with_time in ("2016-02-05T23:59:59Z", "2016-02-05 23:59:59Z", "2016-02-05_23:59:59Z"):
        answer = anon.get(f"/api/v1/processes/{active}/status/", {"known_at": with_time})
        assert answer.status_code == 200, (with_time, answer.json())


def test_agreements_are_not_told_in_force_after_tomorrow(anon, geneva):
    """`status/?as_of=` refused a forecast and sent readers to `agreements/?status_on=`,
    which answered "in force" on 1 January 2999."""
    for url in ("/api/v1/processes/intra-syrian-talks-geneva/agreements/", "/api/v1/agreements/"):
        answer = anon.get(url, {"status": "in_force", "status_on": day(2)})
        assert answer.status_code == 400, url
        assert "in the future" in answer.json()["errors"]["status_on"][0]
        assert anon.get(url, {"status": "in_force", "status_on": day(1)}).status_code == 200
