from rest_framework import serializers

from coop.api.serializers import ReasonField, StrictModelSerializer, StrictSerializer

from .. import outcomes
from ..models import AgendaItem, Attendance, Choice, Meeting, Motion, OfficeTerm, Participation, Proxy, Result


class ChoiceSerializer(StrictModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "position", "label", "meaning", "candidate"]
        read_only_fields = fields


class MotionSerializer(StrictModelSerializer):
    body = serializers.CharField(source="body.kind", read_only=True)
    choices = ChoiceSerializer(many=True, read_only=True)
    participants = serializers.IntegerField(source="participant_count", read_only=True)

    class Meta:
        model = Motion
        fields = [
            "id",
            "body",
            "kind",
            "method",
            "title",
            "text",
            "proposer",
            "secret",
            "seats",
            "counting_rule",
            "status",
            "opens_at",
            "closes_at",
            "quorum_percent",
            "threshold_percent",
            "policy_key",
            "policy_value",
            "office",
            "recall_term",
            "document_version",
            "choices",
            "participants",
        ]
        read_only_fields = fields

    def to_representation(self, motion) -> dict:
        # The terms of the kinds another app carries out sit beside the motion's own fields, each
        # null on a motion of another kind, as the proposal takes them.
        terms = outcomes.terms_of(motion)
        return {**super().to_representation(motion), **{name: terms.get(name) for name in outcomes.api_fields()}}


class MotionProposeSerializer(StrictSerializer):
    body = serializers.ChoiceField(choices=["general_conference", "board", "operations"])
    kind = serializers.ChoiceField(choices=Motion.Kind.choices)
    method = serializers.ChoiceField(choices=Motion.Method.choices, default=Motion.Method.YES_NO)
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    secret = serializers.BooleanField(required=False, allow_null=True, default=None)
    seats = serializers.IntegerField(required=False, min_value=1)
    counting_rule = serializers.ChoiceField(choices=Motion.CountingRule.choices, default=Motion.CountingRule.WIGM_EXACT)
    closes_at = serializers.DateTimeField(required=False)
    policy_key = serializers.CharField(required=False, default="", allow_blank=True)
    policy_value = serializers.CharField(required=False, default="", allow_blank=True)
    office = serializers.IntegerField(required=False)
    recall_term = serializers.IntegerField(required=False)
    document_version = serializers.IntegerField(required=False)
    reason = ReasonField()

    def get_fields(self):
        # The terms of every kind another app carries out (a pay band's limits), as that app declares them.
        return {**super().get_fields(), **outcomes.api_fields()}


class BallotCastSerializer(StrictSerializer):
    """A ballot: the marked choice ids (in order of preference for a ranked ballot).

    No reason is asked: a voter's free text could carry their choice into the history.
    """

    marks = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    on_behalf_of = serializers.IntegerField(required=False, help_text="The owner whose proxy you hold.")

    IDENTIFYING = ("voter", "voter_id", "member", "member_id", "user", "user_id")

    def validate(self, attrs):
        motion = self.context["motion"]
        if motion.secret:
            named = [key for key in self.IDENTIFYING if key in self.initial_data]
            if named:
                raise serializers.ValidationError(
                    {named[0]: "A secret ballot carries no voter id; the voter is the logged-in person."}
                )
        return attrs


class ReceiptSerializer(StrictSerializer):
    motion = serializers.IntegerField(source="motion.pk")
    receipt = serializers.CharField(help_text="Shown once; find it in the published ballots after the close.")
    via_proxy = serializers.BooleanField()
    tracking_code = serializers.CharField(
        help_text="A secret ranked vote's entry on its bulletin board, shown once; empty for other votes."
    )


class ResultSerializer(StrictModelSerializer):
    class Meta:
        model = Result
        fields = [
            "eligible_voters",
            "eligible_weight",
            "participants",
            "cast_weight",
            "quorum_percent",
            "quorum_weight",
            "quorum_met",
            "threshold_percent",
            "yes_share_percent",
            "adopted",
            "totals",
            "winners",
            "tied",
            "rounds",
            "counting_rule",
            "seed",
            "tallied_at",
            "certified_at",
            "certified_by",
        ]
        read_only_fields = fields


class PublishedBallotSerializer(StrictSerializer):
    receipt = serializers.CharField()
    marks = serializers.CharField()


class ProxySerializer(StrictModelSerializer):
    class Meta:
        model = Proxy
        fields = ["id", "grantor", "holder", "motion", "starts_at", "ends_at", "status", "created_at"]
        read_only_fields = fields


class ProxyGrantSerializer(StrictSerializer):
    holder = serializers.IntegerField()
    motion = serializers.IntegerField(required=False)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)
    reason = ReasonField()


class ParticipationSerializer(StrictModelSerializer):
    class Meta:
        model = Participation
        fields = ["id", "motion", "voter", "cast_by", "cast_at"]
        read_only_fields = fields


class OfficeTermSerializer(StrictModelSerializer):
    office = serializers.CharField(source="office.title")

    class Meta:
        model = OfficeTerm
        fields = ["id", "office", "holder", "starts_at", "ends_at", "status", "motion"]
        read_only_fields = fields


class AgendaItemSerializer(StrictModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "kind", "title", "motion", "notes"]
        read_only_fields = fields


class MeetingSerializer(StrictModelSerializer):
    agenda = AgendaItemSerializer(many=True, read_only=True)
    attendee_count = serializers.IntegerField(read_only=True)
    checked_in = serializers.BooleanField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "place",
            "video_link",
            "called_by",
            "called_at",
            "reason",
            "status",
            "agenda",
            "attendee_count",
            "checked_in",
        ]
        read_only_fields = fields


class AttendanceSerializer(StrictModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "meeting", "attendee", "how", "proxy", "checked_in_at"]
        read_only_fields = fields
