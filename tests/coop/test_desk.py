"""The officer's desk: each app's count matches the records its services made, each link opens
exactly those rows, each person sees what their role and office decide, in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coop.desk import Section, desk_for, register_desk_item
from coop.roles import Role
from finance import services as finance_services
from founding import services as founding_services
from governance import selectors as governance_selectors
from governance import services as governance_services
from governance.models import Office
from labor_contracts import services as labor_services
from membership import services as membership_services
from membership.selectors import member_for_user
from tests.clients import logged_in
from tests.factories import finance as ff
from tests.factories import governance as gf
from tests.factories import labor_contracts as lf
from tests.factories.coop import UserFactory
from tests.factories.finance import dispute

pytestmark = pytest.mark.django_db
REASON = "test"


def _counts(user) -> dict[str, int]:
    return {entry.key: entry.count for entry in desk_for(user)}


def _share_request(quantity: int = 2):
    user = gf.owner(shares=1)
    member = member_for_user(user)
    return membership_services.share_request_submit(
        member=member, kind="purchase", quantity=quantity, actor=user, reason=REASON
    )


def _timesheet(contract, owner, day):
    entry = labor_services.timesheet_log(
        owner=owner, contract=contract, day=day, hours=Decimal("3"), actor=owner, reason=REASON
    )
    return labor_services.timesheet_submit(entry=entry, actor=owner, reason=REASON)


def test_a_share_request_waits_on_the_boards_desk_until_decided(cooperative, board_user, operations_user):
    # Given a member asked for shares through the portal's service
    request = _share_request()
    # Then the Board's desk counts it, and Operations' desk has no such item
    assert _counts(board_user)["membership.share_requests"] == 1
    assert "membership.share_requests" not in _counts(operations_user)
    # When the Board approves it, the count falls to zero
    membership_services.share_request_approve(share_request=request, actor=board_user, reason=REASON)
    assert _counts(board_user)["membership.share_requests"] == 0


def test_applications_wait_until_admitted_or_declined(cooperative, board_user):
    # Given two people applied on the public page
    first = founding_services.application_submit(email="ana@example.org", legal_name="Ana", answers={})
    founding_services.application_submit(email="ben@example.org", legal_name="Ben", answers={})
    assert _counts(board_user)["founding.applications"] == 2
    # When the Board declines one, one waits
    founding_services.application_decline(application=first, actor=board_user, reason=REASON)
    assert _counts(board_user)["founding.applications"] == 1


def test_motions_to_open_and_close_wait_for_the_board(cooperative, board_user):
    # Given a draft motion
    proposer = gf.owner(shares=1)
    motion = gf.motion(proposer=proposer, title="Adopt the budget")
    assert _counts(board_user)["governance.motions_to_open"] == 1
    # When the Board opens it, it is no longer to open, and not to close before its closing time
    gf.open_motion(motion, board=board_user, hours=2)
    counts = _counts(board_user)
    assert counts["governance.motions_to_open"] == 0
    assert counts["governance.motions_to_close"] == 0
    # Once its closing time has come it is to close
    assert list(governance_selectors.motions_to_close(at=timezone.now() + timedelta(hours=3))) == [motion]


def _closed(motion, board):
    gf.open_motion(motion, board=board)
    for entry in motion.roll.select_related("voter"):
        governance_services.ballot_cast(motion=motion, cast_by=entry.voter, marks=gf.yes(motion))
    governance_services.motion_close(motion=motion, actor=board, reason=REASON)
    return motion


def test_a_result_waits_for_the_secretary_not_for_every_board_officer(cooperative):
    # Given a Secretary, a President and a Director in office, and a closed motion
    secretary = gf.officer(Office.Kind.SECRETARY)
    president = gf.officer(Office.Kind.PRESIDENT)
    director = gf.officer(Office.Kind.DIRECTOR)
    motion = _closed(gf.motion(proposer=director, title="Buy a van"), president)
    # Then the Secretary has it to certify; the President and the Director do not
    assert _counts(secretary)["governance.motions_to_certify"] == 1
    assert _counts(president)["governance.motions_to_certify"] == 0
    assert _counts(director)["governance.motions_to_certify"] == 0
    # And someone with the Board role but no office has no certification item at all
    assert "governance.motions_to_certify" not in _counts(UserFactory(roles=[Role.BOARD]))
    # When the Secretary certifies it, it leaves the desk
    governance_services.motion_certify(motion=motion, actor=secretary, reason=REASON)
    assert _counts(secretary)["governance.motions_to_certify"] == 0


def test_the_president_certifies_where_the_secretary_stands_as_candidate(cooperative):
    # Given the Secretary stands in a closed election to a Director's seat
    secretary = gf.officer(Office.Kind.SECRETARY)
    president = gf.officer(Office.Kind.PRESIDENT)
    election = gf.election(proposer=president, board=president, candidates=[secretary], seats=1, open_it=False)
    # Elections are secret under the bylaws (5.2): enough voters that no ballot can be traced
    for _owner in range(3):
        gf.owner()
    gf.open_motion(election, board=president)
    governance_services.motion_close(motion=election, actor=president, reason=REASON)
    # Then the President has it to certify and the Secretary does not
    assert _counts(president)["governance.motions_to_certify"] == 1
    assert _counts(secretary)["governance.motions_to_certify"] == 0
    governance_services.motion_certify(motion=election, actor=president, reason=REASON)
    assert _counts(president)["governance.motions_to_certify"] == 0


def test_a_motion_on_the_secretarys_own_pay_waits_for_the_president(cooperative):
    # Given the Secretary is paid in the Builder band, and a vote on that band has closed
    secretary = gf.officer(Office.Kind.SECRETARY)
    president = gf.officer(Office.Kind.PRESIDENT)
    ff.rate(secretary, ff.band(role="Builder"), "30.00", president)
    motion = _closed(gf.pay_band_motion(proposer=president, role="Builder"), president)
    # Then the desk gives it to the President, as certifying would, and not to the Secretary
    assert _counts(secretary)["governance.motions_to_certify"] == 0
    assert _counts(president)["governance.motions_to_certify"] == 1
    governance_services.motion_certify(motion=motion, actor=president, reason=REASON)
    assert _counts(president)["governance.motions_to_certify"] == 0


def test_terms_ending_within_thirty_days_are_counted(cooperative):
    # Given a Treasurer elected for the office's term
    treasurer = gf.officer(Office.Kind.TREASURER)
    term = treasurer.office_terms.get()
    ends = timezone.localdate(term.ends_at)
    # Then the term is on the desk from thirty days before it ends, not earlier
    assert governance_selectors.terms_expiring(today=ends - timedelta(days=31)).count() == 0
    assert list(governance_selectors.terms_expiring(today=ends - timedelta(days=30))) == [term]
    assert _counts(treasurer)["governance.terms_expiring"] == 0


@pytest.fixture
def contract(cooperative, board_user, operations_user):
    lf.documents_install()
    lf.incorporate(cooperative, board_user)
    return lf.contract_active(operations_user, board_user)


def test_timesheets_wait_for_managers_other_than_their_owner(contract, board_user, operations_user):
    # Given an owner and a manager each submitted hours on the contract
    owner = lf.owner_create(email="owner@example.coop")
    manager = gf.officer(Office.Kind.MANAGER)
    lf.assign(contract, owner, operations_user)
    lf.assign(contract, manager, operations_user)
    day = timezone.localdate() - timedelta(days=1)
    entry = _timesheet(contract, owner, day)
    _timesheet(contract, manager, day)
    # Then the CEO sees both; the manager only the owner's (nobody approves their own hours)
    assert _counts(operations_user)["labor_contracts.timesheets_to_approve"] == 2
    assert _counts(manager)["labor_contracts.timesheets_to_approve"] == 1
    assert "labor_contracts.timesheets_to_approve" not in _counts(board_user)
    # When the CEO approves the owner's entry, one waits
    labor_services.timesheet_approve(entry=entry, actor=operations_user, reason=REASON)
    assert _counts(operations_user)["labor_contracts.timesheets_to_approve"] == 1


def test_a_negotiated_contract_waits_for_the_board(cooperative, board_user, operations_user):
    lf.documents_install()
    lf.incorporate(cooperative, board_user)
    contract = lf.contract_draft(operations_user)
    assert _counts(board_user)["labor_contracts.contracts_to_approve"] == 0
    labor_services.contract_negotiate(contract=contract, actor=operations_user, reason=REASON)
    assert _counts(board_user)["labor_contracts.contracts_to_approve"] == 1
    labor_services.contract_approve(contract=contract, actor=board_user, reason=REASON)
    assert _counts(board_user)["labor_contracts.contracts_to_approve"] == 0


def test_a_payroll_run_moves_from_operations_to_the_board_and_back(cooperative, board_user, operations_user):
    lf.documents_install()
    lf.incorporate(cooperative, board_user)
    today = timezone.localdate()
    run = finance_services.payroll_run_draft(
        period_start=today - timedelta(days=40),
        period_end=today - timedelta(days=10),
        actor=operations_user,
        reason=REASON,
    )
    assert _counts(operations_user)["finance.payroll_draft"] == 1
    assert "finance.payroll_draft" not in _counts(board_user)
    finance_services.payroll_run_review(run=run, actor=operations_user, reason=REASON)
    assert _counts(operations_user)["finance.payroll_draft"] == 0
    assert _counts(board_user)["finance.payroll_reviewed"] == 1
    finance_services.payroll_run_approve(run=run, actor=board_user, reason=REASON)
    assert _counts(board_user)["finance.payroll_reviewed"] == 0
    assert _counts(operations_user)["finance.payroll_approved"] == 1


def test_a_raised_review_dispute_waits_for_the_board(cooperative, board_user, operations_user):
    raised, _mediator = dispute(operations_user, board_user)
    assert _counts(board_user)["finance.disputes_to_refer"] == 1
    assert raised.mediation_case is None


def test_the_auditor_acts_in_nothing_so_nothing_waits(cooperative, auditor_user, auditor_client):
    _share_request()
    assert desk_for(auditor_user) == []
    page = auditor_client.get(reverse("admin:index")).content.decode()
    assert "Nothing waits for you." in page


def test_each_desk_link_opens_exactly_the_rows_counted(contract, board_user, operations_user):
    # Given something waiting in every app
    _share_request()
    _share_request(quantity=1)
    founding_services.application_submit(email="ana@example.org", legal_name="Ana", answers={})
    gf.motion(proposer=gf.owner(shares=1), title="Adopt the budget")
    owner = lf.owner_create(email="owner@example.coop")
    lf.assign(contract, owner, operations_user)
    _timesheet(contract, owner, timezone.localdate() - timedelta(days=2))
    lf.contract_draft(operations_user, title="Second crew")
    today = timezone.localdate()
    finance_services.payroll_run_draft(
        period_start=today - timedelta(days=40),
        period_end=today - timedelta(days=10),
        actor=operations_user,
        reason=REASON,
    )
    # When each officer follows each link on their desk
    for user in (board_user, operations_user):
        client = logged_in(user)
        entries = desk_for(user)
        assert any(entry.count for entry in entries)
        for entry in entries:
            response = client.get(entry.url)
            # Then the page shows exactly the rows the desk counted
            assert response.status_code == 200, (entry.key, entry.url)
            if entry.url.split("?")[0].endswith("/add/"):
                # A task to start, not rows to go through: the link opens the form that does it
                assert "adminform" in response.context, (entry.key, entry.url)
                continue
            assert response.context["cl"].result_count == entry.count, (entry.key, entry.url)


def test_the_admin_index_is_the_desk_then_the_tables_by_task(cooperative, board_user, board_client):
    _share_request()
    response = board_client.get(reverse("admin:index"))
    page = response.content.decode()
    assert "Waiting for you" in page
    share_entry = next(e for e in desk_for(board_user) if e.key == "membership.share_requests")
    assert share_entry.url.replace("&", "&amp;") in page
    titles = [group["title"] for group in response.context["task_groups"]]
    assert titles[:3] == ["Membership", "Votes and offices", "Work and contracts"]
    assert "Records" in titles
    membership = next(g for g in response.context["task_groups"] if g["key"] == Section.MEMBERSHIP)
    assert {"ShareRequest", "Member", "Application"} <= {m["object_name"] for m in membership["models"]}
    work = next(g for g in response.context["task_groups"] if g["key"] == Section.WORK)
    milestones = [m for m in work["models"] if m["object_name"] == "Milestone"]
    assert sorted(m["qualifier"] for m in milestones) == ["Labor contracts", "Projects"]


def test_the_portal_home_tells_the_president_a_share_request_waits(cooperative, board_user, board_client):
    # Given a share request waiting for the Board
    _share_request()
    # When a Board officer opens their home
    page = board_client.get(reverse("portal:home")).content.decode()
    # Then it no longer says nothing needs them, and it links to the decision
    assert "Nothing needs you right now." not in page
    assert "Share requests waiting for the Board" in page
    assert reverse("admin:membership_sharerequest_changelist") in page


def test_an_officer_with_nothing_waiting_is_told_so(cooperative, operations_user, operations_client):
    page = operations_client.get(reverse("portal:home")).content.decode()
    assert "No decision waits for your office." in page
    admin = operations_client.get(reverse("admin:index")).content.decode()
    assert "Nothing waits for you." in admin


def _desk_queries(user) -> int:
    desk_for(user)  # warm per-process caches (content types, the roles cached on the user)
    with CaptureQueriesContext(connection) as queries:
        desk_for(user)
    return len(queries)


def test_the_desk_runs_the_same_queries_whatever_the_rows(contract, board_user, operations_user):
    # Given an almost empty desk
    secretary = gf.officer(Office.Kind.SECRETARY)
    few_board, few_ops, few_secretary = (
        _desk_queries(board_user),
        _desk_queries(operations_user),
        _desk_queries(secretary),
    )
    # When many rows wait in every app
    for number in range(4):
        _share_request(quantity=number + 1)
        founding_services.application_submit(email=f"p{number}@example.org", legal_name=f"P{number}", answers={})
        _closed(gf.motion(proposer=secretary, title=f"Motion {number}"), board_user)
        owner = lf.owner_create(email=f"owner{number}@example.coop")
        lf.assign(contract, owner, operations_user)
        _timesheet(contract, owner, timezone.localdate() - timedelta(days=1))
    assert _counts(secretary)["governance.motions_to_certify"] == 4
    # Then each desk runs the same number of queries
    assert _desk_queries(board_user) == few_board
    assert _desk_queries(operations_user) == few_ops
    assert _desk_queries(secretary) == few_secretary


def test_the_admin_index_runs_the_same_queries_whatever_the_rows(cooperative, board_user, board_client):
    board_client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as few:
        board_client.get(reverse("admin:index"))
    for number in range(5):
        _share_request(quantity=number + 1)
    with CaptureQueriesContext(connection) as many:
        response = board_client.get(reverse("admin:index"))
    assert "5 decisions wait for you." in response.content.decode()
    assert len(many) == len(few)


def test_a_desk_key_has_one_owner():
    with pytest.raises(ImproperlyConfigured):
        register_desk_item(
            "membership.share_requests",
            "Someone else's",
            section=Section.MEMBERSHIP,
            count_fn=lambda user: 0,
            url_fn=lambda: "/",
            roles=(Role.BOARD,),
        )
