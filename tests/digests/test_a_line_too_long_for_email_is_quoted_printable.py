"""A digest goes out as 8-bit UTF-8 text, unless a line is longer than an email may carry
(998 bytes, RFC 5322): then that part is quoted-printable, which folds it. The digest
decides this from its pieces, without Django reading every line again; the result must be
what Django would have chosen."""

import time_machine

from negotiations.digests import tasks
from tests.factories import body_for, cause

from .conftest import load_geneva_until, noon


def parts(email):
    message = email.message()
    return {
        part.get_content_type(): part["Content-Transfer-Encoding"]
        for part in message.walk()
        if not part.is_multipart()
    }


def test_a_digest_with_short_lines_is_8bit(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016])

    tasks.send_due_digests("2016-02-08")

    (email,) = mailoutbox
    assert parts(email) == {"text/plain": "8bit", "text/html": "8bit"}
    assert all(len(line) <= 998 for line in email.message().as_bytes().splitlines())


def test_a_cause_of_1500_characters_makes_both_parts_quoted_printable(
    app, actors, subscribe, mailoutbox
):
    geneva = load_geneva_until(app, "2016-02-01")
    long_reason = "Aerial bombing—" + "x" * 1500
    with time_machine.travel(noon("2016-02-03"), tick=False):
        app.suspend_talks(
            geneva.id,
            recorded_by="analyst",
            **body_for(
                "talks_suspended",
                occurred_on="2016-02-03",
                causes=[cause(description=long_reason)],
            ),
        )
    subscribe(follow=[geneva])

    tasks.send_due_digests("2016-02-08")

    (email,) = mailoutbox
    assert parts(email) == {"text/plain": "quoted-printable", "text/html": "quoted-printable"}
    assert all(len(line) <= 998 for line in email.message().as_bytes().splitlines())
    assert long_reason in email.body
    assert long_reason in email.alternatives[0][0]
