"""API views that gather every app."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .personal_data import personal_data_export


class MyDataView(APIView):
    """Everything the platform holds about the logged-in person, as JSON (their own data only)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(personal_data_export(user=request.user))
