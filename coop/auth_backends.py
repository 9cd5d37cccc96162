"""The authentication backends: Django's and allauth's, loading the account with its roles.

Every page asks which roles the person holds (the menu, the admin link, the rules of the page
itself); reading them with the account saves that query on every request.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .roles import remember_roles, with_roles


class RolesWithAccount:
    """Load the session's account and its roles in one query."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = with_roles(user_model._default_manager.all()).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        remember_roles(user)
        return user


class AccountBackend(RolesWithAccount, ModelBackend):
    """Django's backend (the admin's login by email and password)."""


class AllauthAccountBackend(RolesWithAccount, AuthenticationBackend):
    """allauth's backend (the portal's login, sign-up and its flows)."""
