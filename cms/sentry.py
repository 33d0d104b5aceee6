"""Error reporting to Sentry (or a compatible service, e.g. GlitchTip) when SENTRY_DSN is set.

Called from the production settings, so gunicorn, Celery workers and beat all report. No
personal data is sent (no user e-mail, address or cookies); the request id from
core.log_context goes with each event so an error can be found in the logs.
"""

from cms.settings.env import env_float, env_str


def init_sentry() -> bool:
    """Start the SDK if SENTRY_DSN is set; True when it was started."""
    dsn = env_str("SENTRY_DSN")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE") or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
        before_send=_with_request_id,
    )
    return True


def _with_request_id(event: dict, hint: dict) -> dict:
    from core.log_context import request_id

    rid = request_id.get()
    if rid:
        event.setdefault("tags", {})["request_id"] = rid
    return event
