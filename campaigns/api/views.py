"""The API's endpoints. Every state change goes through ``campaigns.approvals``, the same
functions the admin calls, so the rules live in one place."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, ProtectedError
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .. import approvals, holds
from ..models import Approval, Campaign, Delivery, DeliveryStatus, Post, PostStatus, SocialAccount
from .idempotency import HEADER, REPLAYED_HEADER, idempotent
from .permissions import RolePermissions
from .post_serializers import PostSerializer
from .serializers import (
    CampaignSerializer,
    CommentSerializer,
    DeliverySerializer,
    ErrorSerializer,
    MarkPublishedSerializer,
    SocialAccountSerializer,
)
from .throttling import GuardedTokenAuthentication, ThrottledFirst

CHANGE_POST = ["campaigns.change_post"]
APPROVE_POST = [approvals.APPROVE_PERMISSION]
DELETABLE_POST_STATUSES = (
    PostStatus.DRAFT,
    PostStatus.REJECTED,
    PostStatus.EXPIRED,
    PostStatus.CANCELLED,
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Tindakan ini tidak berlaku untuk keadaan data sekarang."
    default_code = "conflict"


@contextmanager
def domain_errors() -> Iterator[None]:
    """The rules' exceptions as HTTP answers: 409 for a wrong state, 400 for invalid
    content, 403 for a role that may not act."""
    try:
        yield
    except approvals.TransitionError as error:
        raise Conflict(" ".join(error.messages)) from error
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(error.message_dict) from error
        raise ValidationError({"non_field_errors": error.messages}) from error
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None) from error


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CampaignsAPIMixin(ThrottledFirst, GenericAPIView):
    authentication_classes = [GuardedTokenAuthentication, SessionAuthentication]
    permission_classes = [RolePermissions]
    pagination_class = Pagination
    filter_backends = [filters.DjangoFilterBackend]


ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Isian tidak valid, per kolom."),
    403: OpenApiResponse(ErrorSerializer, description="Peran Anda tidak mengizinkan."),
}
CONFLICT = {409: OpenApiResponse(ErrorSerializer, description="Keadaan tidak mengizinkan.")}


@extend_schema(tags=["accounts"])
class SocialAccountViewSet(CampaignsAPIMixin, viewsets.ModelViewSet):
    """Accounts on the networks. ``credentials`` is write-only; setting it on an account
    that needs reconnecting releases its held deliveries. Changing ``external_id`` (or the
    network) holds the account's approved, unsent deliveries until the head of Humas calls
    ``confirm_destination``."""

    queryset = SocialAccount.objects.all()
    serializer_class = SocialAccountSerializer
    filterset_fields = ["network", "status", "is_active", "destination_held"]
    action_permissions = {"confirm_destination": APPROVE_POST}

    @extend_schema(request=None, responses={200: SocialAccountSerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def confirm_destination(self, request, pk=None):
        """Confirm the account's new destination (head of Humas): the deliveries held since
        it changed go out at their own times."""
        with domain_errors():
            holds.confirm_destination(self.get_object(), request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(responses={204: None, 403: ERRORS[403], **CONFLICT})
    def destroy(self, request, *args, **kwargs):
        try:
            return super().destroy(request, *args, **kwargs)
        except ProtectedError as error:
            raise Conflict(
                "Akun ini punya riwayat pengiriman: nonaktifkan saja (is_active=false)."
            ) from error


@extend_schema(tags=["campaigns"])
class CampaignViewSet(CampaignsAPIMixin, viewsets.ModelViewSet):
    queryset = Campaign.objects.order_by("-starts_on", "name", "-pk").prefetch_related("targets")
    serializer_class = CampaignSerializer
    filterset_fields = ["pillar", "programme"]


@extend_schema(tags=["posts"])
class PostViewSet(CampaignsAPIMixin, viewsets.ModelViewSet):
    """Posts. Editable only while draft or rejected; then submitted, approved or rejected by
    the head of Humas, withdrawn to draft, or cancelled."""

    # A stable order (pk last), so that pages never repeat or skip a post.
    queryset = (
        Post.objects.order_by("-scheduled_at", "-created_at", "-pk")
        .select_related("author")
        .prefetch_related(
            "images",
            "deliveries",
            Prefetch("approvals", queryset=Approval.objects.select_related("actor")),
        )
    )
    serializer_class = PostSerializer
    filterset_fields = ["status", "campaign", "send_now"]
    action_permissions = {
        "submit": CHANGE_POST,
        "withdraw": CHANGE_POST,
        "cancel": CHANGE_POST,
        "approve": APPROVE_POST,
        "reject": APPROVE_POST,
    }

    @extend_schema(
        parameters=[
            OpenApiParameter(
                HEADER,
                str,
                OpenApiParameter.HEADER,
                description=(
                    "Opsional. Permintaan yang diulang dengan kunci dan isi yang sama dalam "
                    "24 jam mendapat jawaban pertama; kunci yang sama dengan isi lain: 422."
                ),
            ),
            OpenApiParameter(
                REPLAYED_HEADER,
                str,
                OpenApiParameter.HEADER,
                enum=["true"],
                response=[201, 400],
                description="Ada (bernilai true) bila jawaban ini ulangan jawaban pertama untuk "
                "Idempotency-Key yang sama; tidak ada pada jawaban pertama.",
            ),
        ],
        responses={
            201: PostSerializer,
            **ERRORS,
            409: OpenApiResponse(
                ErrorSerializer,
                description="Permintaan pertama dengan Idempotency-Key ini masih diproses: "
                "ulangi sebentar lagi (kode idempotency_key_in_progress).",
            ),
            422: OpenApiResponse(ErrorSerializer, description="Kunci dipakai untuk isi lain."),
        },
    )
    def create(self, request, *args, **kwargs):
        return idempotent(
            request, lambda: super(PostViewSet, self).create(request, *args, **kwargs)
        )

    @extend_schema(responses={200: PostSerializer, **ERRORS, **CONFLICT})
    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            post = Post.objects.select_for_update().get(pk=self.get_object().pk)
            if not post.is_editable:
                raise Conflict(
                    f"Unggahan berstatus \u201c{post.get_status_display()}\u201d tidak dapat "
                    "diubah. Tarik kembali menjadi draf dulu."
                )
            return super().update(request, *args, **kwargs)

    @extend_schema(responses={200: PostSerializer, **ERRORS, **CONFLICT})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(responses={204: None, 403: ERRORS[403], **CONFLICT})
    def destroy(self, request, *args, **kwargs):
        post = self.get_object()
        if post.status not in DELETABLE_POST_STATUSES:
            raise Conflict("Tarik kembali atau batalkan unggahan ini sebelum menghapusnya.")
        return super().destroy(request, *args, **kwargs)

    def _transition(self, function, *args) -> Response:
        with domain_errors():
            post = function(self.get_object(), self.request.user, *args)
        return Response(self.get_serializer(self.get_queryset().get(pk=post.pk)).data)

    @extend_schema(request=None, responses={200: PostSerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Ask the head of Humas to approve the post as it is now."""
        return self._transition(approvals.submit)

    @extend_schema(request=CommentSerializer, responses={200: PostSerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve (head of Humas): the deliveries are scheduled for the post's time."""
        comment = self._comment(request)
        return self._transition(approvals.approve, comment)

    @extend_schema(request=CommentSerializer, responses={200: PostSerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject (head of Humas) with a reason for the author (``comment`` required)."""
        return self._transition(approvals.reject, self._comment(request))

    @extend_schema(request=None, responses={200: PostSerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Back to draft, to edit; only while nothing has been sent."""
        return self._transition(approvals.withdraw)

    @extend_schema(request=None, responses={200: PostSerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Stop every delivery that has not gone out yet."""
        return self._transition(approvals.cancel)

    @staticmethod
    def _comment(request) -> str:
        serializer = CommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["comment"]


class DeliveryFilter(filters.FilterSet):
    campaign = filters.NumberFilter(field_name="post__campaign", help_text="ID kampanye.")
    status = filters.MultipleChoiceFilter(choices=DeliveryStatus.choices)

    class Meta:
        model = Delivery
        fields = ["status", "account", "post", "campaign"]


@extend_schema(tags=["deliveries"])
class DeliveryViewSet(CampaignsAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Deliveries (one per post and account) with their attempt log. Filter with
    ``?status=failed&status=held``, ``account``, ``post``, ``campaign``."""

    queryset = Delivery.objects.select_related("account", "post").prefetch_related("attempts")
    serializer_class = DeliverySerializer
    filterset_class = DeliveryFilter
    action_permissions = {
        "retry": CHANGE_POST,
        "cancel": CHANGE_POST,
        "mark_published": CHANGE_POST,
    }

    def _transition(self, function) -> Response:
        with domain_errors():
            delivery = function(self.get_object(), self.request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=delivery.pk)).data)

    @extend_schema(request=None, responses={200: DeliverySerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Try again now (after a failure, a miss, a hold, or a checked unconfirmed post)."""
        return self._transition(approvals.retry_delivery)

    @extend_schema(
        request=MarkPublishedSerializer, responses={200: DeliverySerializer, **ERRORS, **CONFLICT}
    )
    @action(detail=True, methods=["post"], url_path="mark-published")
    def mark_published(self, request, pk=None):
        """A person checked the platform: the post whose outcome was unknown (``checking`` or
        ``unconfirmed``) is there. Record it as published (with its ``permalink``, http(s)
        only), so it is never sent again; the delivery log says who decided."""
        form = MarkPublishedSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        permalink = form.validated_data["permalink"]
        return self._transition(
            lambda delivery, user: approvals.mark_published(delivery, user, permalink)
        )

    @extend_schema(request=None, responses={200: DeliverySerializer, **ERRORS, **CONFLICT})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Stop this delivery if it has not gone out yet."""
        return self._transition(approvals.cancel_delivery)
