"""`make bench` only: the production settings, with a trivial view to measure against."""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import PAGE_CACHE_EXCLUDED_PREFIXES

ROOT_URLCONF = "bench_urls"
# The yardstick view pays for the middleware stack, not for a page-cache lookup.
PAGE_CACHE_EXCLUDED_PREFIXES = (*PAGE_CACHE_EXCLUDED_PREFIXES, "/bench/")
