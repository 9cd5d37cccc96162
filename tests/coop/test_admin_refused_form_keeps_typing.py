"""A refused admin form comes back as it was typed, with the refusal next to its field: both for
admins that save in `save_model` (the share ledger) and for those that save while validating."""

import re

from django.urls import reverse

from membership.models import ShareTransaction
from tests.factories.membership import member_create, policy_set


def _value(page: str, name: str) -> str | None:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', page
    )
    return found.group(1) if found else None


def test_an_over_cap_share_issue_comes_back_with_what_was_typed(board_client):
    policy_set("share_cap_count", 5)
    owner = member_create(shares=4)
    url = reverse("admin:membership_sharetransaction_add")
    refused = board_client.post(
        url, {"member": owner.pk, "kind": "issue", "quantity": 3, "change_reason": "Paid at the meeting"}
    )
    assert refused.status_code == 200  # the form again, not a redirect to an empty one
    page = refused.content.decode()
    assert "Over the share cap" in page
    assert 'class="errornote"' in page  # Django's "Please correct the error below."
    assert _value(page, "quantity") == "3"
    assert _value(page, "change_reason") == "Paid at the meeting"
    assert f'<option value="{owner.pk}" selected' in page
    assert not ShareTransaction.objects.filter(member=owner, quantity=3).exists()


def test_the_refusal_sits_next_to_the_field_it_names(board_client):
    policy_set("share_cap_count", 5)
    owner = member_create(shares=4)
    page = board_client.post(
        reverse("admin:membership_sharetransaction_add"),
        {"member": owner.pk, "kind": "issue", "quantity": 3, "change_reason": "Paid"},
    ).content.decode()
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    assert any("Over the share cap" in e for e in errors), errors


def test_an_accepted_share_issue_is_confirmed_with_the_member_and_the_amount(board_client):
    owner = member_create(shares=0)
    done = board_client.post(
        reverse("admin:membership_sharetransaction_add"),
        {"member": owner.pk, "kind": "issue", "quantity": 2, "change_reason": "Paid"},
        follow=True,
    ).content.decode()
    saved = ShareTransaction.objects.get(member=owner)
    assert "None" not in str(saved)
    assert f"2 shares issued to {owner.legal_name}" in done
    assert "× None" not in done
