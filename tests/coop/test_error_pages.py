"""403, 404 and 500 are the site's own pages, in words: a refusal says why when the rule said
why, and the 500 page renders with no request and no database."""

from django.template import loader
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.factories import governance as gf


def test_a_refusal_is_the_styled_403_with_its_reason(member_client, member_user, cooperative):
    board = gf.officer("president")
    motion = gf.open_motion(gf.motion(proposer=board), board=board)
    response = member_client.get(reverse("governance:results", args=[motion.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You may not do this" in page
    assert "No result is shown before the vote closes." in page
    assert 'class="site-header"' in page  # the site's own header and menu, not a bare "403 Forbidden"
    assert "Go to your home page" in page


def test_an_unknown_address_is_the_styled_404(member_client):
    response = member_client.get("/portal/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We cannot find this page" in page
    assert 'class="site-header"' in page


def test_the_404_for_someone_logged_out_points_to_the_front_page(client, cooperative):
    page = client.get("/no-such-page/").content.decode()
    assert "Go to the front page" in page


# These two tests have no database fixture: pytest-django refuses any query in them.
def test_the_500_page_needs_no_request_context_and_no_database():
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert 'class="site-header"' in page


def test_the_500_template_renders_from_an_empty_context():
    html = loader.get_template("500.html").render({})
    assert "Error 500" in html
