"""``Idempotency-Key`` on create: an integrator that repeats a request (a timeout, a retry
loop) gets the first answer back instead of a second post.

The key row is inserted in the same transaction as the post. A concurrent request with the
same key blocks on the unique constraint until the first commits, then replays its answer;
if the first fails (a 400), nothing was stored and the key may be used again.

A key lives ``KEY_LIFETIME`` (24 hours, as Stripe's do): after that it no longer replays, the
same key makes a new post, and the beat's hourly ``sweep_idempotency_keys`` deletes it.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException, NotAuthenticated, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
KEY_LIFETIME = timedelta(hours=24)


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "Idempotency-Key ini sudah dipakai untuk permintaan dengan isi yang berbeda. "
        "Gunakan kunci baru untuk permintaan baru."
    )
    default_code = "idempotency_key_reused"


class KeyInProgress(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Permintaan dengan Idempotency-Key ini masih diproses. Coba lagi sebentar."
    default_code = "idempotency_key_in_progress"


def fingerprint(request: Request) -> str:
    """The request as asked: method, path and body (key order does not matter)."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(request: Request, create: Callable[[], Response]) -> Response:
    """Run ``create`` once per (user, key); later requests with that key get its answer."""
    key = request.headers.get(HEADER)
    if key is None:
        return create()
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationError({HEADER: [f"Isi 1 sampai {MAX_KEY_LENGTH} karakter."]})
    asked = fingerprint(request)
    user = request.user
    if not user.is_authenticated:  # the API's permissions let no anonymous request this far
        raise NotAuthenticated
    with transaction.atomic():
        expired(IdempotencyKey.objects.filter(user=user, key=key)).delete()
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=user, key=key, request_fingerprint=asked
                )
        except IntegrityError:
            record = None
        if record is not None:
            response = create()
            record.response_status = response.status_code
            record.response_body = response.data
            record.save(update_fields=["response_status", "response_body"])
            return response
    return _replay(IdempotencyKey.objects.get(user=user, key=key), asked)


def expired(keys: QuerySet[IdempotencyKey] | None = None) -> QuerySet[IdempotencyKey]:
    """Keys older than ``KEY_LIFETIME``: they replay nothing any more."""
    keys = IdempotencyKey.objects.all() if keys is None else keys
    return keys.filter(created_at__lt=timezone.now() - KEY_LIFETIME)


def sweep() -> int:
    """Delete expired keys (the beat runs this hourly); returns how many went."""
    return expired().delete()[0]


def _replay(record: IdempotencyKey, asked: str) -> Response:
    if record.request_fingerprint != asked:
        raise KeyReused()
    if record.response_status is None:
        raise KeyInProgress()
    return Response(
        record.response_body,
        status=record.response_status,
        headers={REPLAYED_HEADER: "true"},
    )
