"""Posts as the API writes them: text, link, time, images and the accounts they go to,
checked against every target network's rules (``campaigns.validation``) before saving."""

from django.contrib.auth.models import User
from django.db import transaction
from rest_framework import serializers
from wagtail.models import Page

from core.links import public_page_url

from .. import policy
from ..models import Delivery, Post, PostImage, SocialAccount
from ..validation import Target, check, link_url_refusal, scheduled_at_refusal
from .permissions import choosable
from .serializers import ApprovalSerializer, BaseSerializer


class ChoosableImageField(serializers.PrimaryKeyRelatedField):
    """An image the user may choose (Wagtail's collection permissions), e.g. one they
    uploaded through ``/images/``."""

    def get_queryset(self):
        return choosable(self.context["request"].user)


class PostImageSerializer(BaseSerializer):
    image = ChoosableImageField(
        help_text="ID gambar di pustaka (unggah lewat /images/).",
    )
    alt_text = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Bila kosong: teks alternatif gambar itu di pustaka.",
    )

    class Meta:
        model = PostImage
        fields = ["image", "alt_text"]

    def validate(self, attrs: dict) -> dict:
        attrs["alt_text"] = (attrs.get("alt_text") or "").strip() or attrs["image"].description
        if not attrs["alt_text"]:
            raise serializers.ValidationError(
                {"alt_text": ["Isi teks alternatif: deskripsi gambar untuk tunanetra."]}
            )
        return attrs


class PostDeliverySerializer(BaseSerializer):
    """One target account of a post; its state is read-only here (see ``/deliveries/``)."""

    account = serializers.PrimaryKeyRelatedField(
        queryset=SocialAccount.objects.filter(is_active=True)
    )

    class Meta:
        model = Delivery
        fields = [
            "id",
            "account",
            "text_override",
            "status",
            "status_reason",
            "scheduled_for",
            "due_at",
            "published_at",
            "permalink",
        ]
        read_only_fields = [
            "id",
            "status",
            "status_reason",
            "scheduled_for",
            "due_at",
            "published_at",
            "permalink",
        ]


class PostSerializer(BaseSerializer):
    link_page = serializers.PrimaryKeyRelatedField(
        queryset=Page.objects.filter(depth__gt=1),
        required=False,
        allow_null=True,
        help_text="ID halaman situs yang ditautkan (atau isi link_url, bukan keduanya).",
    )
    images = PostImageSerializer(
        many=True, required=False, help_text="Bila dikirim, menggantikan semua gambar."
    )
    deliveries = PostDeliverySerializer(
        many=True,
        required=False,
        help_text="Akun tujuan; bila dikirim, menggantikan semua tujuan.",
    )
    author: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    approvals = ApprovalSerializer(many=True, read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "status",
            "campaign",
            "text",
            "link_page",
            "link_url",
            "send_now",
            "scheduled_at",
            "images",
            "deliveries",
            "author",
            "approvals",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "scheduled_at": {
                "help_text": "ISO 8601; waktu tanpa zona dianggap WIB (UTC+7).",
            }
        }

    def validate_link_page(self, page):
        if refusal := policy.page_refusal(page):
            raise serializers.ValidationError(refusal)
        return page

    def validate_link_url(self, url):
        if refusal := link_url_refusal(url):
            raise serializers.ValidationError(refusal)
        return url

    def validate_scheduled_at(self, when):
        if refusal := scheduled_at_refusal(when):
            raise serializers.ValidationError(refusal)
        return when

    def validate_campaign(self, campaign):
        if self.instance is not None and campaign == self.instance.campaign:
            return campaign
        if refusal := policy.campaign_refusal(self.context["request"].user, campaign):
            raise serializers.ValidationError(refusal)
        return campaign

    def validate(self, attrs: dict) -> dict:
        post = self._effective(attrs)
        self._check_fields(post)
        self._check_networks(post)
        return attrs

    def _effective(self, attrs: dict) -> dict:
        """The post as it will be: the request's values over the saved ones."""
        instance = self.instance
        post = {
            name: attrs.get(name, getattr(instance, name, None))
            for name in ("text", "link_page", "link_url", "send_now", "scheduled_at")
        }
        post["text"] = post["text"] or ""
        post["link_url"] = post["link_url"] or ""
        if "images" in attrs:
            post["image_count"] = len(attrs["images"])
        else:
            post["image_count"] = instance.images.count() if instance else 0
        if "deliveries" in attrs:
            post["deliveries"] = attrs["deliveries"]
        elif instance is not None:
            post["deliveries"] = [
                {"account": d.account, "text_override": d.text_override}
                for d in instance.deliveries.select_related("account")
            ]
        else:
            post["deliveries"] = []
        return post

    @staticmethod
    def _check_fields(post: dict) -> None:
        errors = {}
        if post["link_page"] and post["link_url"]:
            errors["link_url"] = ["Pilih satu: halaman situs atau URL lain, bukan keduanya."]
        if not post["send_now"] and not post["scheduled_at"]:
            errors["scheduled_at"] = ["Isi waktu tayang, atau pilih \u201ckirim segera\u201d."]
        accounts = [d["account"].pk for d in post["deliveries"]]
        if not accounts:
            errors["deliveries"] = ["Pilih minimal satu akun tujuan."]
        elif len(set(accounts)) != len(accounts):
            errors["deliveries"] = ["Setiap akun hanya boleh dipilih sekali."]
        if errors:
            raise serializers.ValidationError(errors)

    @staticmethod
    def _check_networks(post: dict) -> None:
        """Each target's network rules, keyed by its position in ``deliveries``."""
        link = post["link_url"]
        if post["link_page"]:
            link = public_page_url(post["link_page"].specific)
        errors = {}
        for index, delivery in enumerate(post["deliveries"]):
            account = delivery["account"]
            text = (delivery.get("text_override") or "").strip() or post["text"]
            target = Target(account.network, str(account), text)
            if messages := check([target], link=link, image_count=post["image_count"]):
                errors[str(index)] = messages
        if errors:
            raise serializers.ValidationError({"deliveries": errors})

    @transaction.atomic
    def create(self, validated_data: dict) -> Post:
        images = validated_data.pop("images", [])
        deliveries = validated_data.pop("deliveries", [])
        post = Post.objects.create(author=self.context["request"].user, **validated_data)
        self._replace_images(post, images)
        self._replace_deliveries(post, deliveries)
        return post

    @transaction.atomic
    def update(self, instance: Post, validated_data: dict) -> Post:
        images = validated_data.pop("images", None)
        deliveries = validated_data.pop("deliveries", None)
        post = super().update(instance, validated_data)
        if images is not None:
            self._replace_images(post, images)
        if deliveries is not None:
            self._replace_deliveries(post, deliveries)
        return post

    @staticmethod
    def _replace_images(post: Post, images: list[dict]) -> None:
        PostImage.objects.filter(post=post).delete()
        PostImage.objects.bulk_create(
            PostImage(post=post, sort_order=index, **image) for index, image in enumerate(images)
        )

    @staticmethod
    def _replace_deliveries(post: Post, deliveries: list[dict]) -> None:
        """Keep the rows of accounts still targeted (a draft's rows hold no history)."""
        wanted = {d["account"].pk: d.get("text_override", "") for d in deliveries}
        Delivery.objects.filter(post=post).exclude(account_id__in=wanted).delete()
        existing = {d.account_id: d for d in Delivery.objects.filter(post=post)}
        for account_id, text_override in wanted.items():
            if account_id in existing:
                row = existing[account_id]
                row.text_override = text_override
                row.save(update_fields=["text_override", "updated_at"])
            else:
                Delivery.objects.create(
                    post=post, account_id=account_id, text_override=text_override
                )
