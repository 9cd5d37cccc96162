from django.utils.functional import SimpleLazyObject

from .notices import notices_unread_count
from .roles import in_cooperative, may_use_admin
from .selectors import cooperative_current


def cooperative(request):
    """Expose the cooperative, the admin link and the count of unread notices to every template,
    read only when used (the count is one query, on the pages whose menu shows it)."""
    user = getattr(request, "user", None)
    authenticated = getattr(user, "is_authenticated", False)
    return {
        "notices_unread": SimpleLazyObject(lambda: notices_unread_count(user=user) if authenticated else 0),
        "cooperative": SimpleLazyObject(cooperative_current),
        "may_use_admin": may_use_admin(getattr(request, "user", None)),
        "in_cooperative": in_cooperative(getattr(request, "user", None)),
    }
