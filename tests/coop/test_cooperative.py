import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coop import services
from coop.models import Cooperative
from tests.factories.coop import role_officer


def test_a_second_cooperative_is_refused(cooperative):
    with pytest.raises(ValidationError):
        services.cooperative_create(actor=None, reason="x", name="Other", jurisdiction="x")


def test_the_database_itself_refuses_a_second_cooperative(cooperative):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cooperative.objects.bulk_create([Cooperative(name="Other", jurisdiction="x")])


def test_amounts_are_written_in_points_or_money(cooperative):
    from decimal import Decimal

    assert cooperative.format_amount(Decimal("1234.5")) == "1,234.50 points"
    cooperative.unit = Cooperative.Unit.MONEY
    assert cooperative.format_amount(Decimal("3")) == "3.00 USD"


def test_a_change_needs_a_reason(cooperative):
    with pytest.raises(ValidationError) as error:
        services.cooperative_update(cooperative=cooperative, actor=role_officer(), reason=" ", name="X")
    assert "reason" in error.value.message_dict


def test_incorporation_fields_are_not_changed_by_a_plain_update(cooperative):
    with pytest.raises(ValidationError) as error:
        services.cooperative_update(cooperative=cooperative, actor=role_officer(), reason="x", legal_form="c_corp")
    assert "legal_form" in error.value.message_dict
