import pytest

from negotiations.webhooks import outbound

from . import receiver as receiver_module

NAME = "hooks.example.test"  # a name no real resolver knows


@pytest.fixture
def allow_private_urls(settings):
    """Receivers here listen on loopback: let webhooks reach private addresses."""
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True


@pytest.fixture
def receiver(allow_private_urls):
    with receiver_module.running() as found:
        yield found


class FakeDNS:
    """Simulated DNS: `names[name] = [addresses]`; every lookup is noted in `asked`."""

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {}
        self.asked: list[str] = []

    def resolve(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.names:
            raise OSError(f"{host} not found")
        return self.names[host]


@pytest.fixture
def dns(monkeypatch) -> FakeDNS:
    fake = FakeDNS()
    monkeypatch.setattr(outbound, "resolve", fake.resolve)
    return fake
