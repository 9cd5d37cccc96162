"""Turn domain errors into API answers that name the field and the rule, never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        # The request's transaction must not commit what the service began.
        transaction.set_rollback(True)
        if hasattr(exc, "error_dict"):
            # `message_dict`, not `error_dict`: the latter holds lists of errors, not strings.
            detail = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
