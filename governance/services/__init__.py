"""Governance writes. Every function is keyword-only, takes the acting user and a reason,
runs in one transaction and leaves its trail in the history."""

from .ballots import CastReceipt, ballot_cast, proxy_grant, proxy_revoke
from .bodies import (
    bodies_ensure,
    office_appoint,
    office_create,
    office_term_end,
    office_term_install,
    office_terms_expire,
)
from .mediation import mediation_escalate, mediation_note_add, mediation_open, mediation_resolve
from .meetings import (
    agenda_item_add,
    agenda_item_open_vote,
    attendance_check_in,
    meeting_call,
    meeting_cancel,
    meeting_close,
    meeting_document_attach,
    meeting_open,
)
from .minutes import (
    agenda_speaker_add,
    minutes_adopt,
    minutes_draft,
    minutes_edit,
    minutes_propose_adoption,
)
from .motions import (
    comment_add,
    motion_mark_reminded,
    motion_open,
    motion_propose,
    motion_schedule,
    motion_withdraw,
    nomination_answer,
    nomination_submit,
    secret_ballot_required,
)
from .results import motion_certify, motion_close, motion_close_if_due

__all__ = [
    "CastReceipt",
    "agenda_item_add",
    "agenda_item_open_vote",
    "agenda_speaker_add",
    "attendance_check_in",
    "ballot_cast",
    "bodies_ensure",
    "comment_add",
    "mediation_escalate",
    "mediation_note_add",
    "mediation_open",
    "mediation_resolve",
    "meeting_call",
    "meeting_cancel",
    "meeting_close",
    "meeting_document_attach",
    "meeting_open",
    "minutes_adopt",
    "minutes_draft",
    "minutes_edit",
    "minutes_propose_adoption",
    "motion_certify",
    "motion_close",
    "motion_close_if_due",
    "motion_mark_reminded",
    "motion_open",
    "motion_propose",
    "motion_schedule",
    "motion_withdraw",
    "nomination_answer",
    "nomination_submit",
    "office_appoint",
    "office_create",
    "office_term_end",
    "office_term_install",
    "office_terms_expire",
    "proxy_grant",
    "proxy_revoke",
    "secret_ballot_required",
]
