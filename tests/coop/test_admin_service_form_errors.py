"""An admin add form that writes through a service shows the service's refusal of bad input next
to the field, keeps what was typed and writes nothing; a forbidden actor gets a 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coop.roles import Role
from finance.models import MemberRate
from governance.models import Body, Office
from tests.factories import finance as ff
from tests.factories import governance as gf
from tests.factories.coop import UserFactory

pytestmark = pytest.mark.django_db


def test_a_rate_outside_the_band_is_a_form_error_that_keeps_what_was_typed(board_client, cooperative):
    worker, builder = UserFactory(), ff.band()
    response = board_client.post(
        reverse("admin:finance_memberrate_add"),
        {"member": worker.pk, "band": builder.pk, "rate": "55.00", "change_reason": "Hired as a lead"},
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "outside the Builder band" in " ".join(form.errors["rate"])
    assert form["rate"].value() == "55.00" and form["change_reason"].value() == "Hired as a lead"
    assert not MemberRate.objects.exists()


def test_an_operations_office_with_board_kind_is_a_form_error(board_client, cooperative):
    gf.bodies()
    before = Office.objects.count()
    response = board_client.post(
        reverse("admin:governance_office_add"),
        {
            "body": Body.objects.get(kind=Body.Kind.OPERATIONS).pk,
            "kind": Office.Kind.DIRECTOR,
            "title": "Strategy seat",
            "seats": 1,
            "term_months": 24,
            "role": Role.OPERATIONS.value,
            "change_reason": "Appointed oversight",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "has only these offices" in " ".join(form.errors["kind"])
    assert form["title"].value() == "Strategy seat"
    assert Office.objects.count() == before
