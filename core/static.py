"""WhiteNoise, with its index of the static files built by the first request for one.

WhiteNoise reads every file under STATIC_ROOT when the middleware is made: a `stat`, a
content type, an ETag and the compressed copies of each of the web package's ~780 files,
about 80 ms of CPU in every new Lambda instance (docs/benchmarks.md, issue 14), whose first
request is most often a page. Here the index is made by the first request under a prefix
WhiteNoise serves, once per process, and is then the same index WhiteNoise would have made.
With WHITENOISE_AUTOREFRESH (local mode, the tests) WhiteNoise keeps no index: nothing
changes.
"""

import threading

from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.string_utils import ensure_leading_trailing_slash


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def __init__(self, *args, **kwargs):
        # Before WhiteNoise's own __init__, which calls add_files.
        self._deferred: list[tuple[str, str | None]] = []
        self._indexing = threading.Lock()
        super().__init__(*args, **kwargs)

    def add_files(self, root, prefix=None):
        if self.autorefresh:  # WhiteNoise only notes the folder: nothing to defer
            super().add_files(root, prefix)
        else:
            self._deferred.append((root, prefix))

    def __call__(self, request):
        if self._deferred and self._serves(request.path_info):
            self._index()
        return super().__call__(request)

    def _serves(self, path: str) -> bool:
        return any(
            path.startswith(ensure_leading_trailing_slash(prefix)) for _, prefix in self._deferred
        )

    def _index(self) -> None:
        # A thread that arrives while another indexes waits for the whole index: `_deferred`
        # empties only once it is complete.
        with self._indexing:
            for root, prefix in self._deferred:
                super().add_files(root, prefix)
            self._deferred = []
