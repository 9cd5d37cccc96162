"""Founding API serializers: what goes in and what comes out, nothing decided here."""

from __future__ import annotations

from rest_framework import serializers

from coop.api.serializers import ReasonField, StrictModelSerializer, StrictSerializer
from coop.models import Cooperative

from ..models import Application, Convenership


class ConvenershipSerializer(StrictModelSerializer):
    email = serializers.EmailField(source="user.email")
    sunset_condition = serializers.CharField()

    class Meta:
        model = Convenership
        fields = ["id", "email", "since", "status", "ended_at", "ending_motion", "sunset_condition"]


class ApplicationSerializer(StrictModelSerializer):
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "legal_name", "email", "phone", "status", "submitted_at", "member", "answers"]

    def get_answers(self, obj) -> list[dict]:
        return [{"question": a.question.text, "text": a.text} for a in obj.answers.all()]


class IncorporationSerializer(StrictSerializer):
    legal_form = serializers.ChoiceField(
        choices=[c for c in Cooperative.LegalForm.choices if c[0] != Cooperative.LegalForm.CLUB]
    )
    incorporated_on = serializers.DateField()
    registration_number = serializers.CharField(max_length=100)
    reason = ReasonField()


class CapitalProgressSerializer(StrictSerializer):
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    dues = serializers.DecimalField(max_digits=14, decimal_places=2)
    shares = serializers.DecimalField(max_digits=14, decimal_places=2)
    labor_margin = serializers.DecimalField(max_digits=14, decimal_places=2)
    raised = serializers.DecimalField(max_digits=14, decimal_places=2)
    percent = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
