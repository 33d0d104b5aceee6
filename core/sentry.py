"""Error reporting to Sentry (or a compatible service, e.g. GlitchTip) when SENTRY_DSN is set.

Called from the production settings (which read the SENTRY_* variables), so gunicorn, Celery
workers and beat all report. No personal data is sent (no user e-mail, address or cookies);
the request id from core.log_context goes with each event so an error can be found in the logs.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint


def init_sentry(
    dsn: str, *, environment: str, release: str | None, traces_sample_rate: float
) -> bool:
    """Start the SDK if a DSN is given; True when it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        before_send=_with_request_id,
    )
    return True


def _with_request_id(event: "Event", hint: "Hint") -> "Event":
    from core.log_context import request_id

    rid = request_id.get()
    if rid:
        event.setdefault("tags", {})["request_id"] = rid
    return event
