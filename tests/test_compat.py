"""core.compat: the private attributes of Django and Wagtail we rely on still do what we
rely on. A failure here means a library changed them: update core.compat (and only it)."""

import pytest
from django.core.cache.backends import redis as django_redis
from django.test import RequestFactory
from wagtail.models import Page, Site

from core import compat
from core.cache import RedisCache, RedisCacheClient


@pytest.mark.django_db
def test_wagtail_answers_a_remembered_site_without_a_query(django_assert_num_queries):
    # given a request whose site core.sites found in the cache
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    site = Site(hostname="elsewhere.example", port=80)
    compat.remember_site(request, site)

    # when Wagtail looks for the request's site / then it takes ours, asking nothing
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


@pytest.mark.django_db
def test_the_site_wagtail_finds_is_read_back_as_remembered():
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert compat.remembered_site(request) == (False, None)

    site = Site.find_for_request(request)

    assert compat.remembered_site(request) == (True, site)


@pytest.mark.django_db
def test_page_urls_use_the_remembered_site_root_paths():
    # given root paths read from the cache and left on the request
    request = RequestFactory().get("/")
    root_paths = [Site.get_site_root_paths.__qualname__]  # any object: Wagtail must not look
    compat.remember_site_root_paths(request, root_paths)

    # then the method behind get_url() and the API serializers answers with them
    assert Page()._get_site_root_paths(request) is root_paths
    assert compat.remembered_site_root_paths(request) is root_paths


def test_django_redis_cache_builds_its_client_from_the_class_we_give():
    backend = RedisCache("redis://127.0.0.1:1/0", {})

    client = backend._cache  # built lazily from the client class; connects to nothing yet

    assert isinstance(client, RedisCacheClient)
    assert issubclass(RedisCacheClient, django_redis.RedisCacheClient)


def test_the_cache_keeps_one_redis_client_for_reads_and_one_for_writes():
    client = RedisCache("redis://127.0.0.1:1/0", {})._cache

    assert client.get_client() is client.get_client("any key")
    assert client.get_client(write=True) is client.get_client("other", write=True)
