"""The campaigns REST API (``/api/campaigns/v1/``): accounts, campaigns, posts, deliveries
and approval actions for integrators, with the same permissions as the admin.

A user's token: ``python manage.py drf_create_token <username>`` (``-r`` replaces it); send
it as ``Authorization: Token <key>``. The OpenAPI schema is at ``schema/``, Swagger UI at
``docs/``.
"""
