"""Where uploaded images, renditions and documents live: this machine's MEDIA_ROOT, or an
S3-compatible bucket (AWS S3, MinIO, Ceph) shared by every node (MEDIA_STORAGE=s3).

Documents (e-paper PDFs) are still served through Wagtail's view, so collection privacy
holds; images and renditions are linked at the bucket's (or its CDN's) address directly.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_str

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def media_storage() -> tuple[dict, str]:
    """``STORAGES["default"]`` from the environment, and the origin media URLs point at
    ("" when they are on this site), for the Content-Security-Policy."""
    kind = env_str("MEDIA_STORAGE", "filesystem")
    if kind == "filesystem":
        return FILESYSTEM, ""
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {kind!r}.")
    bucket = env_str("MEDIA_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_S3_BUCKET must be set with MEDIA_STORAGE=s3.")
    endpoint = env_str("MEDIA_S3_ENDPOINT_URL")
    region = env_str("MEDIA_S3_REGION")
    custom_domain = env_str("MEDIA_S3_CUSTOM_DOMAIN")
    protocol = env_str("MEDIA_S3_URL_PROTOCOL", "https:")
    # MinIO and Ceph answer at one address with the bucket in the path.
    addressing = env_str("MEDIA_S3_ADDRESSING_STYLE", "path" if endpoint else "virtual")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region or None,
        "custom_domain": custom_domain or None,
        "url_protocol": protocol,
        "location": env_str("MEDIA_S3_LOCATION"),
        "addressing_style": addressing,
        # Wagtail picks free names itself; never replace another upload.
        "file_overwrite": False,
        # Public-read bucket (or a CDN in front) by default: rendition URLs go to platforms.
        "querystring_auth": env_bool("MEDIA_S3_SIGNED_URLS", False),
        "default_acl": env_str("MEDIA_S3_ACL") or None,
    }
    if custom_domain:
        origin = f"{protocol}//{custom_domain.split('/')[0]}"
    elif endpoint:
        parts = urlsplit(endpoint)
        host = parts.netloc if addressing == "path" else f"{bucket}.{parts.netloc}"
        origin = f"{parts.scheme}://{host}"
    else:
        origin = f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, origin
