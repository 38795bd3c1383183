"""A board page is kept in the cache under what it reads, not under its query string as it
came: a parameter repeated (the page reads the last), given empty (read as not given), given
in another order, or one the page does not read renders the same page, which shares one
cache entry with it, so that nobody can fill the shared cache with copies of one page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import default_key_func

GENEVA = "/processes/intra-syrian-talks-geneva/"


@pytest.fixture
def keys_asked(settings) -> list[str]:
    """Every key the cache is asked about, recorded by Django's KEY_FUNCTION setting."""
    asked: list[str] = []

    def recorded(key: str, key_prefix: str, version: int) -> str:
        asked.append(key)
        return default_key_func(key, key_prefix, version)

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages-asked-otherwise",
            "KEY_FUNCTION": recorded,
        }
    }
    cache.clear()
    yield asked
    cache.clear()


def page_keys(client, url: str, asked: list[str]) -> tuple[bytes, list[str]]:
    """The page at `url` and the page-cache keys asking for it used."""
    asked.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content, [key for key in asked if key.startswith("board:")]


@pytest.mark.parametrize(
    ("plain", "asked_otherwise"),
    [
        ("/?conflict=Syrian+civil+war", "/?conflict=x&conflict=y&conflict=Syrian+civil+war"),
        ("/?q=geneva&sort=name", "/?sort=name&q=geneva"),
        ("/?q=geneva", "/?status=&q=geneva&overdue="),
        ("/", "/?utm_source=x&fbclid=y"),
        (GENEVA + "?history=raw", GENEVA + "?history=corrected&history=raw&page="),
        (GENEVA, GENEVA + "?utm_source=x"),
        # Values the page reads as another (or as none) are that one.
        (GENEVA, GENEVA + "?history=junk&order=oldest"),
        ("/?overdue=true", "/?overdue=on"),
        ("/", "/?overdue=junk"),
        # Values the page reads as the same (a review found each kept under a key of its own).
        ("/", "/?page=01&sort=name&q=%20"),
        ("/?q=geneva", "/?q=geneva%20"),
        (GENEVA + "?as_of=2016-02-10", GENEVA + "?as_of=%202016-02-10&page=%2B1"),
    ],
)
def test_the_same_page_asked_otherwise_shares_one_entry(
    client, geneva, keys_asked, plain, asked_otherwise
):
    page, plain_keys = page_keys(client, plain, keys_asked)
    assert plain_keys, "the page is kept"
    [key] = set(plain_keys)
    assert cache.get(key) is not None

    kept, other_keys = page_keys(client, asked_otherwise, keys_asked)

    assert set(other_keys) == {key}  # one entry for both
    assert kept == page
    cache.clear()  # and, made afresh, it is the same page: sharing its entry is right
    assert client.get(asked_otherwise).content == page


def test_pages_that_differ_keep_entries_of_their_own(client, geneva, keys_asked):
    _, raw = page_keys(client, GENEVA + "?history=raw", keys_asked)
    _, corrected = page_keys(client, GENEVA, keys_asked)
    _, newest = page_keys(client, GENEVA + "?order=newest", keys_asked)
    assert len(set(raw) | set(corrected) | set(newest)) == 3
    _, found = page_keys(client, "/?q=geneva", keys_asked)
    _, other = page_keys(client, "/?q=havana", keys_asked)
    assert set(found).isdisjoint(other)


def test_the_pager_and_language_links_carry_the_page_s_own_query(client, geneva, keys_asked):
    page, _ = page_keys(client, "/?utm_source=x&q=geneva&q=syria&sort=", keys_asked)
    html = page.decode()
    assert "utm_source" not in html
    assert "q=geneva" not in html
    assert "/fr/?q=syria" in html  # the French page's address, with what this one reads


def test_a_refused_page_is_not_kept(client, geneva, keys_asked):
    """Each junk date would have kept its own copy of the refusal (a review of this file's
    first version)."""
    keys_asked.clear()
    response = client.get(GENEVA, {"as_of": "not-a-date"})
    assert response.status_code == 400
    page_keys_asked = {key for key in keys_asked if key.startswith("board:")}
    assert page_keys_asked  # it was looked up
    assert all(cache.get(key) is None for key in page_keys_asked)


def test_a_search_that_finds_nothing_is_not_kept(client, geneva, keys_asked):
    """Kept under every string anyone types, such pages would push the useful ones out; so
    would the status on every date before the process began."""
    for url in (
        "/?q=no-such-process-at-all",
        "/?conflict=no+such+war",
        GENEVA + "?as_of=2010-01-01",
        GENEVA + "?as_of=2010-01-02",
    ):
        first, keys = page_keys(client, url, keys_asked)
        assert keys, "the cache is asked"
        assert all(cache.get(key) is None for key in keys), url
        assert client.get(url).content == first  # made again, the same page
    _, found = page_keys(client, "/?q=geneva", keys_asked)
    assert cache.get(found[0]) is not None  # a search that finds one is kept
