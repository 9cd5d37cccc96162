"""Each person reads the platform in their language: theirs, else the one they picked before
logging in, else their browser's, else the cooperative's default."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coop import services
from coop.models import User
from tests.clients import logged_in
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db

HOME = "/portal/"
SPANISH_HOME_TITLE = "Inicio"


def _language_of(response) -> str:
    return response.headers["Content-Language"]


def test_the_browser_language_is_used_when_the_person_chose_none(member_client):
    response = member_client.get(HOME, headers={"accept-language": "fr;q=1, es-MX;q=0.8, en;q=0.5"})
    assert _language_of(response) == "es"
    assert SPANISH_HOME_TITLE in response.text


def test_with_no_browser_language_the_cooperative_default_is_used(cooperative, member_client, board_user):
    services.cooperative_update(
        cooperative=cooperative, actor=board_user, reason="Members work in Spanish", default_language="es"
    )
    assert _language_of(member_client.get(HOME)) == "es"
    # A browser asking for a language the platform does not ship falls back to the cooperative's too.
    assert _language_of(member_client.get(HOME, headers={"accept-language": "de"})) == "es"


def test_the_persons_own_choice_beats_the_browser_and_the_cookie(member_user):
    services.account_language_set(user=member_user, language="es", actor=member_user, reason="My language")
    client = logged_in(User.objects.get(pk=member_user.pk))
    client.cookies["django_language"] = "en"
    response = client.get(HOME, headers={"accept-language": "en"})
    assert _language_of(response) == "es"


def test_before_logging_in_the_chosen_language_is_kept_in_a_cookie(cooperative):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "es", "next": "/join/"})
    assert response.status_code == 302
    page = client.get("/join/", headers={"accept-language": "en"})
    assert _language_of(page) == "es"
    assert 'lang="es"' in page.text


def test_the_language_page_saves_the_choice_with_its_history(member_user, member_client):
    page = member_client.get(reverse("portal:language"))
    assert page.status_code == 200
    response = member_client.post(reverse("portal:language"), {"language": "es"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:language")
    assert "Tu idioma se ha guardado." in response.text
    member_user.refresh_from_db()
    assert member_user.language == "es"
    assert member_client.cookies["django_language"].value == "es"
    latest = member_user.history.latest()
    assert latest.language == "es"
    assert latest.history_user_id == member_user.pk
    assert latest.history_change_reason == "Chose the language of their account"


def test_an_empty_choice_follows_the_browser_again(member_user, member_client):
    services.account_language_set(user=member_user, language="es", actor=member_user, reason="x")
    member_client.post(reverse("portal:language"), {"language": ""})
    member_user.refresh_from_db()
    assert member_user.language == ""
    assert _language_of(member_client.get(HOME, headers={"accept-language": "en"})) == "en"


def test_a_language_the_platform_does_not_ship_is_refused_naming_the_field(member_user, member_client):
    with pytest.raises(ValidationError) as refused:
        services.account_language_set(user=member_user, language="xx", actor=member_user, reason="x")
    assert "language" in refused.value.message_dict
    response = member_client.post(reverse("portal:language"), {"language": "xx"})
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    member_user.refresh_from_db()
    assert member_user.language == ""


def test_nobody_chooses_the_language_of_someone_else(member_user, board_user):
    with pytest.raises(PermissionDenied):
        services.account_language_set(user=member_user, language="es", actor=board_user, reason="x")
    member_user.refresh_from_db()
    assert member_user.language == ""


def test_an_account_outside_the_cooperative_may_choose_its_language(cooperative):
    outsider = UserFactory(email="applicant@example.org")
    client = logged_in(outsider)
    assert client.get(reverse("portal:language")).status_code == 200
    client.post(reverse("portal:language"), {"language": "es"})
    outsider.refresh_from_db()
    assert outsider.language == "es"


def test_local_formats_follow_the_language(cooperative):
    with translation.override("es"):
        assert (
            cooperative.format_amount(Decimal("1212.5")) == "1\xa0212,50 puntos"
        )  # the Spanish group separator is a no-break space
    with translation.override("en"):
        assert cooperative.format_amount(Decimal("1212.5")) == "1,212.50 points"
