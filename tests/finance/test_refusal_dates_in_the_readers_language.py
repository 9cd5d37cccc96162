"""A refusal that names a day writes it as the reader's language does, never as 2026-03-01."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from finance import services
from tests.factories.coop import UserFactory
from tests.factories.finance import band, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "period"),
    [("en", "March 1, 2026 to March 31, 2026"), ("es", "1 de marzo de 2026 to 31 de marzo de 2026")],
)
def test_a_second_payroll_run_over_a_paid_period_names_it_in_words(
    incorporated, operations_user, board_user, language, period
):
    # Given a run posted for March
    worker = UserFactory()
    rate(worker, band(), "30.00", board_user)
    internal_hours(worker, date(2026, 3, 10), "2")
    run_posted(operations_user, board_user)
    # When another run over part of March is drafted by someone reading the language
    with translation.override(language), pytest.raises(ValidationError) as error:
        services.payroll_run_draft(
            period_start=date(2026, 3, 15), period_end=date(2026, 4, 15), actor=operations_user, reason="again"
        )
    # Then the refusal names the paid period as that language writes days
    message = error.value.message_dict["period_start"][0]
    start, end = period.split(" to ")
    assert start in message and end in message and "2026-03" not in message
