"""Every service reads money, hours and points through one exact parser that names the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from coop.services_common import exact_decimal


@pytest.mark.parametrize(
    ("value", "expected"), [("12.50", Decimal("12.50")), (" 3 ", Decimal("3")), (7, Decimal("7")), (Decimal("0"), 0)]
)
def test_exact_values_are_kept_as_they_are(value, expected):
    assert exact_decimal(value, field="hours") == expected


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        (0.1, "not a float"),
        ("abc", "Enter a number"),
        (True, "Enter a number"),
        (None, "Enter a number"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
    ],
)
def test_inexact_or_unreadable_values_are_refused_naming_the_field(value, rule):
    with pytest.raises(ValidationError) as error:
        exact_decimal(value, field="hours")
    assert rule in error.value.message_dict["hours"][0]


@pytest.mark.parametrize("value", ["0", "-1"])
def test_positive_refuses_zero_and_less(value):
    assert exact_decimal(value, field="rate") == Decimal(value)
    with pytest.raises(ValidationError, match="more than 0"):
        exact_decimal(value, field="rate", positive=True)


@pytest.mark.parametrize(
    ("value", "rule"), [("1e30", "less than 1,000,000,000,000"), ("-1e12", "less than"), ("12.345", "2 decimal places")]
)
def test_a_value_the_column_cannot_hold_is_refused_before_the_database_sees_it(value, rule):
    with pytest.raises(ValidationError) as error:
        exact_decimal(value, field="amount", max_digits=14, decimal_places=2)
    assert rule in error.value.message_dict["amount"][0]


def test_the_largest_value_the_column_holds_is_kept():
    assert exact_decimal("999999999999.99", field="amount", max_digits=14, decimal_places=2) == Decimal(
        "999999999999.99"
    )
