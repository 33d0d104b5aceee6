"""Campaigns through the API, with their KPI targets nested."""

from decimal import Decimal

from campaigns.models import Campaign, CampaignTarget
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import CampaignFactory


def test_campaign_is_created_with_its_kpi_targets(users):
    # given the manager
    client = api_as(users["social"])
    # when they create a campaign with two targets
    response = client.post(
        f"{API}/campaigns/",
        {
            "name": "Usir Banjir 2027",
            "objective": "Warga tahu jalur evakuasi dan nomor darurat.",
            "pillar": "liveable",
            "starts_on": "2027-01-01",
            "ends_on": "2027-03-31",
            "hashtags": "#UsirBanjir",
            "targets": [
                {"metric": "reach", "network": "instagram", "target_value": "500000"},
                {"metric": "link_clicks", "network": "", "target_value": "12000"},
            ],
        },
        format="json",
    )
    # then both targets are saved, in order, and the manager owns the campaign
    assert response.status_code == 201, response.json()
    campaign = Campaign.objects.get()
    assert campaign.owner == users["social"]
    targets = CampaignTarget.objects.filter(campaign=campaign).order_by("sort_order")
    assert [(t.metric, t.network, t.target_value) for t in targets] == [
        ("reach", "instagram", Decimal("500000")),
        ("link_clicks", "", Decimal("12000")),
    ]
    assert response.json()["targets"][0]["target_value"] == "500000.00"


def test_sending_targets_replaces_them_and_omitting_them_keeps_them(users):
    # given a campaign with one target
    campaign = CampaignFactory()
    CampaignTarget.objects.create(campaign=campaign, metric="reach", target_value=100)
    targets = CampaignTarget.objects.filter(campaign=campaign)
    client = api_as(users["head"])
    # when only its name changes, then its targets are sent
    renamed = client.patch(f"{API}/campaigns/{campaign.pk}/", {"name": "Baru"}, format="json")
    kept = list(targets.values_list("metric", flat=True))
    replaced = client.patch(
        f"{API}/campaigns/{campaign.pk}/",
        {"targets": [{"metric": "views", "network": "x", "target_value": "9000"}]},
        format="json",
    )
    # then the first keeps the target, the second replaces it
    assert renamed.status_code == replaced.status_code == 200
    assert kept == ["reach"]
    assert list(targets.values_list("metric", "network")) == [("views", "x")]


def test_campaign_ending_before_it_starts_is_a_400_on_ends_on(users):
    campaign = CampaignFactory(owner=users["social"])
    response = api_as(users["social"]).patch(
        f"{API}/campaigns/{campaign.pk}/", {"ends_on": "2026-10-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"ends_on": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]}


def test_target_with_an_unknown_metric_is_a_400_on_that_target(users):
    response = api_as(users["social"]).post(
        f"{API}/campaigns/",
        {
            "name": "Tangerang Cerdas",
            "objective": "Beasiswa.",
            "starts_on": "2027-01-01",
            "ends_on": "2027-02-01",
            "targets": [{"metric": "likes_palsu", "target_value": "1"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "metric" in response.json()["targets"]["0"]
    assert not Campaign.objects.exists()
