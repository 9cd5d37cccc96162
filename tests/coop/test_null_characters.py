"""A NUL character in an address is refused as bad input before it can reach PostgreSQL, which
refuses NUL in any text: an admin filter, a search or an API filter answers 400, never 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/membership/member/?status=%00",
        "/admin/membership/member/?q=a%00b",
        "/admin/membership/member/?%00=x",
        "/api/members/?search=%00",
        "/portal/documents/house%00rules/",
    ],
)
def test_a_null_character_in_the_address_is_a_bad_request(role_clients, url):
    response = role_clients["Board"].get(url)
    assert response.status_code == 400
    assert b"Null characters are not allowed" in response.content


def test_an_ordinary_address_passes(role_clients):
    assert role_clients["Board"].get("/admin/membership/member/?status=active").status_code == 200
