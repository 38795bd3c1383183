import pytest

from . import receiver as receiver_module


@pytest.fixture
def receiver():
    found, server = receiver_module.start()
    yield found
    server.shutdown()
    server.server_close()
