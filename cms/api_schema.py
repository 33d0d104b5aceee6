"""OpenAPI schema generation (drf-spectacular) limited to the campaigns REST API."""

CAMPAIGNS_API_PREFIX = "/api/campaigns/"


def only_campaigns_api(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(CAMPAIGNS_API_PREFIX)]
