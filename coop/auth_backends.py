"""The authentication backends: Django's and allauth's, loading the account with its roles.

Every page asks which roles the person holds (the menu, the admin link, the rules of the page
itself); reading them with the account saves that query on every request. Every admin page asks
for the account's model permissions too: they come in one query, not one for the account's own and
one for its groups'.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q

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

    def get_all_permissions(self, user_obj, obj=None):
        """Every model permission the account holds, its own and its groups', read in one query."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            held = Permission.objects.all()
            if not user_obj.is_superuser:
                held = held.filter(Q(user=user_obj) | Q(group__user=user_obj))
            pairs = held.values_list("content_type__app_label", "codename").order_by().distinct()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in pairs}
        return user_obj._perm_cache


class AccountBackend(RolesWithAccount, ModelBackend):
    """Django's backend (the admin's login by email and password)."""


class AllauthAccountBackend(RolesWithAccount, AuthenticationBackend):
    """allauth's backend (the portal's login, sign-up and its flows)."""
