"""A reader who asks the status on a date still to come (a link or a typed address past the
picker's limit) is told why in the page's language, its dates kept left to right in Arabic."""

GENEVA = "/processes/intra-syrian-talks-geneva/"


def test_the_refusal_of_a_date_to_come_is_in_the_pages_language(client, geneva):
    arabic = client.get("/ar" + GENEVA, {"as_of": "2099-01-01"}).content.decode()
    assert "is in the future" not in arabic
    assert "\u20682099-01-01\u2069 تاريخ في المستقبل" in arabic
    french = client.get("/fr" + GENEVA, {"as_of": "2099-01-01"}).content.decode()
    assert "2099-01-01 est dans le futur" in french
