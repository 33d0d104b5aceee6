"""The clipping form (manual entry and tone) and the listing's filters."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import Campaign
from core.links import remote_url
from core.outbound import validate_public_url

from ..models import Clipping, Outlet, RunStatus, Tone
from .matching import KeywordMatcher, normalise_url
from .mentions import refresh_outlet_mentions

TONE_HELP = (
    "Nada dinilai oleh analis setelah membaca beritanya, tidak otomatis: positif, netral atau "
    "negatif terhadap Pemerintah Kota Tangerang. Nama penilai dicatat. Sentimen bersih "
    "dihitung dari nada ini: (positif − negatif) ÷ (positif + negatif) × 100."  # noqa: RUF001
)
UNRATED = "unrated"


class OutletForm(WagtailAdminModelForm):
    """An outlet; its feed is fetched by the server, so it must be a public http(s) address
    (checked here with a message that says which rule it broke)."""

    feed_url = forms.CharField(
        label="URL RSS/Atom",
        max_length=500,
        required=False,
        widget=forms.URLInput,
        validators=[validate_public_url],
    )

    def save(self, commit: bool = True) -> Outlet:
        outlet: Outlet = super().save(commit)
        if commit and "is_mainstream" in self.changed_data and self.instance.pk:
            refresh_outlet_mentions(outlet)
        return outlet


class ClippingForm(WagtailAdminModelForm):
    """An analyst's entry: a clipping typed in is manual; changing the tone records who."""

    def clean_url(self) -> str:
        if not remote_url(self.cleaned_data["url"], max_length=1000):
            raise ValidationError("Hanya alamat http:// atau https:// yang diterima.")
        url = normalise_url(self.cleaned_data["url"])
        if Clipping.objects.filter(url=url).exclude(pk=self.instance.pk).exists():
            raise ValidationError("Kliping dengan URL ini sudah ada.")
        return url

    def save(self, commit: bool = True) -> Clipping:
        clipping = self.instance
        if clipping.pk is None:
            clipping.is_manual = True
            clipping.matched_keywords = ", ".join(
                KeywordMatcher.from_rules().matches(clipping.title, clipping.summary)
            )[:500]
        if "tone" in self.changed_data:
            clipping.tone_set_by = self.for_user
        saved: Clipping = super().save(commit)
        return saved


class ToneForm(forms.Form):
    """The tone picker on each row of the listing."""

    tone = forms.ChoiceField(choices=Tone.choices, required=False)


def _outlets(request: HttpRequest) -> QuerySet[Outlet]:
    return Outlet.objects.only("pk", "name").order_by("name")


def _campaigns(request: HttpRequest) -> QuerySet[Campaign]:
    campaigns: QuerySet[Campaign] = Campaign.objects.only("pk", "name").order_by("name")
    return campaigns


class ClippingFilterSet(WagtailFilterSet):
    outlet = django_filters.ModelChoiceFilter(
        label="Media",
        queryset=_outlets,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    tone = django_filters.ChoiceFilter(
        label="Nada",
        choices=[(UNRATED, "Belum dinilai"), *Tone.choices[1:]],
        empty_label="Semua",
        method="filter_tone",
    )
    campaign = django_filters.ModelChoiceFilter(
        label="Kampanye",
        queryset=_campaigns,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    published_at = django_filters.DateFromToRangeFilter(
        label="Tanggal terbit", widget=DateRangePickerWidget
    )

    class Meta:
        model = Clipping
        fields = ["outlet", "tone", "campaign", "published_at"]

    def filter_tone(
        self, queryset: QuerySet[Clipping], name: str, value: str
    ) -> QuerySet[Clipping]:
        return queryset.filter(tone="" if value == UNRATED else value)


class OutletFilterSet(WagtailFilterSet):
    is_active = django_filters.BooleanFilter(label="Aktif")
    last_status = django_filters.ChoiceFilter(
        label="Status terakhir",
        choices=[
            (RunStatus.OK, RunStatus.OK.label),
            (RunStatus.PARTIAL, RunStatus.PARTIAL.label),
            (RunStatus.FAILED, RunStatus.FAILED.label),
        ],
        empty_label="Semua",
    )

    class Meta:
        model = Outlet
        fields = ["is_active", "last_status"]
