#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if sys.argv[1:2] == ["runserver"]:
        # The web's short statement timeout (cms.settings.env.statement_timeout_ms); every
        # other command (migrate, seed_demo, …) is a background process.
        os.environ.setdefault("BENTENG_PROCESS_ROLE", "web")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
