"""The sequence's gates, each naming the missing step, and the business plan adopted by vote."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from coop.models import Cooperative, User
from founding import services
from founding.selectors import business_plan_terms_in_force, capital_progress
from labor_contracts.selectors import capital_against_target
from tests.factories import founding as f


def _fresh(user):
    return User.objects.get(pk=user.pk)


def test_incorporation_before_the_founding_election_is_refused_everywhere(founded_setup):
    ana, _ben = founded_setup
    with pytest.raises(ValidationError, match="Elections"):
        services.incorporation_record(
            legal_form="c_corp", incorporated_on=timezone.localdate(), registration_number="OR-1", actor=ana, reason="x"
        )
    client = Client()
    client.force_login(ana)
    page = client.post(
        "/portal/founding/incorporation/",
        {"legal_form": "c_corp", "reason": "x", "incorporated_on": timezone.localdate(), "registration_number": "OR-1"},
    )
    assert page.status_code == 400 and "Elections" in page.content.decode()
    api = client.post(
        "/api/incorporation/",
        {
            "legal_form": "c_corp",
            "incorporated_on": str(timezone.localdate()),
            "registration_number": "OR-1",
            "reason": "x",
        },
        content_type="application/json",
    )
    assert api.status_code == 400 and "incorporated_on" in api.json()
    assert not Cooperative.objects.get().is_incorporated


def test_payroll_in_the_club_phase_names_the_incorporation_step(founded_setup):
    from finance.services import payroll_run_draft

    ana, _ben = founded_setup
    with pytest.raises(ValidationError, match="Incorporation"):
        payroll_run_draft(period_start=date(2026, 1, 1), period_end=date(2026, 1, 31), actor=ana, reason="x")


def test_business_plan_adopted_by_vote_sets_the_capital_target(founded_setup, voters):
    ana, ben = founded_setup
    motion = services.business_plan_propose(
        capital_target=Decimal("5000"),
        actor=ana,
        reason="x",
        milestones=[services.MilestoneSpec("Workshop", timezone.localdate() + timedelta(days=60))],
    )
    # Before the vote the plan has no figures in force
    assert business_plan_terms_in_force() is None
    f.decide(motion, board=ben, voters=voters)
    assert business_plan_terms_in_force().capital_target == Decimal("5000.00")
    # The labor contracts app measures its step against the same target
    assert capital_against_target().target == Decimal("5000.00")
    progress = capital_progress()
    assert progress.shares == Decimal("1000.00") and progress.percent == Decimal("20.0")


def test_a_float_capital_target_is_refused(founded_setup):
    ana, _ben = founded_setup
    with pytest.raises(ValidationError) as error:
        services.business_plan_propose(
            capital_target=5000.0, actor=ana, reason="x", milestones=[services.MilestoneSpec("W", timezone.localdate())]
        )
    assert "capital_target" in error.value.message_dict


def test_business_plan_step_asks_to_link_and_complete_the_milestones(founded_setup, voters):
    from coop import startup
    from projects.models import Project

    ana, ben = founded_setup
    f.decide(
        services.business_plan_propose(
            capital_target="5000",
            actor=ana,
            reason="x",
            milestones=[services.MilestoneSpec("Workshop", timezone.localdate())],
        ),
        board=ben,
        voters=voters,
    )
    step = next(s for s in startup.evaluate(Cooperative.objects.get()) if s.key == "business_plan")
    assert "Link the milestone “Workshop”" in step.needs[0]
    from coop import services as coop_services
    from coop.roles import Role
    from tests.factories.projects import project_create

    coop_services.role_grant(user=ana, role=Role.OPERATIONS, actor=None, reason="x")
    project = project_create(actor=_fresh(ana))
    milestone = business_plan_terms_in_force().milestones.get()
    services.milestone_link_project(milestone=milestone, project=project, actor=_fresh(ana), reason="x")
    step = next(s for s in startup.evaluate(Cooperative.objects.get()) if s.key == "business_plan")
    assert step.needs[0].startswith("Complete the project") and project.status != Project.Status.COMPLETED


def test_dues_start_only_once_and_only_by_the_board(founded_setup):
    ana, _ben = founded_setup
    services.club_dues_start(actor=ana, reason="x")
    with pytest.raises(ValidationError, match="already running"):
        services.club_dues_start(actor=ana, reason="x")
    with pytest.raises(PermissionDenied, match="Only the Board"):
        services.club_dues_start(actor=f.members(1, prefix="late")[0], reason="x")


def test_founding_pages_render_for_a_member(founded_setup):
    client = Client()
    client.force_login(User.objects.get(email="member0@founders.coop"))
    for url in [
        "/portal/founding/",
        "/portal/founding/conference/",
        "/portal/founding/plan/",
        "/portal/founding/articles/",
        "/portal/founding/incorporation/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.post("/portal/founding/plan/", {"action": "dues", "reason": "x"}).status_code == 403
