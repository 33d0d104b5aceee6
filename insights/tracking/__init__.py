"""Tracked links and page views (first-party, no cookies, bots excluded)."""
