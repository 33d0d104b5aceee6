"""The API documents itself: an OpenAPI 3 schema without generator warnings, and Swagger UI
served from the app's own static files. Tokens come from DRF's ``drf_create_token``."""

import io
import re

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.campaigns.api_helpers import API

ENDPOINTS = [
    "/api/campaigns/v1/accounts/",
    "/api/campaigns/v1/accounts/{id}/",
    "/api/campaigns/v1/accounts/{id}/confirm_destination/",
    "/api/campaigns/v1/campaigns/",
    "/api/campaigns/v1/campaigns/{id}/",
    "/api/campaigns/v1/posts/",
    "/api/campaigns/v1/posts/{id}/",
    "/api/campaigns/v1/posts/{id}/submit/",
    "/api/campaigns/v1/posts/{id}/approve/",
    "/api/campaigns/v1/posts/{id}/reject/",
    "/api/campaigns/v1/posts/{id}/withdraw/",
    "/api/campaigns/v1/posts/{id}/cancel/",
    "/api/campaigns/v1/deliveries/",
    "/api/campaigns/v1/deliveries/{id}/",
    "/api/campaigns/v1/deliveries/{id}/mark-published/",
    "/api/campaigns/v1/deliveries/{id}/retry/",
    "/api/campaigns/v1/deliveries/{id}/cancel/",
    "/api/campaigns/v1/images/",
    "/api/campaigns/v1/images/{id}/",
]


def test_schema_generates_and_validates_without_warnings(tmp_path):
    # when the schema is generated as in CI, failing on any warning
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    # then it documents every endpoint of the campaigns API, and only those
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == sorted(ENDPOINTS)


@pytest.mark.django_db
def test_schema_is_served_as_openapi_3():
    response = APIClient().get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(ENDPOINTS) <= set(schema["paths"])
    # the credentials are documented as write-only, the token scheme as "Token <key>"
    account = schema["components"]["schemas"]["SocialAccount"]["properties"]
    assert account["credentials"]["writeOnly"] is True
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"
    # and the idempotency header is documented on create
    create = schema["paths"]["/api/campaigns/v1/posts/"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in create["parameters"]]
    assert {"201", "400", "422"} <= set(create["responses"])


@pytest.mark.django_db
def test_swagger_ui_loads_nothing_from_other_hosts():
    response = APIClient().get(f"{API}/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in source for source in sources)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_drf_create_token_gives_a_working_token(users):
    # given the manager's token made by the management command
    out = io.StringIO()
    call_command("drf_create_token", "social", stdout=out)
    key = re.search(r"Generated token (\w+) for user social", out.getvalue()).group(1)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    # when it is used
    response = client.get(f"{API}/posts/")
    # then the API answers
    assert response.status_code == 200


@pytest.mark.django_db
def test_schema_documents_401_the_replay_header_and_the_in_progress_409():
    schema = APIClient().get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = schema.json()
    # every operation says it may answer 401 (and 429), with the error's shape
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"401", "429"} <= set(operation["responses"]), (method, path)
    unauthorised = schema["paths"]["/api/campaigns/v1/deliveries/"]["get"]["responses"]["401"]
    error = unauthorised["content"]["application/json"]["schema"]["$ref"]
    assert schema["components"]["schemas"][error.rsplit("/", 1)[1]]["properties"]["detail"]
    # and creating a post documents the replay header and the key still being processed
    create = schema["paths"]["/api/campaigns/v1/posts/"]["post"]["responses"]
    assert "Idempotent-Replayed" in create["201"]["headers"]
    assert "masih diproses" in create["409"]["description"]
    # and the image upload is multipart, with the alt text required
    upload = schema["paths"]["/api/campaigns/v1/images/"]["post"]["requestBody"]["content"]
    form = upload["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"file", "alt_text"} <= set(schema["components"]["schemas"][form]["required"])
