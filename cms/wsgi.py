import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
# Serving web requests: SQL statements get the short timeout (cms.settings.env).
os.environ.setdefault("BENTENG_PROCESS_ROLE", "web")

application = get_wsgi_application()
