"""What the API reads and writes. Times are ISO 8601 in WIB (a time without an offset is
taken as WIB); credentials are write-only and never leave the server."""

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from rest_framework import serializers

from core.links import remote_url

from .. import holds
from ..models import (
    AccountStatus,
    Approval,
    Campaign,
    CampaignTarget,
    Delivery,
    DeliveryAttempt,
    Network,
    SocialAccount,
)
from ..networks import webhook
from .permissions import guard_owner_fields

# The keys each network's adapter needs to publish (other keys are stored as given).
REQUIRED_CREDENTIALS: dict[str, tuple[str, ...]] = {
    Network.INSTAGRAM: ("access_token",),
    Network.FACEBOOK: ("access_token",),
    Network.X: ("access_token",),
    Network.TELEGRAM: ("bot_token",),
    Network.WEBHOOK: ("secret",),
}


class WibDateTimeField(serializers.DateTimeField):
    """ISO 8601 in and out in WIB, whatever time zone a request may have activated."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default_timezone", ZoneInfo(settings.TIME_ZONE))
        super().__init__(**kwargs)


class BaseSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: WibDateTimeField,
    }


class ErrorSerializer(serializers.Serializer):
    """An error that is not about one field (403, 404, 409, 422)."""

    detail = serializers.CharField()


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class MarkPublishedSerializer(serializers.Serializer):
    """A person saw the post on the platform; its address there, if they copied it."""

    permalink = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, trim_whitespace=True
    )

    def validate_permalink(self, value: str) -> str:
        if value and remote_url(value) != value:
            raise serializers.ValidationError(
                "Tautan tidak valid: salin alamat unggahan dari platform (http:// atau https://)."
            )
        return value


# --- Accounts --------------------------------------------------------------------------


class SocialAccountSerializer(BaseSerializer):
    credentials = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=True),
        write_only=True,
        required=False,
        help_text=(
            "Hanya untuk ditulis, tidak pernah dikembalikan. Kunci wajib: Instagram dan "
            "Facebook access_token, X access_token, Telegram bot_token, webhook secret."
        ),
    )
    has_credentials = serializers.BooleanField(read_only=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text=(
            "Diberi tahu bila pengiriman gagal. Bawaan: pengguna yang membuat akun; hanya "
            "Kepala Humas atau administrator yang dapat menggantinya."
        ),
    )

    class Meta:
        model = SocialAccount
        fields = [
            "id",
            "network",
            "handle",
            "display_name",
            "external_id",
            "persona",
            "owner",
            "is_active",
            "status",
            "last_error",
            "last_error_at",
            "destination_held",
            "previous_destination",
            "destination_changed_at",
            "has_credentials",
            "credentials_updated_at",
            "credentials",
        ]
        read_only_fields = [
            "status",
            "last_error",
            "last_error_at",
            "destination_held",
            "previous_destination",
            "destination_changed_at",
            "credentials_updated_at",
        ]

    def validate_network(self, value: str) -> str:
        if self.instance is not None and value != self.instance.network:
            raise serializers.ValidationError(
                "Jaringan akun tidak dapat diubah; buat akun baru untuk jaringan lain."
            )
        return value

    def validate(self, attrs: dict) -> dict:
        guard_owner_fields(self, attrs)
        network: str = attrs.get("network") or (self.instance.network if self.instance else "")
        errors: dict[str, Any] = {}
        if network == Network.WEBHOOK and ("external_id" in attrs or self.instance is None):
            try:
                webhook.validate_url(attrs.get("external_id", ""))
            except DjangoValidationError as error:
                errors["external_id"] = error.messages
        credentials = attrs.get("credentials")
        if credentials is None:
            if self.instance is None:
                errors["credentials"] = ["Isi kredensial akun ini."]
        else:
            label = Network(network).label
            missing = {
                key: [f"Wajib diisi untuk {label}."]
                for key in REQUIRED_CREDENTIALS[network]
                if not credentials.get(key)
            }
            if missing:
                errors["credentials"] = missing
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    @transaction.atomic
    def create(self, validated_data: dict) -> SocialAccount:
        credentials = validated_data.pop("credentials")
        if validated_data.get("owner") is None:  # the creator answers for it, and is told
            validated_data["owner"] = self.context["request"].user
        account = SocialAccount(**validated_data)
        account.set_credentials(credentials)
        account.save()
        return account

    @transaction.atomic
    def update(self, instance: SocialAccount, validated_data: dict) -> SocialAccount:
        credentials = validated_data.pop("credentials", None)
        previous = instance.destination
        moved = any(
            name in validated_data and validated_data[name] != getattr(instance, name)
            for name in holds.DESTINATION_FIELDS
        )
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if credentials is not None:
            instance.set_credentials(credentials)
        instance.save()
        if moved:
            holds.hold_for_new_destination(instance, self.context["request"].user, previous)
        if credentials is not None and instance.status == AccountStatus.NEEDS_RECONNECT:
            holds.release_held(instance)
        instance.refresh_from_db()
        return instance


# --- Campaigns -------------------------------------------------------------------------


class CampaignTargetSerializer(BaseSerializer):
    class Meta:
        model = CampaignTarget
        fields = ["id", "metric", "network", "target_value"]


class CampaignSerializer(BaseSerializer):
    targets = CampaignTargetSerializer(
        many=True, required=False, help_text="Target KPI; bila dikirim, menggantikan semuanya."
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text=(
            "Bawaan: pengguna yang membuat kampanye; hanya Kepala Humas atau administrator "
            "yang dapat menggantinya."
        ),
    )
    co_owners = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        many=True,
        required=False,
        help_text="Penanggung jawab bersama; diatur oleh Kepala Humas atau administrator.",
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "objective",
            "pillar",
            "programme",
            "starts_on",
            "ends_on",
            "hashtags",
            "owner",
            "co_owners",
            "targets",
            "created_at",
        ]

    def validate(self, attrs: dict) -> dict:
        guard_owner_fields(self, attrs)
        starts_on = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends_on = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts_on and ends_on and ends_on < starts_on:
            raise serializers.ValidationError(
                {"ends_on": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]}
            )
        return attrs

    @transaction.atomic
    def create(self, validated_data: dict) -> Campaign:
        targets = validated_data.pop("targets", [])
        co_owners = validated_data.pop("co_owners", [])
        if validated_data.get("owner") is None:
            validated_data["owner"] = self.context["request"].user
        campaign = Campaign.objects.create(**validated_data)
        campaign.co_owners.set(co_owners)
        self._replace_targets(campaign, targets)
        return campaign

    @transaction.atomic
    def update(self, instance: Campaign, validated_data: dict) -> Campaign:
        targets = validated_data.pop("targets", None)
        campaign = super().update(instance, validated_data)
        if targets is not None:
            self._replace_targets(campaign, targets)
        return campaign

    @staticmethod
    def _replace_targets(campaign: Campaign, targets: list[dict]) -> None:
        CampaignTarget.objects.filter(campaign=campaign).delete()
        CampaignTarget.objects.bulk_create(
            CampaignTarget(campaign=campaign, sort_order=index, **target)
            for index, target in enumerate(targets)
        )


# --- Deliveries and approvals ------------------------------------------------------------


class DeliveryAttemptSerializer(BaseSerializer):
    class Meta:
        model = DeliveryAttempt
        fields = [
            "kind",
            "started_at",
            "finished_at",
            "outcome",
            "http_status",
            "error_code",
            "message",
            "remote_id",
            "permalink",
        ]
        read_only_fields = fields


class DeliverySerializer(BaseSerializer):
    """A delivery with its log, newest attempt first."""

    account_label = serializers.CharField(source="account.__str__", read_only=True)
    network = serializers.CharField(source="account.network", read_only=True)
    text = serializers.CharField(read_only=True, help_text="Teks yang dikirim ke akun ini.")
    attempts = DeliveryAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "post",
            "account",
            "account_label",
            "network",
            "text_override",
            "text",
            "status",
            "status_reason",
            "scheduled_for",
            "due_at",
            "attempt_count",
            "needs_reconcile",
            "remote_id",
            "permalink",
            "published_at",
            "updated_at",
            "attempts",
        ]
        read_only_fields = fields


class ApprovalSerializer(BaseSerializer):
    actor: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    self_approved = serializers.BooleanField(
        source="is_self_approval",
        read_only=True,
        help_text="Disetujui oleh penulisnya sendiri (hanya bila ALLOW_SELF_APPROVAL aktif).",
    )

    class Meta:
        model = Approval
        fields = ["decision", "actor", "self_approved", "comment", "created_at"]
        read_only_fields = fields
