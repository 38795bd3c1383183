from tests.habits.reading_settings import python_c  # noqa: F401 - the fixture
