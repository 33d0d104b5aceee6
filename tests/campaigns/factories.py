"""Factories for the campaigns half: accounts, campaigns, posts with their deliveries."""

import datetime

import factory
from django.utils import timezone

from campaigns.models import Campaign, Network, Post, PostImage, SocialAccount
from campaigns.models.deliveries import Delivery
from tests.factories import NewsImageFactory

DEFAULT_CREDENTIALS = {
    Network.INSTAGRAM: {"access_token": "ig-token-rahasia"},
    Network.FACEBOOK: {"access_token": "fb-page-token-rahasia"},
    Network.X: {"access_token": "x-user-token-rahasia"},
    Network.TELEGRAM: {"bot_token": "123456:telegram-rahasia"},
    Network.WEBHOOK: {"secret": "webhook-rahasia"},
}


class SocialAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialAccount
        skip_postgeneration_save = True

    network = Network.WEBHOOK
    handle = factory.Sequence(lambda n: f"@akun{n}")
    display_name = factory.LazyAttribute(lambda o: f"Akun {o.handle}")
    external_id = factory.Sequence(lambda n: f"{17841400000000000 + n}")

    @factory.post_generation
    def credentials(self, create, extracted, **kwargs):
        self.set_credentials(
            extracted if extracted is not None else DEFAULT_CREDENTIALS[self.network]
        )
        if create:
            self.save()


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Festival Cisadane {2026 + n}")
    objective = "Warga tahu jadwal dan lokasi festival."
    pillar = "visitable"
    starts_on = datetime.date(2026, 11, 1)
    ends_on = datetime.date(2026, 12, 31)
    hashtags = "#TangerangLIVE #FestivalCisadane"


def post(
    accounts,
    *,
    text="Festival Cisadane dibuka Sabtu ini! #TangerangLIVE",
    images=0,
    scheduled_at=None,
    send_now=False,
    author=None,
    campaign=None,
    overrides=None,
    **fields,
) -> Post:
    """A draft post to ``accounts`` with ``images`` library images (JPEG, with alt text)."""
    if scheduled_at is None and not send_now:
        scheduled_at = timezone.now() + datetime.timedelta(hours=2)
    result = Post.objects.create(
        text=text,
        scheduled_at=scheduled_at,
        send_now=send_now,
        author=author,
        campaign=campaign,
        **fields,
    )
    for index in range(images):
        PostImage.objects.create(
            post=result,
            image=NewsImageFactory(),
            alt_text=f"Perahu naga di Sungai Cisadane ({index + 1})",
            sort_order=index,
        )
    overrides = overrides or {}
    for account in accounts:
        Delivery.objects.create(
            post=result, account=account, text_override=overrides.get(account.pk, "")
        )
    return result


def approved_post(accounts, *, submitter, approver, **kwargs) -> Post:
    """A post submitted by ``submitter`` and approved by ``approver``: deliveries scheduled."""
    from campaigns import approvals

    result = post(accounts, author=submitter, **kwargs)
    approvals.submit(result, submitter)
    return approvals.approve(result, approver)
