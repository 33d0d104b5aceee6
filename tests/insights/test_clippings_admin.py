"""The clippings admin: manual entry, tone set by an analyst (and who set it), filters, outlets
and outcome figures, and who may use them."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insights.models import (
    Clipping,
    KeywordRule,
    Metric,
    MetricSample,
    OutcomeFigure,
    Outlet,
    Source,
    SubjectKind,
)
from tests.admin_helpers import rendered_form
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.post_forms import FORM_ID, page_text, refused, table_rows

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
ADD = reverse("campaigns_clipping:add")
INDEX = reverse("campaigns_clipping:index")


def edit_url(clipping) -> str:
    return reverse("campaigns_clipping:edit", args=[clipping.pk])


@pytest.fixture
def analyst(client, users):
    client.force_login(users["analyst"])
    return users["analyst"]


@pytest.fixture
def radar(db):
    return Outlet.objects.create(name="Radar Cisadane", audience_estimate=150_000)


def polled(outlet, url: str, title: str = "Kota Tangerang raih Adipura", **fields) -> Clipping:
    return Clipping.objects.create(
        outlet=outlet,
        url=url,
        title=title,
        published_at=fields.pop(
            "published_at", datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.UTC)
        ),
        matched_keywords="Kota Tangerang",
        **fields,
    )


def form_at(client, page: str, **fields):
    """The form at ``page`` as rendered, with ``fields`` changed (``url`` is a field here)."""
    data = rendered_form(client, page, form_id=FORM_ID)
    for name, value in fields.items():
        data[name] = value
    return data


def mentions() -> dict[datetime.date, int]:
    return dict(
        MetricSample.objects.filter(
            subject_kind=SubjectKind.OFFICE, metric=Metric.MENTIONS, source=Source.CLIPPINGS
        ).values_list("day", "value")
    )


def test_analyst_enters_a_clipping_by_hand_with_its_tone(client, analyst, radar):
    # given the add form filled in for a printed article, its URL carrying tracking parameters
    KeywordRule.objects.create(phrase="Kota Tangerang")
    data = form_at(
        client,
        ADD,
        outlet=radar.pk,
        url="https://Radar.Example/cetak/2026/11/26/jembatan/?utm_source=wa",
        title="Jembatan baru Kota Tangerang dibuka",
        summary="Halaman 3, edisi cetak.",
        published_at="2026-11-26 06:30",
        tone="positive",
    )

    # when it is saved
    response = client.post(ADD, data)

    # then it is stored as manual, URL normalised, time entered in WIB, rated by the analyst
    assert response.status_code == 302
    clipping = Clipping.objects.get()
    assert clipping.url == "https://radar.example/cetak/2026/11/26/jembatan"
    assert clipping.published_at == datetime.datetime(2026, 11, 26, 6, 30, tzinfo=WIB)
    assert clipping.is_manual
    assert (clipping.tone, clipping.tone_set_by) == ("positive", analyst)
    assert clipping.matched_keywords == "Kota Tangerang"
    # and the day's mentions count it
    assert mentions() == {datetime.date(2026, 11, 26): 1}


def test_a_clipping_already_stored_is_refused_whatever_its_tracking_parameters(
    client, analyst, radar
):
    # given a polled clipping
    polled(radar, "https://radar.example/berita/adipura")

    # when an analyst enters the same article with a fbclid and a fragment
    data = form_at(
        client,
        ADD,
        outlet=radar.pk,
        url="https://radar.example/berita/adipura?fbclid=IwAR0#atas",
        title="Adipura",
        published_at="2026-11-20 10:00",
    )
    response = client.post(ADD, data)

    # then it is refused, and the first one stays alone
    assert response.status_code == 200
    assert "Kliping dengan URL ini sudah ada." in page_text(response)
    assert Clipping.objects.count() == 1

    # and so is its http spelling with a trailing slash
    response = client.post(ADD, {**data, "url": "http://radar.example/berita/adipura/"})
    assert "Kliping dengan URL ini sudah ada." in page_text(response)
    assert Clipping.objects.count() == 1


def test_changing_the_tone_in_the_edit_view_records_who_set_it(client, users, radar):
    # given a polled clipping nobody has rated, and the head of Humas in the admin
    clipping = polled(radar, "https://radar.example/berita/adipura")
    client.force_login(users["head"])

    # when the head sets it negative
    client.post(edit_url(clipping), form_at(client, edit_url(clipping), tone="negative"))

    # then the tone and the head are recorded; it is still a polled clipping
    clipping.refresh_from_db()
    assert (clipping.tone, clipping.tone_set_by) == ("negative", users["head"])
    assert not clipping.is_manual


def test_editing_other_fields_keeps_the_rater(client, users, radar):
    # given a clipping rated by the analyst
    clipping = polled(
        radar, "https://radar.example/berita/adipura", tone="positive", tone_set_by=users["analyst"]
    )
    client.force_login(users["head"])

    # when the head links it to a campaign without touching the tone
    campaign = CampaignFactory()
    client.post(edit_url(clipping), form_at(client, edit_url(clipping), campaign=campaign.pk))

    # then the analyst is still the one who set the tone
    clipping.refresh_from_db()
    assert clipping.campaign == campaign
    assert (clipping.tone, clipping.tone_set_by) == ("positive", users["analyst"])


def test_tone_picked_in_the_listing_records_who_set_it(client, analyst, radar):
    # given a listing with an unrated clipping
    clipping = polled(radar, "https://radar.example/berita/adipura")
    listing = client.get(INDEX)
    assert f'action="{reverse("campaigns_clipping:tone", args=[clipping.pk])}"' in (
        listing.content.decode()
    )

    # when the analyst picks "Netral" on its row
    response = client.post(
        reverse("campaigns_clipping:tone", args=[clipping.pk]),
        {"tone": "neutral", "next": f"{INDEX}?tone=unrated"},
    )

    # then the tone and the analyst are recorded, and the listing comes back as it was
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}?tone=unrated"
    clipping.refresh_from_db()
    assert (clipping.tone, clipping.tone_set_by) == ("neutral", analyst)


def test_moving_a_clipping_to_another_day_recounts_both_days(client, analyst, radar):
    # given a manual clipping on 20 November (WIB) counted in that day's mentions
    data = form_at(
        client,
        ADD,
        outlet=radar.pk,
        url="https://radar.example/cetak/1",
        title="Kota Tangerang",
        published_at="2026-11-20 08:00",
    )
    client.post(ADD, data)
    clipping = Clipping.objects.get()
    assert mentions() == {datetime.date(2026, 11, 20): 1}

    # when its date is corrected to 21 November
    client.post(
        edit_url(clipping), form_at(client, edit_url(clipping), published_at="2026-11-21 08:00")
    )

    # then 21 November counts it and 20 November has no mentions left
    assert mentions() == {datetime.date(2026, 11, 21): 1}


def test_marking_an_outlet_not_mainstream_takes_its_clippings_out_of_the_count(
    client, analyst, radar
):
    # given a manual clipping of the outlet, counted on 20 November (WIB)
    client.post(
        ADD,
        form_at(
            client,
            ADD,
            outlet=radar.pk,
            url="https://radar.example/cetak/2",
            title="Kota Tangerang",
            published_at="2026-11-20 08:00",
        ),
    )
    assert mentions() == {datetime.date(2026, 11, 20): 1}
    edit = reverse("campaigns_outlet:edit", args=[radar.pk])

    # when the analyst unticks "media arus utama"
    data = rendered_form(client, edit, form_id=FORM_ID)
    data.pop("is_mainstream", None)
    assert client.post(edit, data).status_code == 302

    # then the day no longer counts it; ticking it again brings it back
    assert mentions() == {}
    data["is_mainstream"] = "on"
    client.post(edit, data)
    assert mentions() == {datetime.date(2026, 11, 20): 1}


def test_listing_filters_by_tone_outlet_campaign_and_date(client, analyst, radar):
    # given clippings of two outlets, tones and days
    warta = Outlet.objects.create(name="Warta Banten")
    campaign = CampaignFactory(name="Festival Cisadane 2026")
    polled(radar, "https://radar.example/1", title="Satu", tone="negative")
    polled(radar, "https://radar.example/2", title="Dua", campaign=campaign)
    polled(
        warta,
        "https://warta.example/3",
        title="Tiga",
        tone="positive",
        published_at=datetime.datetime(2026, 11, 24, 3, 0, tzinfo=datetime.UTC),
    )

    def titles(query: str) -> set[str]:
        return {row[0] for row in table_rows(client.get(f"{INDEX}?{query}"))}

    # then each filter narrows the listing
    assert titles("tone=negative") == {"Satu"}
    assert titles("tone=unrated") == {"Dua"}
    assert titles(f"outlet={warta.pk}") == {"Tiga"}
    assert titles(f"campaign={campaign.pk}") == {"Dua"}
    assert titles("published_at_from=2026-11-22&published_at_to=2026-11-30") == {"Tiga"}


def test_edit_form_says_how_tone_is_assigned(client, analyst, radar):
    clipping = polled(radar, "https://radar.example/berita/adipura")

    text = page_text(client.get(edit_url(clipping)))

    assert "Nada dinilai oleh analis setelah membaca beritanya, tidak otomatis" in text


def test_outcome_figure_needs_its_source(client, analyst):
    # given an impact figure typed in without a source
    url = reverse("campaigns_outcomefigure:add")
    data = form_at(
        client,
        url,
        name="Kunjungan wisatawan per tahun",
        level="impact",
        period_start="2018-01-01",
        period_end="2018-12-31",
        value="1230000",
        unit="kunjungan",
        source="",
    )

    # when saved, it is refused; with its source, it is stored
    assert client.post(url, data).status_code == 200
    assert not OutcomeFigure.objects.exists()
    data["source"] = "Dinas Kebudayaan dan Pariwisata Kota Tangerang"
    assert client.post(url, data).status_code == 302
    figure = OutcomeFigure.objects.get()
    assert (figure.level, figure.value) == ("impact", 1230000)


def test_outlet_listing_and_form_show_the_last_feed_error(client, analyst):
    # given an outlet whose last poll failed, and one that is fine
    failing = Outlet.objects.create(
        name="Antara Banten",
        feed_url="https://antara.example/rss",
        last_polled_at=datetime.datetime(2026, 11, 26, 2, 0, tzinfo=datetime.UTC),
        last_status="failed",
        last_error="Umpan menjawab HTTP 503.",
    )
    Outlet.objects.create(name="Radar Cisadane", feed_url="https://radar.example/rss")

    # when the analyst lists the failing outlets and opens one
    rows = table_rows(client.get(reverse("campaigns_outlet:index") + "?last_status=failed"))
    form = page_text(client.get(reverse("campaigns_outlet:edit", args=[failing.pk])))

    # then the status and the reason are there, in words, the time in WIB
    assert len(rows) == 1
    assert rows[0][0].startswith("Antara Banten")
    assert "Gagal" in rows[0]
    assert "Umpan menjawab HTTP 503." in rows[0]
    assert "Gagal" in form
    assert "Umpan menjawab HTTP 503." in form
    assert "26 Nov 2026 09.00 WIB" in form


MENU = {
    "Kliping media": "campaigns_clipping:index",
    "Media": "campaigns_outlet:index",
    "Kata kunci": "campaigns_keywordrule:index",
    "Angka hasil \\u0026 dampak": "campaigns_outcomefigure:index",  # "&" as the JSON has it
}


def menu_links(client) -> dict[str, str]:
    """Label → URL of the admin sidebar's links (from its JSON props)."""
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    return dict(re.findall(r'"label": "([^"]+)", [^{}]*"attrs": \{\}, "url": "([^"]+)"', content))


@pytest.mark.parametrize(("role", "allowed"), [("analyst", True), ("social", False)])
def test_measurement_menu_offers_the_clipping_screens_in_indonesian(client, users, role, allowed):
    client.force_login(users[role])

    links = menu_links(client)

    for label, name in MENU.items():
        assert (links.get(label) == reverse(name)) is allowed


SCREENS = [
    "campaigns_clipping:index",
    "campaigns_clipping:add",
    "campaigns_outlet:index",
    "campaigns_outlet:add",
    "campaigns_keywordrule:index",
    "campaigns_keywordrule:add",
    "campaigns_outcomefigure:index",
    "campaigns_outcomefigure:add",
]
ROLES = [
    ("analyst", True),
    ("head", True),
    ("social", False),
    ("editor_koran", False),
]


@pytest.mark.parametrize(("role", "allowed"), ROLES)
@pytest.mark.parametrize("screen", SCREENS)
def test_only_analysts_and_the_head_keep_the_clipping_lists(client, users, role, screen, allowed):
    client.force_login(users[role])

    response = client.get(reverse(screen))

    assert (response.status_code == 200) is allowed
    assert refused(response) is not allowed


@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_only_analysts_and_the_head_set_a_tone(client, users, radar, role, allowed):
    # given an unrated clipping
    clipping = polled(radar, "https://radar.example/berita/adipura")
    client.force_login(users[role])

    # when the role posts a tone
    client.post(reverse("campaigns_clipping:tone", args=[clipping.pk]), {"tone": "negative"})

    # then only the measurers change it
    clipping.refresh_from_db()
    assert (clipping.tone == "negative") is allowed


@pytest.mark.parametrize("role", ["analyst", "head"])
def test_nobody_deletes_a_clipping_through_the_admin(client, users, radar, role):
    clipping = polled(radar, "https://radar.example/berita/adipura")
    client.force_login(users[role])

    client.post(reverse("campaigns_clipping:delete", args=[clipping.pk]))

    assert Clipping.objects.filter(pk=clipping.pk).exists()
