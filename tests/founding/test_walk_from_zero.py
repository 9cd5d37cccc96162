"""The whole path a real group walks: from an empty database to an incorporated cooperative with an
elected Board, a dues-funded capital account and an approved labor contract."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from coop import startup
from coop.models import Cooperative, User
from coop.roles import Role, has_role
from founding import services as founding_services
from founding.models import Application, Convenership
from governance.models import Office
from membership.models import DuesSchedule, Member
from tests.factories import founding as f

REASON = "walk"


def _refresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_a_group_walks_from_an_empty_database_to_an_incorporated_cooperative(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    browser = Client()

    # Given an empty database, the root page leads to the setup
    assert Cooperative.objects.count() == 0
    assert browser.get("/").url == "/setup/"

    # When the first convener fills in the setup page with the token the server printed,
    # naming a second convener
    response = browser.post(
        "/setup/",
        {
            "token": founding_services.setup_token_issue(),
            "name": "Riverside Builders",
            "jurisdiction": "Oregon, USA",
            "unit": "money",
            "currency_code": "usd",
            "mission": "Build homes people can afford.",
            "email": "ana@founders.coop",
            "first_name": "Ana",
            "last_name": "Ruiz",
            "password": "a-long-founding-password",
            "other_conveners": "ben@founders.coop, Ben, Okoro",
        },
    )
    # Then the cooperative exists, both conveners hold Board powers, and the setup page is gone
    assert response.status_code == 302
    ana, ben = User.objects.get(email="ana@founders.coop"), User.objects.get(email="ben@founders.coop")
    assert all(has_role(u, Role.BOARD) for u in (ana, ben))
    assert Convenership.objects.active().count() == 2
    assert browser.get("/setup/").status_code == 404
    assert browser.get("/portal/founding/").status_code == 200

    # Recruitment: the Board asks a question, people apply on the public page and sign up by invitation
    from founding import services

    question = services.application_question_create(text="What do you build?", actor=ana, reason=REASON)
    public = Client()
    for n in range(8):
        response = public.post(
            "/join/",
            {"legal_name": f"Recruit {n}", "email": f"recruit{n}@example.org", f"answer_{question.pk}": "Frames"},
            REMOTE_ADDR=f"10.0.0.{n}",
        )
        assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        for application in Application.objects.order_by("pk"):
            services.application_invite(application=application, base_url="http://testserver", actor=ana, reason=REASON)
    links = [re.search(r"http://testserver(/join/invitation/\S+/)", m.body).group(1) for m in mail.outbox]
    for link in links:
        newcomer = Client()
        signup = newcomer.get(link, follow=True)
        email = signup.context["form"].initial["email"]
        newcomer.post(
            "/accounts/signup/", {"email": email, "password1": "a-good-pass-123!", "password2": "a-good-pass-123!"}
        )
    assert Application.objects.filter(status=Application.Status.APPLICANT).count() == 8
    for application in Application.objects.all():
        services.application_admit(application=application, actor=ana, reason=REASON)
    assert _step("recruitment").state == "done"

    # The founding General Conference adopts the Bylaws and elects the officers
    f.shares_for_everyone()
    voters = [m.user for m in Member.objects.with_rights().select_related("user")]
    f.found(ana, ben, voters)
    # Then the conveners' powers have ended: Ana keeps the Board as elected President, Ben loses it
    assert Convenership.objects.active().count() == 0
    assert has_role(_refresh(ana), Role.BOARD) and not has_role(_refresh(ben), Role.BOARD)
    assert _step("elections").state == "done"

    # Dues and the capital target: the Board starts the dues and the Conference adopts the plan
    ana_browser = Client()
    ana_browser.force_login(ana)
    ana_browser.post("/portal/founding/plan/", {"action": "dues", "reason": REASON})
    milestone = f"{timezone.localdate() + timedelta(days=90)}, Workshop, open"
    ana_browser.post("/portal/founding/plan/", {"capital_target": "5000", "reason": REASON, "milestones": milestone})
    from founding.selectors import business_plan_terms_proposed

    plan_motion = business_plan_terms_proposed().get().version.motions.get()
    secretary = User.objects.get(office_terms__office__kind=Office.Kind.SECRETARY)
    f.decide(plan_motion, board=ana, voters=voters, certifier=secretary)
    from membership import services as membership_services

    schedule = DuesSchedule.objects.get(active=True)
    membership_services.dues_charge_period(schedule=schedule, actor=ana, reason=REASON)
    for member in Member.objects.with_rights():
        membership_services.dues_payment_record(member=member, amount=Decimal("25.00"), actor=ana, reason=REASON)
    from finance.selectors.ledger import accounts_with_balances, balance_of
    from finance.services import ledger_sync

    ledger_sync(actor=ana, reason=REASON)
    cash = accounts_with_balances().get(code="1000")
    assert balance_of(cash) == Decimal("250.00") + Decimal("1000.00")  # ten members' dues and ten shares at par
    assert _step("dues").state == "done"

    # The gates hold in the club phase, naming the missing step
    # Oversight and operations stay apart: the CEO is an owner who holds no Board office.
    from governance.models import OfficeTerm
    from governance.services import office_appoint

    ceo = next(v for v in voters if not OfficeTerm.objects.active().filter(holder=v).exists())
    from tests.factories import labor_contracts as lc

    office_appoint(office=Office.objects.get(kind=Office.Kind.CEO), holder=ceo, actor=ana, reason=REASON)
    ceo = _refresh(ceo)
    contract = lc.contract_draft(ceo)
    from labor_contracts import services as labor

    labor.contract_negotiate(contract=contract, actor=ceo, reason=REASON)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Incorporation"):
        labor.contract_approve(contract=contract, actor=_refresh(ana), reason=REASON)

    # Incorporation: the Articles print with the officers, and the Board records the filing
    articles = ana_browser.get("/portal/founding/articles/")
    assert b"Riverside Builders" in articles.content and b"President" in articles.content
    response = ana_browser.post(
        "/portal/founding/incorporation/",
        {
            "legal_form": "c_corp",
            "incorporated_on": timezone.localdate().isoformat(),
            "registration_number": "OR-2026-1",
            "reason": REASON,
        },
    )
    assert response.status_code == 302
    assert Cooperative.objects.get().is_incorporated

    # Labor contracts unlock: the Board approves the contract the CEO negotiated
    contract = labor.contract_approve(contract=contract, actor=_refresh(ana), reason=REASON)
    assert contract.status == "approved"
    states = {s.key: s.state for s in startup.evaluate(Cooperative.objects.get())}
    assert [states[k] for k in ("server_setup", "recruitment", "elections", "dues", "incorporation")] == ["done"] * 5


def _step(key):
    return next(s for s in startup.evaluate(Cooperative.objects.first()) if s.key == key)
