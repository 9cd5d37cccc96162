"""A ranked ballot refused for a repeated rank comes back with the ranks the member gave and a
message in plain words; nothing is recorded."""

import re

from django.urls import reverse

from governance.models import Ballot, Motion
from tests.clients import logged_in
from tests.factories import governance as gf


def _election(board, owners):
    return gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )


def _rank_value(page: str, pk: int) -> str | None:
    found = re.search(rf'<input[^>]*name="rank_{pk}"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', found.group(0)) if found else None
    return value.group(1) if value else None


def test_a_repeated_rank_comes_back_with_the_ranks_and_says_which(board, owners):
    motion = _election(board, owners)
    choices = list(motion.choices.order_by("position"))
    a, b, c = (choice.pk for choice in choices)
    response = logged_in(owners[3]).post(
        reverse("governance:ballot", args=[motion.pk]), {f"rank_{a}": "1", f"rank_{b}": "2", f"rank_{c}": "2"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Each rank once: you gave rank 2 to two candidates ({choices[1].label} and {choices[2].label})." in page
    assert "not a choice on this ballot" not in page
    assert (_rank_value(page, a), _rank_value(page, b), _rank_value(page, c)) == ("1", "2", "2")
    assert not Ballot.objects.filter(motion=motion).exists()


def test_a_rank_out_of_range_is_named_with_the_candidate(board, owners):
    motion = _election(board, owners)
    first = motion.choices.order_by("position").first()
    response = logged_in(owners[3]).post(reverse("governance:ballot", args=[motion.pk]), {f"rank_{first.pk}": "9"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Give {first.label} a rank from 1 to 3, or leave it empty." in page
    assert _rank_value(page, first.pk) == "9"


def test_ranks_that_skip_a_number_still_count_in_order(board, owners):
    motion = _election(board, owners)
    a, _b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    response = logged_in(owners[3]).post(
        reverse("governance:ballot", args=[motion.pk]), {f"rank_{c}": "1", f"rank_{a}": "3"}
    )
    assert response.status_code == 200
    assert Ballot.objects.get(motion=motion).marks == f"{c}>{a}"
