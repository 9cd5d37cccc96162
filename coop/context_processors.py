from django.utils.functional import SimpleLazyObject

from .roles import in_cooperative, may_use_admin
from .selectors import cooperative_current


def cooperative(request):
    """Expose the cooperative and the admin link to every template, read only when used."""
    return {
        "cooperative": SimpleLazyObject(cooperative_current),
        "may_use_admin": may_use_admin(getattr(request, "user", None)),
        "in_cooperative": in_cooperative(getattr(request, "user", None)),
    }
