"""OpenAPI schema generation (drf-spectacular) limited to the campaigns REST API."""

CAMPAIGNS_API_PREFIX = "/api/campaigns/"


def only_campaigns_api(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(CAMPAIGNS_API_PREFIX)]


def document_common_errors(result, generator, request, public):
    """Every operation can answer 401 (no or unknown token) and 429 (throttled): say so once
    here rather than on each view."""
    result["components"]["schemas"].setdefault(
        "Error",
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    )
    common = {
        "401": "Token tidak ada atau tidak dikenal (Authorization: Token <kunci>).",
        "429": "Terlalu banyak permintaan; ulangi setelah Retry-After detik.",
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, description in common.items():
                operation.setdefault("responses", {}).setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
