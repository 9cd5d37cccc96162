"""allauth's adapter with invitations: the link stashes the invited address as verified, the
sign-up form is pre-filled with it, and signing up with it records the application as an applicant.

Sign-up is open only to someone holding a usable invitation. An open sign-up would let anyone
hold an account, which brings nothing a stranger needs: people apply on the public page `/join/`,
and the Board invites those it wants to hear from. Conveners are created by setup.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from . import services
from .selectors import invitation_for_token

INVITATION_SESSION_KEY = "founding_invitation_token"


class InvitationAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Open only while the session holds a usable invitation (see `founding.portal.views.invitation`)."""
        token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
        return bool(token) and invitation_for_token(token) is not None

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
        if commit and token:
            invitation = invitation_for_token(token)
            if invitation is not None and invitation.email.lower() == user.email.lower():
                services.invitation_accept(
                    invitation=invitation, user=user, actor=user, reason="Signed up through an invitation"
                )
            request.session.pop(INVITATION_SESSION_KEY, None)
        return user
