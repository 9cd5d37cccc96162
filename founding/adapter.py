"""allauth's adapter with invitations: the link stashes the invited address as verified, the
sign-up form is pre-filled with it, and signing up with it records the application as an applicant."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

INVITATION_SESSION_KEY = "founding_invitation_token"


class InvitationAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
        if commit and token:
            from . import services
            from .selectors import invitation_for_token

            invitation = invitation_for_token(token)
            if invitation is not None and invitation.email.lower() == user.email.lower():
                services.invitation_accept(
                    invitation=invitation, user=user, actor=user, reason="Signed up through an invitation"
                )
            request.session.pop(INVITATION_SESSION_KEY, None)
        return user
