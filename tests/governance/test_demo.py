"""The demo shows the whole governance cycle and seeding twice duplicates nothing."""

from django.core.management import call_command

from coop.models import PolicyNumber
from governance.models import Ballot, Motion, OfficeTerm, Participation, RollEntry


def test_demo_governance_is_complete_and_idempotent(db):
    call_command("seed_demo", password="pw-for-tests-123")
    counts = (
        Motion.objects.count(),
        Ballot.objects.count(),
        Participation.objects.count(),
        OfficeTerm.objects.count(),
        Motion.history.count(),
    )
    call_command("seed_demo", password="pw-for-tests-123")
    assert (
        Motion.objects.count(),
        Ballot.objects.count(),
        Participation.objects.count(),
        OfficeTerm.objects.count(),
        Motion.history.count(),
    ) == counts
    officers = dict(OfficeTerm.objects.active().values_list("office__kind", "holder__email"))
    assert officers == {
        "president": "president@demo.coop",
        "secretary": "secretary@demo.coop",
        "treasurer": "treasurer@demo.coop",
        "director": "director@demo.coop",
        "ceo": "ceo@demo.coop",
    }
    assert PolicyNumber.objects.get(key="dues_amount").basis.startswith("Motion #")
    amendment = Motion.objects.get(kind=Motion.Kind.BYLAW_AMENDMENT)
    assert amendment.status == Motion.Status.CERTIFIED and amendment.document_version.status == "adopted"
    open_vote = Motion.objects.get(status=Motion.Status.OPEN, secret=False)
    assert RollEntry.objects.filter(motion=open_vote, voter__email="member@demo.coop").exists()
    assert not Participation.objects.filter(motion=open_vote, voter__email="member@demo.coop").exists()
    assert len(set(RollEntry.objects.filter(motion=open_vote).values_list("weight", flat=True))) > 1
    assert Motion.objects.filter(status=Motion.Status.OPEN, secret=True).exists()
