"""Admin view sets of this area, added to the "Pengukuran" menu group: outlets and keyword
rules (what the feed poller reads), clippings (manual entry, tone) and outcome figures.

Analysts and the head of Humas add, change and view them (migration 0006); nobody deletes
through the admin, so a clipping's tone and a figure's source stay on record."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.views.columns import WibColumn
from campaigns.views.common import format_wib
from campaigns.viewsets.base import CampaignsModelViewSet, DisplayPanel

from ..models import Clipping, KeywordRule, OutcomeFigure, Outlet, RunStatus
from .columns import ToneColumn
from .forms import (
    TONE_HELP,
    ClippingFilterSet,
    ClippingForm,
    OutletFilterSet,
    OutletForm,
    ToneForm,
)
from .mentions import refresh_mentions, wib_day


def _status_label(outlet: Outlet) -> str:
    return RunStatus(outlet.last_status).label if outlet.last_status else "Belum dibaca"


class PollPanel(DisplayPanel):
    """The outlet's last feed reading, in words and WIB."""

    class BoundPanel(DisplayPanel.BoundPanel):
        @property
        def value_from_instance(self):
            if self.field_name == "last_status":
                return _status_label(self.instance)
            if self.field_name == "last_polled_at":
                return format_wib(self.instance.last_polled_at) or "—"
            return self.instance.last_error or "—"


class OutletViewSet(CampaignsModelViewSet):
    model = Outlet
    name = "campaigns_outlet"
    url_prefix = "measurement/outlets"
    icon = "site"
    menu_label = "Media"
    list_display = [
        "name",
        Column("audience_estimate", label="Perkiraan audiens"),
        "audience_source",
        BooleanColumn("is_mainstream", label="Arus utama"),
        BooleanColumn("is_active", label="Aktif"),
        StatusTagColumn(
            "last_status",
            label="Status terakhir",
            accessor=_status_label,
            primary=lambda outlet: outlet.last_status == RunStatus.FAILED,
        ),
        WibColumn("last_polled_at", label="Dibaca"),
        Column("last_error", label="Galat terakhir"),
    ]
    filterset_class = OutletFilterSet
    search_fields = ["name", "feed_url"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel(
                "feed_url",
                help_text=(
                    "Dibaca setiap 30 menit; berita yang cocok dengan kata kunci jadi kliping."
                ),
            ),
            FieldRowPanel([FieldPanel("audience_estimate"), FieldPanel("audience_source")]),
            FieldPanel("is_mainstream"),
            FieldPanel("is_active"),
            MultiFieldPanel(
                [
                    PollPanel("last_polled_at", heading="Dibaca"),
                    PollPanel("last_status", heading="Status"),
                    PollPanel("last_error", heading="Galat"),
                ],
                heading="Pembacaan umpan terakhir",
            ),
        ],
        base_form_class=OutletForm,
    )


class KeywordRuleViewSet(CampaignsModelViewSet):
    model = KeywordRule
    name = "campaigns_keywordrule"
    url_prefix = "measurement/keywords"
    icon = "search"
    menu_label = "Kata kunci"
    list_display = ["phrase", "not_followed_by", BooleanColumn("is_active", label="Aktif")]
    list_filter = ["is_active"]
    search_fields = ["phrase"]
    panels = [
        FieldPanel(
            "phrase",
            help_text=(
                "Dicocokkan dengan judul dan ringkasan berita sebagai frasa utuh, tanpa "
                "membedakan huruf besar/kecil, aksen, tanda baca dan spasi ganda."
            ),
        ),
        FieldPanel("not_followed_by"),
        FieldPanel("is_active"),
    ]


class ClippingCreateView(generic.CreateView):
    def save_instance(self):
        clipping = super().save_instance()
        refresh_mentions({wib_day(clipping.published_at)})
        return clipping


class ClippingEditView(generic.EditView):
    def save_instance(self):
        before = Clipping.objects.values_list("published_at", flat=True).get(pk=self.object.pk)
        clipping = super().save_instance()
        refresh_mentions({wib_day(before), wib_day(clipping.published_at)})
        return clipping


class ClippingToneView(View):
    """The tone picker of a listing row: sets the tone and who set it, then goes back."""

    http_method_names = ["post"]
    permission_policy: ModelPermissionPolicy = None  # given to as_view()
    index_url_name = ""

    def post(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        clipping = get_object_or_404(Clipping, pk=pk)
        form = ToneForm(request.POST)
        if form.is_valid():
            clipping.tone = form.cleaned_data["tone"]
            clipping.tone_set_by = request.user
            clipping.save(update_fields=["tone", "tone_set_by"])
            messages.success(request, f"Nada “{clipping.title}”: {clipping.get_tone_display()}.")
        else:
            messages.error(request, "Nada tidak dikenal; tidak ada yang diubah.")
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = reverse(self.index_url_name)
        return redirect(next_url)


class ClippingViewSet(CampaignsModelViewSet):
    model = Clipping
    name = "campaigns_clipping"
    url_prefix = "measurement/clippings"
    icon = "doc-full"
    menu_label = "Kliping media"
    add_view_class = ClippingCreateView
    edit_view_class = ClippingEditView
    list_display = [
        TitleColumn("title", label="Judul", url_name="campaigns_clipping:edit"),
        "outlet",
        WibColumn("published_at", label="Terbit"),
        ToneColumn("tone", label="Nada"),
        Column("tone_set_by", label="Dinilai oleh"),
        "campaign",
        BooleanColumn("is_manual", label="Manual"),
        Column("matched_keywords", label="Kata kunci"),
    ]
    filterset_class = ClippingFilterSet
    search_fields = ["title", "summary", "url"]
    ordering = ["-published_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("outlet"),
            FieldPanel("url", help_text="Alamat berita; parameter utm_* dan fbclid dibuang."),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("published_at", help_text="Waktu terbit (WIB)."),
            FieldPanel("tone", help_text=TONE_HELP),
            FieldPanel("campaign"),
            MultiFieldPanel(
                [
                    DisplayPanel("matched_keywords"),
                    DisplayPanel("is_manual"),
                    DisplayPanel("tone_set_by", heading="Nada dinilai oleh"),
                ],
                heading="Asal kliping",
            ),
        ],
        base_form_class=ClippingForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Clipping.objects.select_related("outlet", "campaign", "tone_set_by"),
            **kwargs,
        )

    @property
    def tone_view(self):
        return ClippingToneView.as_view(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/tone/", self.tone_view, name="tone")]


class OutcomeFigureViewSet(CampaignsModelViewSet):
    model = OutcomeFigure
    name = "campaigns_outcomefigure"
    url_prefix = "measurement/outcomes"
    icon = "table"
    menu_label = "Angka hasil & dampak"
    list_display = ["name", "level", "period_start", "period_end", "value", "unit", "source"]
    list_filter = ["level", "campaign"]
    search_fields = ["name", "source", "method"]
    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading="Periode"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
        FieldPanel("source", help_text="Wajib: dari mana angka ini (mis. BPS, Dinas Pariwisata)."),
        FieldPanel("method", help_text="Cara angka dihitung, dikutip apa adanya di laporan."),
        FieldPanel("campaign"),
    ]


VIEWSETS: list = [ClippingViewSet, OutletViewSet, KeywordRuleViewSet, OutcomeFigureViewSet]
