"""A result says what happened: adopted or not, elected whom, by how much, against which quorum and
threshold, in numbers people read, with every counting round naming who was elected or excluded."""

import re

import pytest
from django.urls import reverse

from governance import services
from governance.models import Motion
from tests.clients import logged_in
from tests.factories import governance as gf

RAW_NUMBERS = re.compile(r"\d\.\d{3,}|\.0000")  # 31.000000, 100.0000


def _results(client, motion) -> str:
    response = client.get(reverse("governance:results", args=[motion.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _close(motion, board, ballots):
    for voter, marks in ballots:
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    services.motion_close(motion=motion, actor=board, reason="close")


def test_an_adopted_motion_says_adopted_and_by_how_much(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Buy a van"), board=board)
    _close(motion, board, [(o, gf.yes(motion)) for o in owners[:3]] + [(owners[3], gf.no(motion))])
    text = _results(logged_in(owners[0]), motion)
    assert "<strong>Adopted</strong>" in text
    assert "Yes 3, no 1, abstain 0 (voting weight)." in text
    assert "Yes won 75 % of the yes and no weight; adoption needs more than 50 %: 25 points above it." in text
    assert "4 of 6 voting weight took part (66.7 %; 4 of 6 voters)." in text  # the Board officer owns too
    assert "The quorum of 50 % of the weight (3) was met, with 1 to spare." in text
    assert "yes share 75 %; adoption needs more than 50 %" in text
    assert not RAW_NUMBERS.search(text), RAW_NUMBERS.search(text)


def test_a_rejected_motion_says_not_adopted_and_how_far_short(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Sell the van"), board=board)
    _close(motion, board, [(owners[0], gf.yes(motion))] + [(o, gf.no(motion)) for o in owners[1:4]])
    text = _results(logged_in(owners[0]), motion)
    assert "<strong>Not adopted</strong>" in text
    assert "Yes won 25 % of the yes and no weight; adoption needs more than 50 %: 25 points short." in text


def test_a_motion_without_quorum_says_how_much_weight_was_missing(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Paint the van"), board=board)
    _close(motion, board, [(owners[0], gf.yes(motion))])
    text = _results(logged_in(owners[0]), motion)
    assert "<strong>Not adopted</strong>" in text
    assert "The quorum of 50 % of the weight (3) was not met: 2 short." in text


@pytest.fixture
def stv_election(board, owners):
    candidates = owners[:3]
    motion = gf.election(proposer=owners[0], board=board, candidates=candidates, method=Motion.Method.STV, seats=2)
    a, b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    # a: 3 first preferences (over the quota of 5/3), b: 1, c: 1; a's surplus goes to b.
    _close(
        motion,
        board,
        [(owners[0], [a, b]), (owners[1], [a, b]), (owners[2], [a, b]), (owners[3], [b]), (owners[4], [c])],
    )
    return motion, [c.label for c in motion.choices.order_by("position")]


def test_stv_names_who_was_elected_and_excluded_round_by_round(stv_election, owners):
    motion, (a, b, c) = stv_election
    text = _results(logged_in(owners[4]), motion)
    assert f"Elected: {a}, {b}" in text
    assert f"Round 1: {a} elected: above the quota of 1.67" in text
    assert re.search(rf"Round \d: ({b} elected|{c} excluded)", text)
    assert "Quota" in text and "1.67" in text  # 5 / (2 + 1), shown to two places
    assert not RAW_NUMBERS.search(text), RAW_NUMBERS.search(text)


def test_instant_runoff_names_the_excluded(board, owners):
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )
    a, b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    _close(
        motion,
        board,
        [(owners[0], [a]), (owners[1], [a]), (owners[2], [b, a]), (owners[3], [b]), (owners[4], [c, b])],
    )
    labels = dict(motion.choices.values_list("pk", "label"))
    text = _results(logged_in(owners[0]), motion)
    assert f"Round 1: {labels[c]} excluded" in text
    assert f"Round 2: {labels[b]} elected" in text or f"Round 2: {labels[a]} elected" in text
    assert "Elected: " in text and "Counted by ranked choice (instant runoff) in 2 rounds" in text


def test_the_admin_result_page_explains_the_result_too(board, owners, auditor_client):
    motion = gf.open_motion(gf.motion(proposer=owners[0], title="Buy a van"), board=board)
    _close(motion, board, [(o, gf.yes(motion)) for o in owners])
    change = auditor_client.get(reverse("admin:governance_result_change", args=[motion.result.pk])).content.decode()
    assert "Adopted" in change and "Yes won 100 % of the yes and no weight" in change
    explained = change[change.index('class="verdict') : change.index("</fieldset>")]
    assert "quorum" in explained and not RAW_NUMBERS.search(explained), RAW_NUMBERS.search(explained)
    listing = auditor_client.get(reverse("admin:governance_result_changelist")).content.decode()
    assert "Adopted" in listing
