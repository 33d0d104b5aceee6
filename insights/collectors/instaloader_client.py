"""One instaloader client per worker process, and what its errors mean for a collection run.

instaloader's rate controller assumes it is the only client and starts from zero, so the
process keeps one ``Instaloader`` and reuses it. Where instaloader would sleep (up to half an
hour) to respect Instagram's limits, our controller raises ``RateLimited`` instead: the Celery
task retries later and no worker is blocked.

``fetch_from_instagram`` is the one seam tests replace: it turns a username into a ``Profile``
and its posts. Tests pass structures built from recorded JSON nodes, parsed by the real
instaloader code.
"""

import logging
import math
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import instaloader
from django.conf import settings
from instaloader import (
    AbortDownloadException,
    ConnectionException,
    InstaloaderContext,
    InstaloaderException,
    LoginRequiredException,
    Post,
    PrivateProfileNotFollowedException,
    Profile,
    ProfileNotExistsException,
    TooManyRequestsException,
)

from .store import Explained, RateLimited

logger = logging.getLogger(__name__)

# Instagram gives no time with a 429 or a 401 "Please wait a few minutes": come back after this.
RETRY_AFTER_REFUSAL = 15 * 60


class CollectionFailed(Explained):
    """A subject could not be read; the message is for people (shown on the run)."""


class CheckpointRequired(CollectionFailed):
    """Instagram wants the login verified: every further request makes it worse, so stop."""


class RaisingRateController(instaloader.RateController):
    """instaloader's own bookkeeping of its limits, but waiting means "come back later"."""

    def sleep(self, secs: float) -> None:
        raise RateLimited(
            f"Batas permintaan instaloader tercapai; dicoba lagi dalam {math.ceil(secs)} detik.",
            retry_after=secs,
        )


@dataclass
class Fetched:
    """A profile and its posts, newest first (pinned ones may come first); ``posts`` is lazy:
    logged out, every post read costs a request."""

    profile: Profile
    posts: Iterable[Post]


Fetch = Callable[[InstaloaderContext, str], Fetched]


def fetch_from_instagram(context: InstaloaderContext, username: str) -> Fetched:
    """Production: the profile page (one request), then posts only as they are read."""
    profile = Profile.from_username(context, username)

    def posts() -> Iterator[Post]:
        yield from profile.get_posts()

    return Fetched(profile, posts())


_loader: instaloader.Instaloader | None = None
_loader_lock = threading.Lock()


def get_loader() -> instaloader.Instaloader:
    """The process's client, created on first use (after Celery forks its workers)."""
    global _loader
    with _loader_lock:
        if _loader is None:
            _loader = _build_loader()
        return _loader


def reset_loader() -> None:
    """Forget the client (tests; or after changing the session file)."""
    global _loader
    with _loader_lock:
        _loader = None


def _build_loader() -> instaloader.Instaloader:
    loader = instaloader.Instaloader(
        quiet=True,
        download_pictures=False,
        download_videos=False,
        download_video_thumbnails=False,
        download_geotags=False,
        download_comments=False,
        save_metadata=False,
        compress_json=False,
        max_connection_attempts=1,
        request_timeout=float(settings.NETWORK_READ_TIMEOUT),
        rate_controller=RaisingRateController,
    )
    user = settings.INSTALOADER_SESSION_USER
    if user:
        try:
            loader.load_session_from_file(user, settings.INSTALOADER_SESSION_FILE or None)
        except Exception as error:  # a missing or unreadable file: read logged out
            logger.warning(
                "instaloader session of %s not loaded (%s); reading logged out",
                user,
                type(error).__name__,
            )
    return loader


def is_refusal_to_retry(error: ConnectionException) -> bool:
    """A 429 (its cause is ``TooManyRequestsException``) or a 401 "Please wait a few minutes"."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, TooManyRequestsException):
            return True
        seen = seen.__cause__
    text = str(error).lower()
    return "429" in text or ("401" in text and "please wait" in text)


@contextmanager
def instagram_errors(handle: str) -> Iterator[None]:
    """Translate instaloader's errors into ``RateLimited`` (retry later) or
    ``CollectionFailed`` with a message a person can act on."""
    try:
        yield
    except RateLimited:
        raise
    except AbortDownloadException as error:
        _log_detail(handle, error)
        raise CheckpointRequired(
            "Instagram meminta verifikasi (checkpoint/challenge): pengumpulan dihentikan. "
            "Perbarui berkas sesi akun pengumpul."
        ) from error
    except ProfileNotExistsException as error:
        raise CollectionFailed(
            f"Profil @{handle} tidak ditemukan di Instagram: dihapus, berganti nama, atau "
            "halaman Instagram berubah format (lihat hasil kanari)."
        ) from error
    except (LoginRequiredException, PrivateProfileNotFollowedException) as error:
        raise CollectionFailed(
            f"Profil @{handle} privat: unggahannya tidak dapat dibaca tanpa mengikutinya."
        ) from error
    except ConnectionException as error:
        _log_detail(handle, error)
        if is_refusal_to_retry(error):
            raise RateLimited(
                "Instagram menolak sementara (terlalu banyak permintaan); dicoba lagi nanti.",
                retry_after=RETRY_AFTER_REFUSAL,
            ) from error
        raise CollectionFailed(
            f"Instagram tidak dapat dibaca untuk @{handle}: koneksi gagal atau permintaan "
            "ditolak. Dicoba lagi pada jadwal berikutnya; bila berulang, lihat hasil kanari."
        ) from error
    except InstaloaderException as error:
        _log_detail(handle, error)
        raise CollectionFailed(
            f"instaloader gagal membaca @{handle}: halaman Instagram mungkin berubah format "
            "(lihat hasil kanari; pustaka mungkin perlu diperbarui)."
        ) from error


def _log_detail(handle: str, error: Exception) -> None:
    """instaloader's own words are for the technical log, not for the status page."""
    logger.info("instaloader @%s: %s: %s", handle, type(error).__name__, error)
