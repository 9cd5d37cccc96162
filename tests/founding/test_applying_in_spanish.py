"""Someone who applies in Spanish is invited in Spanish and keeps Spanish once they sign up."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from coop.models import User
from founding import services
from founding.models import Application
from tests.factories import founding as f


@pytest.fixture
def ana(db):
    f.setup()
    return User.objects.get(email="ana@founders.coop")


def test_the_join_page_in_spanish_records_the_language_of_the_application(ana):
    applicant = Client(headers={"accept-language": "es"})
    page = applicant.get("/join/")
    assert "Solicitar el ingreso" in page.text
    applicant.post("/join/", {"legal_name": "Pat Doe", "email": "pat@example.org", "phone": ""})
    assert Application.objects.get(email="pat@example.org").language == "es"


def test_the_invitation_is_written_in_the_applicants_language_and_the_account_keeps_it(
    ana, django_capture_on_commit_callbacks
):
    application = services.application_submit(email="pat@example.org", legal_name="Pat", answers={}, language="es")
    with django_capture_on_commit_callbacks(execute=True):
        # The Board member reads the admin in English; the invitation still goes out in Spanish.
        services.application_invite(application=application, base_url="http://testserver", actor=ana, reason="x")
    invitation = mail.outbox[-1]
    assert invitation.subject == "Tu invitación para unirte a la cooperativa"
    assert invitation.body.startswith("Hola, Pat:")
    link = re.search(r"http://testserver(\S+)", invitation.body).group(1)
    newcomer = Client()
    newcomer.get(link, follow=True)
    newcomer.post(
        "/accounts/signup/",
        {"email": "pat@example.org", "password1": "a-good-pass-123!", "password2": "a-good-pass-123!"},
    )
    assert User.objects.get(email="pat@example.org").language == "es"


def test_an_application_in_a_language_the_platform_does_not_ship_is_refused(ana):
    with pytest.raises(ValidationError) as refused:
        services.application_submit(email="pat@example.org", legal_name="Pat", answers={}, language="xx")
    assert "language" in refused.value.message_dict
    assert not Application.objects.exists()
