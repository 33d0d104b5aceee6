"""`make run`'s process manager: honcho, with time for the workers' warm shutdown.

On Ctrl-C honcho sends TERM to every process and SIGKILLs whatever still runs 5 s after
the first one stopped, a constant it offers no option for. A Celery worker on the
filesystem broker finishes its task, then leaves its polling loop and closes down: on a
busy laptop that takes longer than 5 s, and a killed worker leaves its task to be
redelivered. SHUTDOWN_SECONDS (30) is the wait here.
"""

import os
import sys

import honcho.manager
from honcho.command import main

honcho.manager.KILL_WAIT = int(os.environ.get("SHUTDOWN_SECONDS", "30"))

if __name__ == "__main__":
    sys.exit(main())
