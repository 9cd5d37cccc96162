"""History is evidence: a past version's admin page shows values, and nothing posted to it is saved.

simple-history's version page is the change form filled with the old version, and its POST saved
that version back over the record for every role that could merely view the model (a policy
number set by a General Conference motion went back to its founding value; the Auditor re-posted
a share-ledger row).
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse

from coop.models import PolicyNumber
from membership.models import ShareTransaction
from tests.audit import world as w
from tests.clients import logged_in


def _version_url(record, version) -> str:
    opts = type(record)._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[record.pk, version.history_id])


def _old_values(version) -> dict:
    """The form data of a past version, as simple-history's page would post it back."""
    data = {key: ("" if value is None else value) for key, value in model_to_dict(version.instance).items()}
    return {**data, "change_reason": "put back as it was", "_save": "Revert"}


@pytest.fixture
def world(db):
    return w.seed()


def test_a_policy_number_adopted_by_vote_is_not_put_back_through_its_history(world):
    # given a policy number whose value a General Conference motion changed
    changed = next(p for p in PolicyNumber.objects.all() if p.history.count() > 1)
    founding_version = changed.history.order_by("history_date").first()
    value_now, versions = changed.value, changed.history.count()
    for user in (world.board, world.auditor, world.secretary):
        # when an officer posts the founding version's form back
        response = logged_in(user).post(_version_url(changed, founding_version), _old_values(founding_version))
        # then the page refuses the method and the value stays the one the vote adopted
        assert response.status_code == 405
    changed.refresh_from_db()
    assert changed.value == value_now
    assert changed.history.count() == versions


def test_the_auditor_cannot_repost_a_share_ledger_row(world):
    row = ShareTransaction.objects.order_by("pk").first()
    version = row.history.first()
    counts = (ShareTransaction.objects.count(), ShareTransaction.history.count())
    response = logged_in(world.auditor).post(_version_url(row, version), _old_values(version))
    assert response.status_code == 405
    assert (ShareTransaction.objects.count(), ShareTransaction.history.count()) == counts


def test_every_version_page_reads_and_refuses_writes(world):
    # every model with an admin history page, as the Auditor who reads them all
    auditor = logged_in(world.auditor)
    wrong = []
    for model, model_admin in admin.site._registry.items():
        if not hasattr(model_admin, "history_form_view"):
            continue
        record = model._default_manager.order_by("pk").first()
        if record is None:
            continue
        version = record.history.order_by("-history_date").first()
        url = _version_url(record, version)
        page = auditor.get(url)
        if page.status_code != 200 or b"<form" in page.content.split(b'id="content-main"')[-1]:
            wrong.append(f"GET {model._meta.label}: {page.status_code} or a form is shown")
        for method in ("post", "put", "patch", "delete"):
            status = getattr(auditor, method)(url, {"change_reason": "x"}).status_code
            if status != 405:
                wrong.append(f"{method.upper()} {model._meta.label}: {status}")
    assert not wrong, "\n".join(wrong)


def test_the_version_page_shows_who_changed_what_and_why(world):
    changed = next(p for p in PolicyNumber.objects.all() if p.history.count() > 1)
    version = changed.history.order_by("-history_date").first()
    text = logged_in(world.auditor).get(_version_url(changed, version)).content.decode()
    assert version.value in text
    assert version.history_change_reason in text
    assert "cannot be restored" in text
