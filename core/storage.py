"""Static files: WhiteNoise's compressed manifest storage, each URL worked out once."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """The manifest is read when the process starts and does not change while it runs (a
    new ``collectstatic`` comes with a restart), so each file's URL is worked out once:
    every page asks for the same few (stylesheet, fonts, icons, the page-view beacon)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        if name not in self._urls:
            self._urls[name] = super().url(name)
        return self._urls[name]
