"""After the close a secret ranked vote's record downloads as one canonical file holding the
board, the published ballots by receipt, the groups and weights the count read, the seed and the
result; before the close it is refused, as an encrypted vote's is."""

import json

from django.urls import reverse

from governance.counting.record import FORMAT
from governance.models import Motion, RankedBoard, Result
from secret_ballot.record import canonical_json
from tests.clients import logged_in

from .world import cast_rankings, close, ranked_vote


def test_the_record_is_refused_before_the_close(board, owners):
    motion = ranked_vote(board=board, owners=owners)
    cast_rankings(motion, owners[:2], [(0, 1), (1,)])
    client = logged_in(owners[3])
    page = client.get(reverse("governance:board", args=[motion.pk])).content.decode()
    assert reverse("governance:record", args=[motion.pk]) not in page
    assert client.get(reverse("governance:record", args=[motion.pk])).status_code == 403


def test_the_record_holds_what_the_count_read(board, owners):
    motion = ranked_vote(board=board, owners=owners, method=Motion.Method.STV, seats=2)
    receipts = cast_rankings(motion, owners[:5], [(0, 1), (1, 0, 2), (2, 1), (0, 2), (0, 1)])
    close(motion, board)
    client = logged_in(owners[4])
    results = client.get(reverse("governance:results", args=[motion.pk])).content.decode()
    assert reverse("governance:record", args=[motion.pk]) in results
    response = client.get(reverse("governance:record", args=[motion.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="motion-{motion.pk}-election-record.json"'
    text = response.content.decode()
    record = json.loads(text)
    assert canonical_json(record) == text
    result = Result.objects.get(motion=motion)
    pks = list(motion.choices.values_list("pk", flat=True))
    assert record["format"] == FORMAT
    assert record["motion"] == {
        "id": motion.pk,
        "title": motion.title,
        "method": "stv",
        "seats": 2,
        "counting_rule": "wigm_exact",
    }
    assert [c["id"] for c in record["candidates"]] == pks
    assert record["seed"] == result.seed
    assert [b["receipt"] for b in record["ballots"]] == sorted(r.receipt for r in receipts)
    assert record["participations"] == 5 == len(record["board"]["entries"])
    assert {tuple(g["ranking"]): (g["ballots"], g["weight"]) for g in record["groups"]} == {
        (pks[0], pks[1]): (2, "2.00"),
        (pks[1], pks[0], pks[2]): (1, "1.00"),
        (pks[2], pks[1]): (1, "1.00"),
        (pks[0], pks[2]): (1, "1.00"),
    }
    ranked = RankedBoard.objects.get(motion=motion)
    assert (record["board"]["genesis"], record["board"]["head"]) == (ranked.genesis, ranked.head)
    assert record["result"] == {
        "totals": result.totals,
        "winners": result.winners,
        "tied": result.tied,
        "rounds": result.rounds,
    }
