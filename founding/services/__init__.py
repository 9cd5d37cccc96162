"""Founding writes: setup, conveners and their sunset, recruitment, the founding General
Conference, the business plan and incorporation."""

from .conference import founding_bylaws_motion_propose, founding_election_propose
from .conveners import conveners_sunset_after_certification, conveners_sunset_if_due, convenership_grant
from .incorporation import incorporation_record
from .plan import MilestoneSpec, business_plan_propose, club_dues_start, milestone_link_project
from .recruitment import (
    application_admit,
    application_decline,
    application_invite,
    application_question_create,
    application_question_update,
    application_submit,
    invitation_accept,
)
from .setup import (
    ConvenerSpec,
    cooperative_setup,
    cooperative_setup_with_token,
    founding_documents_prepare,
    setup_token_ensure,
    setup_token_issue,
)

__all__ = [
    "ConvenerSpec",
    "MilestoneSpec",
    "application_admit",
    "application_decline",
    "application_invite",
    "application_question_create",
    "application_question_update",
    "application_submit",
    "business_plan_propose",
    "club_dues_start",
    "conveners_sunset_after_certification",
    "conveners_sunset_if_due",
    "convenership_grant",
    "cooperative_setup",
    "cooperative_setup_with_token",
    "founding_bylaws_motion_propose",
    "founding_documents_prepare",
    "founding_election_propose",
    "incorporation_record",
    "invitation_accept",
    "milestone_link_project",
    "setup_token_ensure",
    "setup_token_issue",
]
