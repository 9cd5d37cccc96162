"""The applicant hears of the Board's decision: an admission in their portal inbox, a refusal by
email (they may never have had an account), each in the language they applied in."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from coop.models import Notice, NoticeKind, User
from founding import services
from tests.factories import founding as f


@pytest.fixture
def ana(db):
    f.setup()
    return User.objects.get(email="ana@founders.coop")


def _signed_up(ana, *, language=""):
    application = services.application_submit(
        email="pat@example.org", legal_name="Pat Doe", answers={}, language=language
    )
    services.application_invite(application=application, base_url="http://t", actor=ana, reason="x")
    user = User.objects.create_user(email="pat@example.org")
    services.invitation_accept(invitation=application.invitations.get(), user=user, actor=user, reason="x")
    application.refresh_from_db()
    return application


def test_an_admission_reaches_the_new_owners_inbox_with_the_boards_note(ana, django_capture_on_commit_callbacks):
    application = _signed_up(ana)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_admit(application=application, actor=ana, reason="Glad to have you")
    notice = Notice.objects.get(recipient=application.member.user, kind=NoticeKind.APPLICATION_DECIDED)
    assert notice.subject == "Welcome: your application is accepted"
    assert "provisional owner" in notice.body and "Glad to have you" in notice.body
    assert notice.link == "/portal/membership/"
    assert [message.to for message in mail.outbox if message.subject == notice.subject] == [["pat@example.org"]]


def test_a_refusal_before_sign_up_reaches_the_applicant_by_email(ana, django_capture_on_commit_callbacks):
    application = services.application_submit(email="sam@example.org", legal_name="Sam Roe", answers={})
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(application=application, actor=ana, reason="We are not hiring this year")
    [message] = mail.outbox
    assert message.to == ["sam@example.org"]
    assert message.subject == "Your application to join the cooperative"
    assert "Sam Roe" in message.body and "We are not hiring this year" in message.body
    assert not Notice.objects.filter(kind=NoticeKind.APPLICATION_DECIDED).exists()


def test_a_refusal_is_written_in_the_language_they_applied_in(ana, django_capture_on_commit_callbacks):
    application = _signed_up(ana, language="es")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(application=application, actor=ana, reason="Sin plazas")
    [message] = mail.outbox
    assert message.subject == "Tu solicitud para unirte a la cooperativa"


def test_a_refused_decision_sends_nothing(ana, django_capture_on_commit_callbacks):
    application = services.application_submit(email="sam@example.org", legal_name="Sam Roe", answers={})
    outsider = f.members(1)[0]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied, match="Only the Board"):
        services.application_decline(application=application, actor=outsider, reason="x")
    assert mail.outbox == []
