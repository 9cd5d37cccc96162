"""The counting rule is named on the motion, refused for ballots other than STV, and published
with the result together with the seed of any draw by lot."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import counting, services
from governance.models import BallotTotal, Motion, Office
from tests.clients import logged_in
from tests.factories import governance as gf


def _close(motion, board, ballots):
    for voter, marks in ballots:
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    return services.motion_close(motion=motion, actor=board, reason="close")


def test_existing_and_new_motions_count_by_the_exact_droop_quota_unless_told(board, owners):
    motion = gf.election(proposer=owners[0], board=board, candidates=owners[:3], method=Motion.Method.STV, seats=2)
    assert motion.counting_rule == Motion.CountingRule.WIGM_EXACT


def test_a_rule_other_than_the_default_is_refused_for_other_ballots(board, owners):
    with pytest.raises(ValidationError) as refused:
        gf.election(
            proposer=owners[0],
            board=board,
            candidates=owners[:3],
            method=Motion.Method.PLURALITY,
            counting_rule=Motion.CountingRule.MEEK,
        )
    assert "counting_rule" in refused.value.message_dict


@pytest.mark.parametrize("rule", list(Motion.CountingRule))
def test_the_result_names_the_rule_and_publishes_the_seed(board, owners, rule):
    # given an STV election counted by `rule`
    motion = gf.election(
        proposer=owners[0], board=board, candidates=owners[:3], method=Motion.Method.STV, seats=2, counting_rule=rule
    )
    a, b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    ballots = [(owners[0], [a, b]), (owners[1], [a, b]), (owners[2], [a, b]), (owners[3], [b]), (owners[4], [c])]
    # when it closes
    result = _close(motion, board, ballots)
    # then the result names the rule and the seed, computed from the motion and its ballot groups
    groups = [
        (tuple(int(m) for m in marks.split(">")), weight)
        for marks, weight in BallotTotal.objects.filter(motion=motion, ballots__gt=0).values_list("marks", "weight")
    ]
    assert result.counting_rule == rule
    assert result.seed == counting.seed_for(motion.pk, groups) and len(result.seed) == 64
    assert result.winners == [a, b] or set(result.winners) == {a, b}
    # and the results page says which rule counted it, and the seed
    text = logged_in(owners[0]).get(reverse("governance:results", args=[motion.pk])).content.decode()
    assert result.seed in text
    named = {"wigm_exact": "Weighted Inclusive Gregory", "scottish_stv_2007": "Scottish STV", "meek": "Meek"}
    assert named[rule] in text


def test_the_api_takes_and_shows_the_rule(board, owners):
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.STV,
        seats=2,
        counting_rule=Motion.CountingRule.SCOTTISH_STV_2007,
    )
    response = logged_in(owners[0]).get(reverse("motion-detail", args=[motion.pk]))
    assert response.status_code == 200
    assert response.json()["counting_rule"] == "scottish_stv_2007"


def test_the_api_proposes_with_a_rule_and_refuses_it_off_stv(board, owners):
    office = Office.objects.get(kind=Office.Kind.DIRECTOR)
    proposal = {
        "body": "general_conference",
        "kind": "election",
        "title": "Directors",
        "office": office.pk,
        "seats": 2,
        "reason": "Annual election",
    }
    client = logged_in(owners[0])
    post = lambda data: client.post(reverse("motion-list"), json.dumps(data), content_type="application/json")  # noqa: E731
    refused = post({**proposal, "method": "plurality", "counting_rule": "meek"})
    assert refused.status_code == 400 and "counting_rule" in refused.json()
    taken = post({**proposal, "method": "stv", "counting_rule": "meek"})
    assert taken.status_code == 201, taken.json()
    assert Motion.objects.get(pk=taken.json()["id"]).counting_rule == Motion.CountingRule.MEEK


def test_the_admin_proposes_an_election_with_its_rule(board_client, board, bodies):
    office = Office.objects.get(kind=Office.Kind.DIRECTOR)
    add = reverse("admin:governance_motion_add") + "?kind=election"
    form = board_client.get(add).context["adminform"].form
    assert "scottish_stv_2007" in dict(form.fields["counting_rule"].choices)
    proposal = {
        "body": bodies["general_conference"].pk,
        "office": office.pk,
        "seats": "2",
        "secret": "on",
        "change_reason": "Term ends",
    }
    response = board_client.post(add, {**proposal, "title": "Directors", "method": "stv", "counting_rule": "meek"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Motion.objects.get(title="Directors").counting_rule == Motion.CountingRule.MEEK
    refused = board_client.post(add, {**proposal, "title": "Others", "method": "plurality", "counting_rule": "meek"})
    assert refused.status_code == 200 and not Motion.objects.filter(title="Others").exists()
    assert "applies only to STV" in refused.content.decode()
