"""Pages of the core app: the public front page, the health check and the member portal home."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from . import selectors, startup
from .roles import user_roles


def front_page(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    return render(request, "front_page.html")


@never_cache
def health(request):
    """Report whether the database and the task broker answer; 503 when one does not."""
    report = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means the database is not usable
        report["database"] = f"error: {type(error).__name__}"
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        report["broker"] = "none (tasks run in-process)"
    else:
        from .celery import app

        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:  # kombu raises many kinds; any means no broker
            report["broker"] = f"error: {type(error).__name__}"
    healthy = all(not value.startswith("error") for value in report.values())
    report["status"] = "ok" if healthy else "degraded"
    return JsonResponse(report, status=200 if healthy else 503)


@login_required
def portal_home(request):
    cooperative = selectors.cooperative_current()
    context = {
        "roles": sorted(r.value for r in user_roles(request.user)),
        "steps": startup.evaluate(cooperative),
        "policy_numbers": selectors.policy_numbers(),
    }
    return render(request, "portal/home.html", context)


@login_required
def portal_api_token(request):
    token = Token.objects.filter(user=request.user).first()
    return render(request, "portal/api_token.html", {"token": token})


@login_required
@require_POST
def portal_api_token_reset(request):
    """Replace the member's API token; the old one stops working at once."""
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, _("A new API token was created. The old one no longer works."))
    return redirect("portal:api_token")
