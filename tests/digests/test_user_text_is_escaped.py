"""Whatever an analyst typed is shown as text in the HTML part, never run as markup."""

from negotiations.digests import tasks
from tests.factories import cause

from .conftest import load_geneva_until, record_at_noon

SCRIPT = "<script>alert(1)</script>"


def test_a_cause_with_markup_is_escaped_in_the_html_part(app, actors, subscribe, mailoutbox):
    geneva = load_geneva_until(app, "2016-02-01")
    markup = '<img src=x onerror="alert(2)">'
    causes = [cause(description=SCRIPT)]
    record_at_noon(app, geneva.id, "2016-02-03", "talks_suspended", causes=causes, note=markup)
    subscribe(follow=[geneva])

    tasks.send_due_digests("2016-02-08")

    (email,) = mailoutbox
    ((html, mimetype),) = email.alternatives
    assert mimetype == "text/html"
    assert SCRIPT not in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT in email.body  # the plain-text part shows it as typed: it is only text
