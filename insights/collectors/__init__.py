"""Collectors: each reads one source (instaloader, a platform's API, our own traffic, news
feeds) and writes raw counts through ``store``; every run is recorded in ``CollectionRun``."""
