"""The guided motion workflow's rules, at the service level: policy numbers named by label, secret
elections as the Bylaws require, nominees who consent and are eligible, the close and the
certification that say what they will do, and the dues schedule that follows the dues amount."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coop import policy
from coop import services as coop_services
from governance import selectors, services
from governance.models import Choice, Motion, Office, OfficeTerm
from membership import services as membership_services
from membership.models import DuesSchedule, Member
from tests.factories import governance as gf
from tests.factories.coop import role_officer
from tests.factories.membership import member_create


def _election(proposer, seats=1, **kwargs):
    office = Office.objects.get(kind=Office.Kind.DIRECTOR)
    return gf.motion(
        proposer=proposer,
        kind=Motion.Kind.ELECTION,
        method=Motion.Method.PLURALITY,
        office=office,
        seats=seats,
        title="Director",
        **kwargs,
    )


# --- policy numbers by label ----------------------------------------------------------------------


def test_a_policy_change_names_its_number_by_the_label_people_read(owners):
    motion = gf.motion(
        proposer=owners[0], kind=Motion.Kind.POLICY_CHANGE, policy_key="share cap (COUNT)", policy_value="40"
    )
    assert (motion.policy_key, motion.policy_value) == ("share_cap_count", "40")
    by_key = gf.motion(proposer=owners[0], kind=Motion.Kind.POLICY_CHANGE, policy_key="dues_amount", policy_value="30")
    assert by_key.policy_key == "dues_amount"


def test_an_unknown_policy_number_is_refused_naming_the_field_and_listing_the_labels(owners):
    with pytest.raises(ValidationError) as refused:
        gf.motion(proposer=owners[0], kind=Motion.Kind.POLICY_CHANGE, policy_key="Share limit", policy_value="40")
    message = refused.value.message_dict["policy_key"][0]
    assert "Share limit" in message and "Share cap (count)" in message


def test_a_value_out_of_bounds_is_refused_naming_the_value(owners):
    with pytest.raises(ValidationError) as refused:
        gf.motion(
            proposer=owners[0],
            kind=Motion.Kind.POLICY_CHANGE,
            policy_key="Quorum (% of eligible weight)",
            policy_value="150",
        )
    assert "at most 100" in refused.value.message_dict["policy_value"][0]


def test_the_policy_select_shows_each_label_with_its_value_in_force(owners):
    choices = dict(selectors.policy_choices())
    assert choices["share_cap_count"] == "Share cap (count) (now 50)"
    assert all(label != key for key, label in choices.items())
    assert policy.find("Dues period (days)").key == "dues_period_days"


# --- secret ballots (Bylaws 5.2) ------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Motion.Kind.ELECTION, Motion.Kind.RECALL])
def test_elections_and_recalls_are_secret_unless_asked_otherwise_and_cannot_be_recorded(owners, board, kind):
    def propose(**extra):
        if kind == Motion.Kind.ELECTION:
            return _election(owners[0], **extra)
        term = OfficeTerm.objects.active().get(holder=board)
        return gf.motion(proposer=owners[0], kind=kind, recall_term=term, title="Recall", **extra)

    assert propose().secret is True
    with pytest.raises(ValidationError) as refused:
        propose(secret=False)
    assert "5.2" in refused.value.message_dict["secret"][0]
    assert services.secret_ballot_required(kind)


def test_an_ordinary_motion_is_recorded_unless_it_asks_for_a_secret_ballot(owners):
    assert gf.motion(proposer=owners[0]).secret is False
    assert gf.motion(proposer=owners[0], secret=True).secret is True
    assert not services.secret_ballot_required(Motion.Kind.ORDINARY)


# --- nominees consent and are eligible ------------------------------------------------------------


def test_a_self_nomination_stands_at_once_and_someone_elses_waits_for_the_nominee(owners):
    election = _election(owners[0])
    own = services.nomination_submit(motion=election, candidate=owners[0], actor=owners[0], reason="I stand")
    other = services.nomination_submit(motion=election, candidate=owners[1], actor=owners[0], reason="Nominate")
    assert own.consent == Choice.Consent.ACCEPTED and own.answered_at is not None
    assert other.consent == Choice.Consent.PENDING and other.answered_at is None
    assert list(selectors.nominations_for(owners[1])) == [other]


def test_only_the_nominee_answers_their_nomination(owners):
    election = _election(owners[0])
    choice = services.nomination_submit(motion=election, candidate=owners[1], actor=owners[0], reason="Nominate")
    with pytest.raises(PermissionDenied):
        services.nomination_answer(choice=choice, accept=True, actor=owners[0], reason="For them")
    accepted = services.nomination_answer(choice=choice, accept=True, actor=owners[1], reason="Yes")
    assert accepted.consent == Choice.Consent.ACCEPTED


def test_a_declined_nominee_is_not_nominated_again(owners):
    election = _election(owners[0])
    choice = services.nomination_submit(motion=election, candidate=owners[1], actor=owners[0], reason="Nominate")
    services.nomination_answer(choice=choice, accept=False, actor=owners[1], reason="No thanks")
    with pytest.raises(ValidationError) as refused:
        services.nomination_submit(motion=election, candidate=owners[1], actor=owners[2], reason="Again")
    assert "declined" in refused.value.message_dict["candidate"][0]


def test_only_accepted_nominees_are_on_the_ballot_when_it_opens(owners, board):
    election = _election(owners[0])
    services.nomination_submit(motion=election, candidate=owners[0], actor=owners[0], reason="I stand")
    pending = services.nomination_submit(motion=election, candidate=owners[1], actor=owners[0], reason="Nominate")
    declined = services.nomination_submit(motion=election, candidate=owners[2], actor=owners[0], reason="Nominate")
    services.nomination_answer(choice=declined, accept=False, actor=owners[2], reason="No")
    gf.open_motion(election, board=board)
    assert list(election.choices.values_list("candidate", flat=True)) == [owners[0].pk]
    assert not Choice.objects.filter(pk__in=[pending.pk, declined.pk]).exists()
    with pytest.raises(ValidationError) as refused:
        services.nomination_answer(choice=election.choices.get(), accept=False, actor=owners[0], reason="Late")
    assert "opened" in refused.value.message_dict["motion"][0]


def test_an_election_without_enough_accepted_nominees_does_not_open(owners, board):
    election = _election(owners[0])
    services.nomination_submit(motion=election, candidate=owners[1], actor=owners[0], reason="Nominate")
    with pytest.raises(ValidationError) as refused:
        gf.open_motion(election, board=board)
    assert "accepted" in refused.value.message_dict["choices"][0]
    assert Motion.objects.get(pk=election.pk).status == Motion.Status.DRAFT  # nothing of the open is kept
    assert election.choices.count() == 1


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Member.Status.APPLICANT, "applicant has no member's rights"),
        (Member.Status.SUSPENDED, "suspended"),
        (Member.Status.DEPARTED, "left the cooperative"),
    ],
)
def test_a_member_without_rights_is_refused_as_a_nominee_with_a_clear_message(owners, status, words):
    election = _election(owners[0])
    person = member_create(status=status).user
    with pytest.raises(ValidationError) as refused:
        services.nomination_submit(motion=election, candidate=person, actor=owners[0], reason="Nominate")
    assert words in refused.value.message_dict["candidate"][0]
    assert not election.choices.exists()


# --- closing early and certifying say what they do ------------------------------------------------


def test_the_close_check_measures_turnout_in_weight_against_the_quorum_weight(board):
    gf.voting_mode("share")
    voters = [gf.owner(shares=n) for n in (1, 2, 3, 10)]
    motion = gf.open_motion(gf.motion(proposer=voters[0]), board=board, hours=96)
    for voter in voters[:3]:  # 6 of 16 weight, 3 of 4 voters: a majority of heads, not of weight
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    [check] = selectors.close_checks([motion])
    roll = sum(e.weight for e in motion.roll.all())
    assert check.early and timedelta(hours=95) < check.time_left <= timedelta(hours=96)
    assert (check.participants, check.cast_weight, check.roll_weight) == (3, Decimal(6), roll)
    assert check.quorum_weight == (roll / 2).quantize(Decimal("0.01"))
    assert not check.quorum_met and check.weight_missing == check.quorum_weight - 6


def test_a_vote_past_its_closing_time_does_not_close_early(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    now = timezone.now()
    Motion.objects.filter(pk=motion.pk).update(opens_at=now - timedelta(hours=2), closes_at=now - timedelta(minutes=1))
    [check] = selectors.close_checks([motion])
    assert not check.early and check.time_left is None


def test_certification_preview_names_the_outcome_it_applies(board, secretary, owners):
    motion = gf.motion(
        proposer=owners[0], kind=Motion.Kind.POLICY_CHANGE, policy_key="Share cap (count)", policy_value="40"
    )
    assert "close the vote first" in selectors.certification_preview(motion)
    gf.open_motion(motion, board=board)
    for entry in motion.roll.select_related("voter"):
        services.ballot_cast(motion=motion, cast_by=entry.voter, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="Over")
    motion = Motion.objects.select_related("result").get(pk=motion.pk)
    assert selectors.certification_preview(motion) == (
        "Adopted. Sets the policy number “Share cap (count)” from 50 to 40."
    )


def test_certification_preview_of_a_failed_motion_says_nothing_changes(board, owners):
    motion = gf.motion(proposer=owners[0])
    gf.open_motion(motion, board=board)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.no(motion))
    services.motion_close(motion=motion, actor=board, reason="Over")
    preview = selectors.certification_preview(Motion.objects.get(pk=motion.pk))
    assert preview.startswith("Not adopted (the quorum was not met)") and "changes nothing" in preview


# --- a policy number changed by vote carries through ----------------------------------------------


def test_the_dues_schedule_follows_the_dues_amount_a_vote_adopts(board, secretary, owners):
    officer = role_officer()
    first_day = timezone.localdate() - timedelta(days=10)
    old = membership_services.dues_schedule_create(name="Club dues", actor=officer, reason="Setup", starts_on=first_day)
    assert old.amount == Decimal("25.00") and old.period_days == 30
    motion = gf.motion(
        proposer=owners[0], kind=Motion.Kind.POLICY_CHANGE, policy_key="Club-phase dues per period", policy_value="30"
    )
    gf.decide(motion, board=board, voters=owners, certifier=secretary)
    active = DuesSchedule.objects.get(active=True)
    assert active.pk != old.pk and active.amount == Decimal("30.00") and active.period_days == 30
    # the period under way was charged at the old amount: the new one starts with the next period
    assert active.starts_on == first_day + timedelta(days=30)
    assert f"Motion #{motion.pk}" in active.name
    assert membership_services.dues_charge_period(schedule=active, actor=officer, reason="Early") == []


def test_a_policy_number_nothing_follows_leaves_the_dues_schedule_alone(cooperative):
    officer = role_officer()
    schedule = membership_services.dues_schedule_create(name="Club dues", actor=officer, reason="Setup")
    coop_services.policy_number_adopt(key="share_cap_count", value="40", basis="Motion #1", actor=None, reason="r")
    coop_services.policy_number_adopt(key="dues_amount", value="25", basis="Motion #2", actor=None, reason="r")
    assert list(DuesSchedule.objects.filter(active=True)) == [schedule]  # same amount: nothing to follow


def test_a_schedule_not_started_yet_takes_the_new_amount_from_its_first_day(cooperative):
    officer = role_officer()
    start = timezone.localdate() + timedelta(days=5)
    membership_services.dues_schedule_create(name="Club dues", actor=officer, reason="Setup", starts_on=start)
    coop_services.policy_number_adopt(key="dues_period_days", value="14", basis="Motion #3", actor=None, reason="r")
    active = DuesSchedule.objects.get(active=True)
    assert (active.period_days, active.amount, active.starts_on) == (14, Decimal("25.00"), start)
    assert isinstance(active.starts_on, date)
