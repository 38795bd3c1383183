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


def test_a_line_of_django_s_is_said_once_on_a_development_server(capsys, settings):
    """A newcomer's outside test: under `dev.py run` (DEBUG on) each line Django logs ("Not
    Found: ...") was printed twice, by Django's own console handler and by the root's."""
    from django.utils.log import configure_logging

    settings.DEBUG = True
    try:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)  # as at a start
        logging.getLogger("django.request").warning("Not Found: /nowhere/")
        said = capsys.readouterr().err
    finally:
        with capsys.disabled():  # the handlers on the real standard error again
            configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    assert said.count("Not Found: /nowhere/") == 1, said
