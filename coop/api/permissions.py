"""API permissions built on the roles' model permissions, so the API and the admin agree."""

from rest_framework.permissions import DjangoModelPermissions


class ModelPermissionsOrReadOnlyForMembers(DjangoModelPermissions):
    """Any logged-in person may read; writes need the model permission the role grants."""

    perms_map = {
        "GET": [],
        "OPTIONS": [],
        "HEAD": [],
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.delete_%(model_name)s"],
    }


class ModelPermissionsWithView(DjangoModelPermissions):
    """Reads need the view permission too: for records only some roles may see."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class ChangeActionPermissions(ModelPermissionsWithView):
    """A workflow step (approve, reject, refer, admit) is a change of the record, not an addition:
    the actions a viewset names in `change_actions` need the model's change permission."""

    def has_permission(self, request, view):
        if getattr(view, "action", None) in getattr(view, "change_actions", ()):
            model = view.get_queryset().model
            return bool(
                request.user
                and request.user.is_authenticated
                and request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
            )
        return super().has_permission(request, view)
