"""The static files' storage: hashed names, compressed copies (WhiteNoise)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """The browser code's ES module imports name the hashed files too, so a new release is
    never half old modules and half new ones, and each `modulepreload` is the module used."""

    support_js_module_import_aggregation = True
