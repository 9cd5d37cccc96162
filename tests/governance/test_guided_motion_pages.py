"""The doors of the guided motion workflow: the kind picker and the form per kind, the close and
certify confirmations, and the nominee's page to accept or decline."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from coop import services as coop_services
from coop.models import DocumentVersion, GoverningDocument
from governance import services
from governance.models import Choice, Motion, Office, OfficeTerm
from tests.clients import logged_in
from tests.factories import governance as gf
from tests.factories.membership import member_create

ADD = "admin:governance_motion_add"


def test_add_motion_first_asks_for_the_kind(board_client, bodies):
    page = board_client.get(reverse(ADD))
    assert page.status_code == 200
    html = page.content.decode()
    for kind in ("ordinary", "policy_change", "bylaw_amendment", "election", "recall"):
        assert f'href="?kind={kind}"' in html
    assert "?kind=mediation_escalation" not in html  # escalated from its mediation case, not proposed here
    assert board_client.get(reverse(ADD) + "?kind=nonsense").templates[0].name.endswith("choose_kind.html")


@pytest.mark.parametrize(
    ("kind", "present", "absent"),
    [
        ("ordinary", {"body", "title", "text", "secret"}, {"policy_key", "office", "recall_term", "method"}),
        ("policy_change", {"policy_key", "policy_value"}, {"office", "recall_term", "document_version", "method"}),
        ("election", {"office", "method", "seats"}, {"policy_key", "recall_term", "document_version"}),
        ("recall", {"recall_term"}, {"policy_key", "office", "document_version", "method"}),
        ("bylaw_amendment", {"document_version"}, {"policy_key", "office", "recall_term", "method"}),
        ("pay_band_change", {"pay_band_role", "pay_band_minimum"}, {"policy_key", "office", "surplus_year"}),
    ],
)
def test_each_kind_asks_only_what_it_needs(board_client, bodies, kind, present, absent):
    form = board_client.get(reverse(ADD) + f"?kind={kind}").context["adminform"].form
    assert present <= set(form.fields)
    assert not absent & set(form.fields)


def test_choices_are_named_by_what_people_read(board_client, board, bodies):
    form = board_client.get(reverse(ADD) + "?kind=policy_change").context["adminform"].form
    labels = dict(form.fields["policy_key"].choices)
    assert labels["share_cap_count"] == "Share cap (count) (now 50)"
    election = board_client.get(reverse(ADD) + "?kind=election").context["adminform"].form
    assert set(election.fields["office"].queryset) == set(Office.objects.elected())
    assert "plurality" in dict(election.fields["method"].choices) and "yes_no" not in dict(
        election.fields["method"].choices
    )
    assert election.fields["secret"].disabled and election.initial.get("secret", election.fields["secret"].initial)
    recall = board_client.get(reverse(ADD) + "?kind=recall").context["adminform"].form
    term = OfficeTerm.objects.active().get(holder=board)
    assert board.get_full_name() in recall.fields["recall_term"].label_from_instance(term)


def test_an_amendment_lists_the_proposed_versions_of_its_own_document(board_client, board_user, bodies):
    coop_services.documents_install_templates(actor=None, reason="setup")
    bylaws = GoverningDocument.objects.get(kind="bylaws")
    version = coop_services.document_version_propose(
        document=bylaws, text="# Bylaws\n\nNew clause.", summary="A new clause", actor=board_user, reason="Draft"
    )
    form = board_client.get(reverse(ADD) + "?kind=bylaw_amendment").context["adminform"].form
    assert list(form.fields["document_version"].queryset) == [version]
    assert "A new clause" in form.fields["document_version"].label_from_instance(version)
    articles = board_client.get(reverse(ADD) + "?kind=articles_amendment").context["adminform"].form
    assert version not in articles.fields["document_version"].queryset
    assert DocumentVersion.objects.filter(pk=version.pk, status="proposed").exists()


def test_a_policy_change_is_proposed_by_choosing_its_number(board_client, board, bodies):
    response = board_client.post(
        reverse(ADD) + "?kind=policy_change",
        {
            "body": bodies["general_conference"].pk,
            "title": "Smaller share cap",
            "policy_key": "share_cap_count",
            "policy_value": "40",
            "change_reason": "Spring agenda",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    motion = Motion.objects.get(title="Smaller share cap")
    assert (motion.kind, motion.policy_key, motion.policy_value, motion.secret) == (
        "policy_change",
        "share_cap_count",
        "40",
        False,
    )
    change = board_client.get(reverse("admin:governance_motion_change", args=[motion.pk])).content.decode()
    assert "Share cap (count) → 40" in change


def test_an_election_from_the_admin_is_secret_even_when_the_box_is_forged_off(board_client, board, bodies):
    office = Office.objects.get(kind=Office.Kind.DIRECTOR)
    response = board_client.post(
        reverse(ADD) + "?kind=election",
        {
            "body": bodies["general_conference"].pk,
            "title": "Director",
            "office": office.pk,
            "method": "plurality",
            "seats": "",
            "secret": "",
            "change_reason": "Term ends",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Motion.objects.get(title="Director").secret is True


def _action(client, action, motion, reason=None):
    data = {"action": action, ACTION_CHECKBOX_NAME: [motion.pk]}
    if reason:
        data.update({"confirm": "yes", "reason": reason})
    return client.post(reverse("admin:governance_motion_changelist"), data)


def test_closing_early_warns_with_time_left_and_turnout_by_weight(board_client, board_user, owners):
    gf.officer(Office.Kind.PRESIDENT, board_user)
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board_user, hours=72)
    for voter in owners[:2]:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    roll = sum(e.weight for e in motion.roll.all())
    page = _action(board_client, "close_votes", motion).content.decode()
    assert "cuts the vote short by 2\xa0days" in page
    assert f"2 of {roll:.0f} weight" in page and "quorum needs" in page
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.OPEN  # nothing happens before the confirm


def test_closing_on_time_shows_no_warning(board_client, board_user, owners):
    gf.officer(Office.Kind.PRESIDENT, board_user)
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board_user)
    now = timezone.now()
    Motion.objects.filter(pk=motion.pk).update(opens_at=now - timedelta(hours=3), closes_at=now - timedelta(hours=1))
    page = _action(board_client, "close_votes", motion).content.decode()
    assert "cuts the vote short" not in page and "Turnout so far" in page


def test_the_certify_confirmation_names_the_outcome_it_applies(board_client, board_user, owners):
    gf.officer(Office.Kind.PRESIDENT, board_user)
    motion = gf.motion(proposer=owners[0], kind=Motion.Kind.POLICY_CHANGE, policy_key="dues_amount", policy_value="30")
    gf.open_motion(motion, board=board_user)
    for entry in motion.roll.select_related("voter"):
        services.ballot_cast(motion=motion, cast_by=entry.voter, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board_user, reason="Over")
    page = _action(board_client, "certify_results", motion).content.decode()
    assert "Adopted. Sets the policy number “Club-phase dues per period” from 25.00 to 30." in page


def test_the_nominee_accepts_or_declines_on_their_own_page(owners, bodies):
    election = gf.motion(
        proposer=owners[0],
        kind=Motion.Kind.ELECTION,
        method=Motion.Method.PLURALITY,
        office=Office.objects.get(kind=Office.Kind.DIRECTOR),
        title="Director",
    )
    choice = services.nomination_submit(motion=election, candidate=owners[1], actor=owners[0], reason="Nominate")
    nominee = logged_in(owners[1])
    page = nominee.get(reverse("governance:nominations")).content.decode()
    assert "Director" in page and "Accept and stand" in page
    assert "Answer your nominations" in nominee.get(reverse("governance:index")).content.decode()
    # someone else cannot answer it: it is not theirs to find
    other = logged_in(owners[2])
    assert (
        other.post(reverse("governance:nomination_answer", args=[choice.pk]), {"answer": "accept"}).status_code == 404
    )
    response = nominee.post(
        reverse("governance:nomination_answer", args=[choice.pk]), {"answer": "accept"}, follow=True
    )
    assert "You stand in" in response.content.decode()
    assert Choice.objects.get(pk=choice.pk).consent == Choice.Consent.ACCEPTED
    nominee.post(reverse("governance:nomination_answer", args=[choice.pk]), {"answer": "decline"})
    assert Choice.objects.get(pk=choice.pk).consent == Choice.Consent.DECLINED


def test_nominating_an_applicant_from_the_portal_says_why_not(owners, bodies):
    election = gf.motion(
        proposer=owners[0],
        kind=Motion.Kind.ELECTION,
        method=Motion.Method.PLURALITY,
        office=Office.objects.get(kind=Office.Kind.DIRECTOR),
        title="Director",
    )
    applicant = member_create(status="applicant").user
    client = logged_in(owners[0])
    response = client.post(
        reverse("governance:nominate", args=[election.pk]), {"candidate_email": applicant.email}, follow=True
    )
    assert "not admitted yet" in response.content.decode()
    assert not election.choices.exists()
