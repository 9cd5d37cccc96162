"""The inbox other installations POST their signed messages to. No session and no CSRF token: the
request is authenticated by its signature alone (federation.signing)."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services


@csrf_exempt
@require_POST
def inbox(request):
    answer = services.inbox_receive(
        method=request.method,
        url=request.build_absolute_uri(),
        headers=dict(request.headers),
        body=request.body,
    )
    return JsonResponse(
        {"status": "ok", "message": answer.message} if answer.ok else {"error": answer.message}, status=answer.status
    )
