"""Wagtail view sets for accounts, personas, campaigns and posts, grouped under "Kampanye"."""
