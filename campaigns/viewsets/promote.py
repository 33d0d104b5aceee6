"""Promote a live article: a draft post with its headline, lead, hero image and a link to it.

Offered as a button in the page header's "more" menu and in the page listing's "more" menu,
to users who may add posts. The button opens a confirmation; confirming creates the draft
and opens it for editing."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from publications.models import ArticlePage

from .. import policy
from ..models import Post, PostImage

ADD_PERMISSION = "campaigns.add_post"


def can_promote(page, user) -> bool:
    """A live article that anyone may read (no view restriction), for users who may add
    posts."""
    return (
        page.live
        and issubclass(page.specific_class or Page, ArticlePage)
        and user.has_perm(ADD_PERMISSION)
        and not policy.page_refusal(page)
    )


def post_from_article(article: ArticlePage, user) -> Post:
    """A draft post that says what the article says and links to it; no campaign yet."""
    with transaction.atomic():
        post = Post.objects.create(
            text=f"{article.headline}\n\n{article.lead}".strip(),
            link_page=article,
            source_article=article,
            author=user,
        )
        image = article.hero_image
        if image is not None:
            PostImage.objects.create(
                post=post, image=image, alt_text=article.caption or image.title, sort_order=0
            )
    return post


ARTICLES_SHOWN = 30


def choose_article(request):
    """For managers without page access: the latest live articles anyone may read (none
    behind a password, log-in or group), searchable by headline, each with its "promote"
    button."""
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    articles = (
        ArticlePage.objects.live()
        .public()
        .select_related("hero_image")
        .order_by("-first_published_at")
    )
    if query:
        articles = articles.filter(title__icontains=query)
    return TemplateResponse(
        request,
        "campaigns/promote/choose.html",
        {"articles": articles[:ARTICLES_SHOWN], "query": query},
    )


def promote_article(request, page_id):
    """GET: confirm; POST: create the draft and open it."""
    page = get_object_or_404(Page, pk=page_id)
    if not request.user.has_perm(ADD_PERMISSION):
        raise PermissionDenied
    if refusal := policy.page_refusal(page):
        raise PermissionDenied(refusal)
    if not can_promote(page, request.user):
        raise Http404("Hanya artikel yang sudah terbit yang dapat dipromosikan.")
    article = page.specific
    if request.method == "POST":
        post = post_from_article(article, request.user)
        messages.success(request, f"Draf unggahan dibuat dari artikel \u201c{article.title}\u201d.")
        return redirect(reverse("campaigns_post:edit", args=[post.pk]))
    return TemplateResponse(
        request,
        "campaigns/promote/confirm.html",
        {"article": article, "header_title": "Promosikan artikel"},
    )


class PromoteArticleMenuItem(PageMenuItem):
    label = "Promosikan di media sosial"
    icon_name = "mobile-alt"

    @property
    def url(self):
        return reverse("campaigns_post:promote", args=[self.page.pk])

    def is_shown(self, user):
        return can_promote(self.page, user)


@hooks.register("register_page_header_buttons")
def promote_header_button(page, user, view_name, next_url=None):
    yield PromoteArticleMenuItem(page=page, next_url=next_url, priority=60)


@hooks.register("register_page_listing_more_buttons")
def promote_listing_button(page, user, next_url=None):
    yield PromoteArticleMenuItem(page=page, next_url=next_url, priority=60)
