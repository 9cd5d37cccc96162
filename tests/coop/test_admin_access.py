"""Who enters the admin, and what each role's admin index shows."""

import pytest
from django.urls import reverse


def _index_models(response) -> set[str]:
    return {model["object_name"] for app in response.context["app_list"] for model in app["models"]}


def test_anonymous_is_sent_to_the_allauth_login(db):
    from django.test import Client

    response = Client().get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    follow = Client().get(response.url)
    assert follow.status_code == 302 and follow.url.startswith(reverse("account_login"))


def test_member_never_enters_the_admin(member_client):
    response = member_client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert "administration is for officers" in response.content.decode()
    assert member_client.get(reverse("admin:coop_cooperative_changelist"), follow=True).status_code == 403


def test_board_index_shows_what_the_board_may_touch(board_client):
    response = board_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert {"Cooperative", "PolicyNumber", "User"} <= _index_models(response)


def test_operations_index_hides_the_account_register(operations_client):
    response = operations_client.get(reverse("admin:index"))
    assert response.status_code == 200
    models = _index_models(response)
    assert "Cooperative" in models
    assert "User" not in models


def test_auditor_sees_every_model_read_only(auditor_client, cooperative):
    response = auditor_client.get(reverse("admin:index"))
    assert {"Cooperative", "PolicyNumber", "User"} <= _index_models(response)
    change = auditor_client.get(reverse("admin:coop_cooperative_change", args=[cooperative.pk]))
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert "change_reason" not in change.content.decode()


@pytest.mark.parametrize("client_name", ["operations_client", "auditor_client"])
def test_roles_without_change_permission_cannot_post_a_change(request, client_name, cooperative):
    client = request.getfixturevalue(client_name)
    response = client.post(
        reverse("admin:coop_cooperative_change", args=[cooperative.pk]),
        {
            "name": "Taken over",
            "jurisdiction": "x",
            "unit": "points",
            "currency_code": "USD",
            "default_language": "en",
            "change_reason": "x",
        },
    )
    assert response.status_code == 403
    cooperative.refresh_from_db()
    assert cooperative.name == "Test Cooperative"


def test_nobody_edits_policy_numbers_in_the_admin(board_client, cooperative):
    from coop.models import PolicyNumber

    number = PolicyNumber.objects.get(key="share_par_value")
    response = board_client.post(
        reverse("admin:coop_policynumber_change", args=[number.pk]), {"value": "1.00", "basis": "x"}
    )
    assert response.status_code == 403
    number.refresh_from_db()
    assert number.value == "100.00"


def test_board_change_without_a_reason_is_refused_with_the_field_named(board_client, cooperative):
    response = board_client.post(
        reverse("admin:coop_cooperative_change", args=[cooperative.pk]),
        {"name": "New name", "jurisdiction": "Oregon, USA", "unit": "points", "currency_code": "USD"},
    )
    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors
    cooperative.refresh_from_db()
    assert cooperative.name == "Test Cooperative"
