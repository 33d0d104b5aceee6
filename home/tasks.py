from celery import shared_task
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone


@shared_task(ignore_result=True)
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (beat: every
    minute); take down an expired breaking-news bar."""
    call_command("publish_scheduled", verbosity=0)
    take_down_expired_breaking_news()


def take_down_expired_breaking_news() -> bool:
    """Clear a breaking-news bar whose time is over. Saving the setting purges every cached
    page (``home.signals``), so no cached page shows the bar a minute longer."""
    from .models import FrontPageSettings

    with transaction.atomic():
        front = FrontPageSettings.objects.select_for_update().first()
        if front is None or not front.breaking_text or front.breaking_until is None:
            return False
        if front.breaking_until > timezone.now():
            return False
        front.breaking_text = ""
        front.breaking_url = ""
        front.breaking_until = None
        front.save()
    return True
