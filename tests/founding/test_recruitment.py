"""Recruitment: the public page, spam and duplicates, invitations through allauth, the review queue."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coop.models import User
from founding import services
from founding.models import Application
from membership.models import Member
from tests.factories import founding as f


@pytest.fixture
def ana(db):
    f.setup()
    return User.objects.get(email="ana@founders.coop")


def _apply(client, email, **extra):
    return client.post("/join/", {"legal_name": "Pat Doe", "email": email, **extra})


def test_public_page_describes_the_cooperative_and_asks_the_boards_questions(client, ana):
    services.application_question_create(text="What do you build?", actor=ana, reason="x")
    page = client.get("/join/").content.decode()
    assert "Riverside Builders" in page and "What do you build?" in page


def test_bad_email_is_refused_and_writes_nothing(client, ana):
    response = _apply(client, "not-an-email")
    assert response.status_code == 400 and "valid email address" in response.content.decode()
    assert not Application.objects.exists()


def test_repeated_email_in_another_case_is_refused(client, ana):
    _apply(client, "pat@example.org")
    response = _apply(client, "PAT@Example.org")
    assert response.status_code == 400 and "already received" in response.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_database_holds_one_application_per_email():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Application.objects.bulk_create(
            [Application(email="a@x.org", legal_name="A"), Application(email="A@x.org", legal_name="B")]
        )


def test_required_answer_is_named(ana):
    question = services.application_question_create(text="Why?", actor=ana, reason="x")
    with pytest.raises(ValidationError) as error:
        services.application_submit(email="q@example.org", legal_name="Q", answers={})
    assert f"answer_{question.pk}" in error.value.message_dict


def test_too_many_applications_from_one_address_are_refused(client, ana):
    for n in range(5):
        _apply(client, f"bot{n}@example.org")
    response = _apply(client, "bot9@example.org")
    assert response.status_code == 429
    assert Application.objects.count() == 5


def test_invitation_prefills_and_verifies_the_email_and_makes_an_applicant(ana, django_capture_on_commit_callbacks):
    application = services.application_submit(email="pat@example.org", legal_name="Pat Doe", answers={})
    with django_capture_on_commit_callbacks(execute=True):
        services.application_invite(application=application, base_url="http://testserver", actor=ana, reason="x")
    link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)
    newcomer = Client()
    page = newcomer.get(link, follow=True)
    assert page.context["form"].initial["email"] == "pat@example.org"
    newcomer.post(
        "/accounts/signup/",
        {"email": "pat@example.org", "password1": "a-good-pass-123!", "password2": "a-good-pass-123!"},
    )
    user = User.objects.get(email="pat@example.org")
    assert EmailAddress.objects.get(user=user).verified
    application.refresh_from_db()
    assert application.status == "applicant" and application.member.status == Member.Status.APPLICANT
    # The link works once
    assert Client().get(link).status_code == 404


def test_board_admits_from_the_admin_queue(ana, client):
    application = services.application_submit(email="pat@example.org", legal_name="Pat Doe", answers={})
    services.application_invite(application=application, base_url="http://t", actor=ana, reason="x")
    user = User.objects.create_user(email="pat@example.org")
    services.invitation_accept(invitation=application.invitations.get(), user=user, actor=user, reason="x")
    client.force_login(ana)
    client.post(
        "/admin/founding/application/",
        {"action": "admit", "_selected_action": [application.pk], "confirm": "yes", "reason": "Welcome"},
    )
    application.refresh_from_db()
    assert application.status == "admitted" and application.member.status == Member.Status.PROVISIONAL


def test_member_cannot_invite(ana):
    application = services.application_submit(email="pat@example.org", legal_name="Pat Doe", answers={})
    outsider = f.members(1)[0]
    with pytest.raises(PermissionDenied, match="Only the Board"):
        services.application_invite(application=application, base_url="http://t", actor=outsider, reason="x")
    application.refresh_from_db()
    assert application.status == "received"


@pytest.mark.parametrize("url", ["/admin/founding/application/", "/api/applications/"])
def test_queue_lists_run_a_constant_number_of_queries(ana, client, url):
    client.force_login(ana)
    question = services.application_question_create(text="Why?", actor=ana, reason="x")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.application_submit(email="one@example.org", legal_name="One", answers={question.pk: "a"})
    few = count()
    for n in range(6):
        services.application_submit(email=f"p{n}@example.org", legal_name=f"P{n}", answers={question.pk: "a"})
    assert count() == few


def test_members_do_not_see_the_queue(ana, client):
    client.force_login(f.members(1)[0])
    assert client.get("/api/applications/").status_code == 403


def test_an_empty_application_past_the_rate_limit_is_refused_not_a_server_error(client, ana):
    for _attempt in range(5):
        client.post("/join/", {})
    response = client.post("/join/", {})
    assert response.status_code == 429
    assert "Too many applications" in response.content.decode()
