import pytest

from . import receiver as receiver_module


@pytest.fixture
def allow_private_urls(settings):
    """Receivers here listen on loopback: let webhooks reach private addresses."""
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True


@pytest.fixture
def receiver(allow_private_urls):
    found, server = receiver_module.start()
    yield found
    server.shutdown()
    server.server_close()
