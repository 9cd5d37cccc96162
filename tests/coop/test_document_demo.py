"""The demo cooperative ships its documents and an amended Bylaws with two versions."""

from django.core.management import call_command

from coop.models import DocumentVersion, GoverningDocument


def test_demo_has_the_templates_and_amended_bylaws_once(db):
    call_command("seed_demo", password="pw-for-tests-123")
    counts = (GoverningDocument.objects.count(), DocumentVersion.objects.count(), DocumentVersion.history.count())
    call_command("seed_demo", password="pw-for-tests-123")
    assert (
        GoverningDocument.objects.count(),
        DocumentVersion.objects.count(),
        DocumentVersion.history.count(),
    ) == counts
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    statuses = list(bylaws.versions.order_by("number").values_list("number", "status", "basis"))
    # the amendment is in force because the General Conference adopted it by motion
    assert statuses[0] == (1, "superseded", "Template shipped with the platform")
    assert statuses[1][:2] == (2, "adopted") and statuses[1][2].startswith("Motion #")
    assert len(statuses) == 2
    assert bylaws.versions.get(number=2).proposed_by.email == "president@demo.coop"
