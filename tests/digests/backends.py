"""Email backends that fail the way an SMTP server does, for the retry tests."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """The first `failures` sends fail as a dropped SMTP connection; later ones go to the
    locmem outbox like the test backend's."""

    failures = 1
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class WatchedBackend(EmailBackend):
    """The test backend, counting the connections opened and calling `on_send` (if set)
    with each message as it goes out, to look at the deliveries at that moment."""

    opened = 0
    on_send = None

    def open(self):
        type(self).opened += 1
        return super().open()

    def send_messages(self, messages):
        if type(self).on_send is not None:
            for message in messages:
                type(self).on_send(message)
        return super().send_messages(messages)
