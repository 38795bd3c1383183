from tests.api.conftest import anon  # noqa: F401 - shared fixture
