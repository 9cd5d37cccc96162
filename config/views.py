"""Pages that gather every app: the member portal home, the person's own data, and the health
checks: liveness (the process answers) and readiness (the database answers; the broker and the
outbox are reported)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from coop import selectors
from coop.roles import ROLE_LABELS, in_cooperative, user_roles

from .celery import app as celery_app
from .dashboard import dashboard_for
from .personal_data import RECORD_LABELS, personal_data_export

# Each probe answers within about a second: a load balancer waiting longer takes the server out.
DATABASE_TIMEOUT_MS = 1000
BROKER_TIMEOUT_S = 0.5


@transaction.non_atomic_requests
@never_cache
@require_safe
def health_live(request):
    """Liveness: the process answers, touching neither the database nor the broker."""
    return JsonResponse({"status": "ok"})


def _database_state() -> str:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Inside this transaction only: the limit ends with it.
                cursor.execute(f"SET LOCAL statement_timeout = {DATABASE_TIMEOUT_MS}")
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means the database is not usable
        return f"error: {type(error).__name__}"
    return "ok"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "none (tasks run in-process)"
    try:
        with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT_S) as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_S)
    except Exception as error:  # kombu raises many kinds; any means no broker
        return f"error: {type(error).__name__}"
    return "ok"


# Not in a request-wide transaction: opening one would fail before the view could answer 503.
@transaction.non_atomic_requests
@never_cache
@require_safe
def health(request):
    """Readiness: 503 only when the database does not answer, the one thing no page works without.

    The broker and the outbox are reported, never failing: while the broker is down the pages and
    ballots still work, their notices wait in the outbox, so pulling the server would only hurt.
    """
    report = {"database": _database_state(), "broker": _broker_state()}
    ready = report["database"] == "ok"
    if ready:
        report["outbox_waiting"] = selectors.outbox_waiting()
    if not ready:
        report["status"] = "down"
    else:
        report["status"] = "degraded" if report["broker"].startswith("error") else "ok"
    return JsonResponse(report, status=200 if ready else 503)


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
    counts = [(RECORD_LABELS[key], len(value)) for key, value in data.items() if isinstance(value, list)]
    return render(request, "portal/my_data.html", {"data": data, "counts": counts})


# The home only reads; outside a transaction it saves the BEGIN and COMMIT of every visit (under
# READ COMMITTED each query sees its own snapshot either way).
@transaction.non_atomic_requests
@login_required
@require_safe
def portal_home(request):
    """Answer "what needs me" first, then show what is the person's own."""
    cooperative = selectors.cooperative_current()
    if cooperative is None:
        return redirect("founding:setup")
    if not in_cooperative(request.user):
        return render(request, "portal/outsider.html", {"refused": False, "cooperative": cooperative})
    board = dashboard_for(request.user)
    context = {
        # The cooperative and the menu's count of unread notices already read, so that the
        # templates do not read them again.
        "cooperative": cooperative,
        "notices_unread": board.notices_unread,
        "roles": [ROLE_LABELS[r] for r in sorted(user_roles(request.user))],
        "board": board,
    }
    return render(request, "portal/home.html", context)
