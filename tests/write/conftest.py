"""The admin's clients, for the write-path tests that go through the admin too."""

from tests.admin.conftest import editor_client, editor_staff  # noqa: F401 - fixtures
