"""The shipped templates: installed once, filled in with the cooperative's data, each with the lawyer notice."""

import pytest
from django.core.exceptions import ValidationError

from coop import services
from coop.documents import MISSING_PLACEHOLDER, shipped_templates
from coop.models import DocumentVersion, GoverningDocument

MISSING = MISSING_PLACEHOLDER.split("%s")[0]


def _install():
    return services.documents_install_templates(actor=None, reason="Setup")


def test_templates_install_as_version_one_in_force(cooperative):
    installed = _install()
    assert {d.slug for d in installed} == {"articles", "bylaws", "master-staffing-agreement", "business-plan"}
    for document in installed:
        current = document.current_version
        assert current.number == 1
        assert current.basis == services.TEMPLATE_BASIS


def test_installing_twice_duplicates_nothing(cooperative):
    _install()
    counts = (GoverningDocument.objects.count(), DocumentVersion.objects.count(), DocumentVersion.history.count())
    assert _install() == []
    assert (GoverningDocument.objects.count(), DocumentVersion.objects.count(), DocumentVersion.history.count()) == (
        counts
    )


def test_installing_keeps_an_amended_document_as_it_is(cooperative):
    _install()
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    services.document_version_propose(document=bylaws, text="Amended.", summary="s", actor=None, reason="x")
    _install()
    assert bylaws.versions.count() == 2


@pytest.mark.parametrize("template", shipped_templates(), ids=lambda t: t.slug)
def test_every_template_begins_with_the_lawyer_notice(cooperative, template):
    _install()
    text = GoverningDocument.objects.get(slug=template.slug).current_version.text
    assert text.startswith("> **Notice: review by a licensed lawyer is required.**")
    notice = " ".join(text.split("\n\n")[0].replace(">", " ").split())
    assert "lawyer licensed in Oregon, USA" in notice


@pytest.mark.parametrize("template", shipped_templates(), ids=lambda t: t.slug)
def test_every_placeholder_is_filled_from_the_cooperative(cooperative, template):
    _install()
    text = GoverningDocument.objects.get(slug=template.slug).current_version.text
    assert MISSING not in text
    assert "{{" not in text and "{%" not in text
    assert "Test Cooperative" in text
    assert 500 <= len(text.split()) <= 1800


def test_policy_numbers_and_amendment_threshold_reach_the_bylaws(cooperative):
    _install()
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    text = bylaws.current_version.text
    assert "at least\n66.67 percent of the weight cast" in text
    assert "paid 70 percent of the contract value" in text
    assert bylaws.adoption_threshold == GoverningDocument.Threshold.AMENDMENT
    articles = GoverningDocument.objects.get(slug="articles").current_version.text
    assert "100.00 points per share" in articles


def test_installing_before_the_cooperative_exists_is_refused(db):
    with pytest.raises(ValidationError):
        _install()
    assert not GoverningDocument.objects.exists()
