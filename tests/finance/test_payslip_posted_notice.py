"""Posting a payroll run puts a notice in the inbox of each member it pays, and no one else's."""

from datetime import date

import pytest

from coop.models import Notice, NoticeKind
from tests.factories.coop import UserFactory
from tests.factories.finance import band, internal_hours, rate, run_posted

pytestmark = pytest.mark.django_db


def test_each_paid_member_hears_of_their_payslip(incorporated, operations_user, board_user, member_user):
    builder = band()
    other = UserFactory()
    for person in (member_user, other):
        rate(person, builder, "30.00", board_user)
        internal_hours(person, date(2026, 3, 4), "2")
    bystander = UserFactory()
    run_posted(operations_user, board_user)
    notices = Notice.objects.filter(kind=NoticeKind.PAYSLIP_POSTED)
    assert set(notices.values_list("recipient_id", flat=True)) == {member_user.pk, other.pk}
    assert not notices.filter(recipient=bystander).exists()
    notice = notices.get(recipient=member_user)
    assert notice.subject == "Your payslip is posted" and "March 1, 2026" in notice.body
    assert notice.link == "/portal/finance/"
