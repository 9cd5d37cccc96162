"""The months under the report charts are named in the reader's language, not printed as 2026-03."""

from datetime import date

import pytest
from django.utils import translation

from finance import reports
from tests.factories.finance import band, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db


@pytest.fixture
def posted_january(incorporated, operations_user, board_user, member_user):
    rate(member_user, band(), "30.00", board_user)
    internal_hours(member_user, date(2026, 1, 14), "2")
    return run_posted(operations_user, board_user, period=(date(2026, 1, 1), date(2026, 1, 31)))


@pytest.mark.parametrize(("language", "label"), [("en", "Jan 2026"), ("es", "Ene 2026")])
def test_my_pay_chart_names_the_month(posted_january, member_user, language, label):
    with translation.override(language):
        chart = reports.my_reports(member_user)["pay_chart"]
    assert [bar.label for bar in chart.bars if bar.label] == [label]


def test_the_boards_charts_name_months_in_spanish(posted_january):
    with translation.override("es"):
        charts = reports.board_reports()
    labels = {bar.label for bar in charts["income_expense"].bars if bar.label}
    assert labels and all(label.endswith(" 2026") and "-" not in label for label in labels)
    assert "Ene 2026" in labels
