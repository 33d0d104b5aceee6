"""Demo content for `make run`: texts written for the demo, artwork drawn locally, demo users.

Everything here is labelled demo (a ``demo`` tag and a "[Demo]" kicker on articles, "Demo — …"
image titles, ``demo-*`` users) so nobody mistakes it for the city's real news.
"""
