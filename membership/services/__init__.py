"""Writes of the membership app, re-exported so callers import from one place."""

from .dues import (
    dues_charge_period,
    dues_payment_record,
    dues_reminders_send,
    dues_schedule_create,
    dues_schedule_follow_policy,
    period_containing,
)
from .members import (
    MEMBER_EDITABLE_FIELDS,
    member_admit,
    member_apply,
    member_depart,
    member_import,
    member_promote,
    member_reinstate,
    member_suspend,
    member_update,
    members_promote_due,
)
from .shares import (
    share_purchase,
    share_redeem,
    share_request_approve,
    share_request_reject,
    share_request_submit,
)
from .subscriptions import share_subscribe, subscription_cancel, subscription_pay, subscription_payroll_deduct

__all__ = [
    "MEMBER_EDITABLE_FIELDS",
    "dues_charge_period",
    "dues_payment_record",
    "dues_reminders_send",
    "dues_schedule_create",
    "dues_schedule_follow_policy",
    "member_admit",
    "member_apply",
    "member_depart",
    "member_import",
    "member_promote",
    "member_reinstate",
    "member_suspend",
    "member_update",
    "members_promote_due",
    "period_containing",
    "share_purchase",
    "share_redeem",
    "share_request_approve",
    "share_request_reject",
    "share_request_submit",
    "share_subscribe",
    "subscription_cancel",
    "subscription_pay",
    "subscription_payroll_deduct",
]
