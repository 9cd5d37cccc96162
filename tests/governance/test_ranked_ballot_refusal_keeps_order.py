"""A refused ranked ballot lists the candidates in the order the member left them: those ranked
first by their rank, then those left unranked in ballot order. The page's script builds the ranked
list from that order, so the member finds their ranking as they left it."""

import re

from django.urls import reverse

from governance import services
from governance.models import Ballot, Motion
from tests.clients import logged_in
from tests.factories import governance as gf


def _election(board, owners):
    return gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:4],
        method=Motion.Method.INSTANT_RUNOFF,
        office_kind="treasurer",
    )


def _listed(page: str) -> list[tuple[int, str]]:
    """The rank inputs of the ballot in page order, as (choice id, value typed)."""
    listed = []
    for field in re.findall(r'<input[^>]*name="rank_\d+"[^>]*>', page):
        pk = re.search(r'name="rank_(\d+)"', field).group(1)
        value = re.search(r'value="([^"]*)"', field)
        listed.append((int(pk), value.group(1) if value else ""))
    return listed


def test_a_refused_ballot_lists_the_ranked_first_in_the_members_order(board, owners):
    # Given an election with four candidates, and a voter who holds a proxy that is then revoked
    motion = _election(board, owners)
    a, b, c, d = motion.choices.order_by("position").values_list("pk", flat=True)
    grantor, voter = owners[4], owners[3]
    proxy = services.proxy_grant(grantor=grantor, holder=voter, motion=motion, actor=grantor, reason="away")
    services.proxy_revoke(proxy=proxy, actor=grantor, reason="back")
    # When the voter casts D first, B second for the grantor
    response = logged_in(voter).post(
        reverse("governance:ballot", args=[motion.pk]),
        {f"rank_{d}": "1", f"rank_{b}": "2", "on_behalf_of": str(grantor.pk)},
    )
    # Then the ballot is refused, and lists D, B ranked, then A and C unranked in ballot order
    assert response.status_code == 400
    assert _listed(response.content.decode()) == [(d, "1"), (b, "2"), (a, ""), (c, "")]
    assert not Ballot.objects.filter(motion=motion).exists()


def test_a_shared_rank_keeps_ballot_order_between_the_two(board, owners):
    # Given an election with four candidates
    motion = _election(board, owners)
    a, b, c, d = motion.choices.order_by("position").values_list("pk", flat=True)
    # When a member gives C rank 1 and both A and D rank 2
    response = logged_in(owners[4]).post(
        reverse("governance:ballot", args=[motion.pk]), {f"rank_{d}": "2", f"rank_{a}": "2", f"rank_{c}": "1"}
    )
    # Then the refusal lists C, then A and D in ballot order, then B, each with what was typed
    assert response.status_code == 400
    assert _listed(response.content.decode()) == [(c, "1"), (a, "2"), (d, "2"), (b, "")]


def test_the_candidates_section_keeps_ballot_order_after_a_refusal(board, owners):
    # Given an election, and a refused ballot that ranks the last candidate first
    motion = _election(board, owners)
    choices = list(motion.choices.order_by("position"))
    response = logged_in(owners[4]).post(
        reverse("governance:ballot", args=[motion.pk]),
        {f"rank_{choices[3].pk}": "1", f"rank_{choices[0].pk}": "1"},
    )
    # Then the list of candidates below the ballot is still in ballot order
    page = response.content.decode()
    section = page[page.index('id="candidates-heading"') :]
    listed = [section.index(choice.label) for choice in choices]
    assert listed == sorted(listed)
