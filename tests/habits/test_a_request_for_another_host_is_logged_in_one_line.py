"""A request for a host the tracker does not serve answers 400 and is logged, in one line:
an operator's review found 30 lines of traceback per scanner's request in the log."""

import logging


def test_a_request_for_another_host_is_logged_without_a_traceback(client, settings, caplog):
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    with caplog.at_level(logging.WARNING, logger="django.security.DisallowedHost"):
        response = client.get("/", HTTP_HOST="scanner.example")
    assert response.status_code == 400
    [record] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert "scanner.example" in record.getMessage()
    assert record.exc_info is None
    assert "Traceback" not in caplog.text
