"""An auditor reads who changed what, when, why, from which value to which."""

import json

from django.urls import reverse

from coop.models import Cooperative


def test_auditor_sees_field_by_field_history_of_admin_and_api_changes(
    board_client, board_user, auditor_client, cooperative
):
    # given a board officer changes the cooperative once through the admin
    response = board_client.post(
        reverse("admin:coop_cooperative_change", args=[cooperative.pk]),
        {
            "name": "Harbor Builders",
            "mission": "",
            "jurisdiction": "Oregon, USA",
            "unit": "points",
            "currency_code": "USD",
            "default_language": "en",
            "founded_on": "",
            "change_reason": "Name chosen by the founding meeting",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    # and once through the API
    response = board_client.patch(
        reverse("cooperative"),
        json.dumps({"jurisdiction": "Washington, USA", "reason": "Moving to Washington"}),
        content_type="application/json",
    )
    assert response.status_code == 200

    # then the history holds both changes with user and reason
    history = list(Cooperative.history.order_by("-history_date")[:2])
    assert [h.history_change_reason for h in history] == ["Moving to Washington", "Name chosen by the founding meeting"]
    assert all(h.history_user == board_user for h in history)

    # and the auditor's history page shows who, which field, old and new value
    page = auditor_client.get(reverse("admin:coop_cooperative_history", args=[cooperative.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    for expected in [
        "Name chosen by the founding meeting",
        "Moving to Washington",
        "board@example.coop",
        "Test Cooperative",
        "Harbor Builders",
        "Oregon, USA",
        "Washington, USA",
    ]:
        assert expected in text, expected


def test_history_cannot_be_reverted_or_edited(auditor_client, board_client, cooperative):
    record = Cooperative.history.first()
    url = reverse("admin:coop_cooperative_simple_history", args=[cooperative.pk, record.history_id])
    versions = Cooperative.history.count()
    for client in (auditor_client, board_client):
        response = client.post(url, {"name": "Rewritten", "jurisdiction": "x", "unit": "points", "change_reason": "x"})
        assert response.status_code != 302
    assert Cooperative.history.count() == versions
    assert Cooperative.objects.get().name == "Test Cooperative"


def test_role_changes_are_kept_in_history(board_user):
    record = board_user.history.first()
    assert record.history_change_reason == "test setup"
    assert {g.group.name for g in record.groups.all()} == {"Board", "Member"}


def test_every_domain_model_keeps_history():
    from django.apps import apps
    from django.conf import settings

    untracked = [
        model._meta.label
        for label in settings.DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
        and not hasattr(model, "history")
        and not getattr(model, "HISTORY_EXEMPT_REASON", "")
    ]
    assert untracked == []
