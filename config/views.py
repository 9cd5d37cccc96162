"""Pages that gather every app: the member portal home, the person's own data, and the health
check that asks the task broker."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from coop import selectors
from coop.roles import ROLE_LABELS, in_cooperative, user_roles

from .celery import app as celery_app
from .dashboard import dashboard_for
from .personal_data import personal_data_export


@never_cache
@require_safe
def health(request):
    """Report whether the database and the task broker answer; 503 when one does not."""
    report = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means the database is not usable
        report["database"] = f"error: {type(error).__name__}"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        report["broker"] = "none (tasks run in-process)"
    else:
        try:
            with celery_app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:  # kombu raises many kinds; any means no broker
            report["broker"] = f"error: {type(error).__name__}"
    healthy = all(not value.startswith("error") for value in report.values())
    report["status"] = "ok" if healthy else "degraded"
    return JsonResponse(report, status=200 if healthy else 503)


@login_required
@never_cache
@require_safe
def my_data(request):
    """Show the person what the platform holds about them; `?download=1` hands it over as JSON."""
    data = personal_data_export(user=request.user)
    if request.GET.get("download"):
        response = JsonResponse(data, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    counts = [(key.replace("_", " "), len(value)) for key, value in data.items() if isinstance(value, list)]
    return render(request, "portal/my_data.html", {"data": data, "counts": counts})


@login_required
@require_safe
def portal_home(request):
    """Answer "what needs me" first, then show what is the person's own."""
    if selectors.cooperative_current() is None:
        return redirect("founding:setup")
    if not in_cooperative(request.user):
        return render(request, "portal/outsider.html", {"refused": False})
    context = {
        "roles": [ROLE_LABELS[r] for r in sorted(user_roles(request.user))],
        "board": dashboard_for(request.user),
    }
    return render(request, "portal/home.html", context)
