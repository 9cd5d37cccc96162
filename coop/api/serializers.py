from collections.abc import Mapping

from rest_framework import serializers

from ..documents import render_markdown
from ..models import Cooperative, DocumentVersion, GoverningDocument, PolicyNumber, User
from ..roles import user_roles

# Sent with writes and never a field to refuse: the reason every write may give (some take none,
# such as a ballot, and leave it unread), and the CSRF token of the browsable API's forms.
ALWAYS_ACCEPTED = frozenset({"reason", "csrfmiddlewaretoken"})


class RefuseUnknownFieldsMixin:
    """Refuse a write that names a field the serializer does not take, or one it only shows.

    DRF drops such keys silently, so a client misspelling a field, or trying one it may not set,
    would be told its change was made. Each is refused with 400 naming it instead.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            shown = set(self.fields) - writable
            errors = {
                key: ["This field is read-only."] if key in shown else ["Unknown field."]
                for key in data
                if key not in writable and key not in ALWAYS_ACCEPTED
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class StrictSerializer(RefuseUnknownFieldsMixin, serializers.Serializer):
    """The base of every API serializer: unknown fields are refused."""


class StrictModelSerializer(RefuseUnknownFieldsMixin, serializers.ModelSerializer):
    """The base of every API model serializer: unknown fields are refused."""


class ReasonField(serializers.CharField):
    """The reason every write must give; it is kept in the record's history."""

    def __init__(self, **kwargs):
        kwargs.setdefault("write_only", True)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", "Why this change is made; kept in the history with your name.")
        super().__init__(**kwargs)


class SlugLookupField(serializers.SlugRelatedField):
    """A related row named by its slug or code, refusing text no database column can hold.

    PostgreSQL refuses a NUL character in any text it is sent, so a lookup by such a value would
    fail in the database; it is refused here as bad input instead.
    """

    default_error_messages = {"null_characters": "Null characters are not allowed."}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)


class ReasonSerializer(StrictSerializer):
    """The body of an action that changes nothing but state: just the reason for it."""

    reason = ReasonField()


class CooperativeSerializer(StrictModelSerializer):
    class Meta:
        model = Cooperative
        fields = [
            "id",
            "name",
            "mission",
            "jurisdiction",
            "legal_form",
            "unit",
            "currency_code",
            "founded_on",
            "incorporated_on",
            "registration_number",
        ]
        read_only_fields = fields


class CooperativeUpdateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False)
    mission = serializers.CharField(required=False, allow_blank=True)
    jurisdiction = serializers.CharField(max_length=100, required=False)
    unit = serializers.ChoiceField(choices=Cooperative.Unit.choices, required=False)
    currency_code = serializers.CharField(max_length=3, required=False)
    founded_on = serializers.DateField(required=False, allow_null=True)
    reason = ReasonField()


class PolicyNumberSerializer(StrictModelSerializer):
    label = serializers.CharField(source="get_key_display", read_only=True)
    display_value = serializers.CharField(read_only=True)

    class Meta:
        model = PolicyNumber
        fields = ["key", "label", "value", "display_value", "adopted_at", "basis"]
        read_only_fields = fields


class MeSerializer(StrictModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "roles"]
        read_only_fields = fields

    def get_roles(self, user) -> list[str]:
        return sorted(r.value for r in user_roles(user))


class StartupStepSerializer(StrictSerializer):
    key = serializers.CharField()
    title = serializers.CharField()
    purpose = serializers.CharField()
    state = serializers.CharField()
    needs = serializers.ListField(child=serializers.CharField())


class DocumentVersionBriefSerializer(StrictModelSerializer):
    class Meta:
        model = DocumentVersion
        fields = ["id", "number", "status", "summary", "adopted_at", "basis"]
        read_only_fields = fields


class GoverningDocumentSerializer(StrictModelSerializer):
    current_version = DocumentVersionBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = GoverningDocument
        fields = ["slug", "title", "kind", "adoption_threshold", "current_version"]
        read_only_fields = fields


class DocumentVersionSerializer(StrictModelSerializer):
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    proposed_by = serializers.EmailField(source="proposed_by.email", read_only=True, allow_null=True, default=None)
    html = serializers.SerializerMethodField(help_text="The text rendered to sanitised HTML.")

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "number",
            "status",
            "summary",
            "text",
            "html",
            "proposed_by",
            "proposed_at",
            "adopted_at",
            "basis",
        ]
        read_only_fields = fields

    def get_html(self, version) -> str:
        return str(render_markdown(version.text))


class DocumentVersionProposeSerializer(StrictSerializer):
    document = SlugLookupField(slug_field="slug", queryset=GoverningDocument.objects.all())
    text = serializers.CharField(trim_whitespace=False)
    summary = serializers.CharField(max_length=500)
    reason = ReasonField()


class RedlineChangeSerializer(StrictSerializer):
    number = serializers.IntegerField()
    anchor = serializers.CharField(help_text="The id of the change's element in rendered_html.")
    section = serializers.CharField(help_text="Where the change is: a section number or a heading.")
    kind = serializers.ChoiceField(choices=["added", "removed", "changed"])


class DocumentDiffSerializer(StrictSerializer):
    document = serializers.CharField()
    from_number = serializers.IntegerField(source="old.number")
    to_number = serializers.IntegerField(source="new.number")
    html = serializers.CharField(source="redline.html")
    words_added = serializers.IntegerField(source="redline.words_added")
    words_removed = serializers.IntegerField(source="redline.words_removed")
    changed = serializers.BooleanField(source="redline.changed")
    rendered_html = serializers.CharField(
        source="redline.rendered.html",
        help_text="The redline on the formatted text; each change in an element whose id is its anchor.",
    )
    changes = RedlineChangeSerializer(source="redline.rendered.changes", many=True)
