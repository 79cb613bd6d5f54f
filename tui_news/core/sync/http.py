"""The one HTTP path of every sync client: POSTs and GETs with bounded size and time.

What goes wrong becomes a SyncError whose message names the server by its URL with any
password taken out, and never quotes the request: the form body carries the password
(Google Reader's ClientLogin) or the API key (Fever), and a header carries the token.
A server error (5xx) or a dropped connection is tried again twice: every request a
client sends is idempotent, so a retry is harmless.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import aiohttp
from yarl import URL

from tui_news.core.net.errors import classify, classify_timeout, format_size
from tui_news.core.net.fetch import USER_AGENT
from tui_news.core.net.limits import FetchLimits
from tui_news.core.sync.errors import (
    SyncAuthError,
    SyncProtocolError,
    SyncServerError,
    SyncTooLargeError,
    SyncUnavailableError,
)
from tui_news.core.urls import redact_url

_RETRIES = 2
_CHUNK = 256 * 1024
_RETRY_PAUSE = 0.5

Form = Sequence[tuple[str, str]]


class SyncHttp:
    """An aiohttp session bound to one server, for one sync client.

    `limits` are the refresh's (the config's `timeout_seconds` and `max_response_bytes`):
    its timeouts bound each request, its size cap each answer.
    """

    def __init__(self, base_url: str, service: str, limits: FetchLimits) -> None:
        self.base_url = base_url
        # "the Fever server at http://host/fever/": what every message calls it.
        self.label = f"the {service} server at {redact_url(base_url)}"
        self._limits = limits
        self._timeout = aiohttp.ClientTimeout(
            total=limits.total_timeout,
            sock_connect=limits.connect_timeout,
            sock_read=limits.read_timeout,
        )
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self._timeout,
                headers={"User-Agent": USER_AGENT},
                # A server's cookie jar is not ours to keep between calls.
                cookie_jar=aiohttp.DummyCookieJar(),
            )
        return self._session

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def request(
        self,
        url: URL,
        *,
        form: Form | None = None,
        headers: Mapping[str, str] | None = None,
        statuses: tuple[int, ...] = (),
    ) -> tuple[int, bytes]:
        """POST `form` (or GET when there is none); (status, body) of a 2xx answer.

        A status in `statuses` is returned too, for the caller to judge; any other
        non-2xx is an error. 401 and 403 mean the login was refused.
        """
        for attempt in range(_RETRIES + 1):
            try:
                status, body = await self._once(url, form, headers)
            except SyncUnavailableError as problem:
                if attempt == _RETRIES or not problem.transient:
                    raise
            else:
                if 200 <= status < 300 or status in statuses:
                    return status, body
                if status < 500 or attempt == _RETRIES:
                    raise self._status_error(status)
            await asyncio.sleep(_RETRY_PAUSE * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    async def json(self, url: URL, **kwargs: Any) -> Any:
        _status, body = await self.request(url, **kwargs)
        try:
            return json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise SyncProtocolError(
                f"{self.label} did not answer with JSON: is that the API's address?"
            ) from None

    async def _once(
        self, url: URL, form: Form | None, headers: Mapping[str, str] | None
    ) -> tuple[int, bytes]:
        session = self._open()
        method = "GET" if form is None else "POST"
        data = None if form is None else aiohttp.FormData(list(form))
        try:
            async with session.request(method, url, data=data, headers=headers) as response:
                # read(n) hands back what has arrived, up to n: loop until the end.
                chunks: list[bytes] = []
                size = 0
                cap = self._limits.max_bytes
                while chunk := await response.content.read(_CHUNK):
                    size += len(chunk)
                    if size > cap:
                        raise SyncTooLargeError(
                            f"{self.label} sent more than {format_size(cap)} in one answer "
                            "(the config's max_response_bytes)"
                        )
                    chunks.append(chunk)
                return response.status, b"".join(chunks)
        except TimeoutError as error:
            why = classify_timeout(error, self._limits).message
            raise SyncUnavailableError(f"{self.label} did not answer in time ({why})") from None
        except aiohttp.ClientError as error:
            # `classify` words it from the host alone: aiohttp's own text may quote the URL.
            reason = classify(error, url)
            raise SyncUnavailableError(
                f"cannot reach {self.label}: {reason.message}",
                transient=reason.kind not in ("refused", "dns", "tls", "invalid_url"),
            ) from None

    def _status_error(self, status: int) -> Exception:
        try:
            phrase = f"HTTP {status} {HTTPStatus(status).phrase}"
        except ValueError:
            phrase = f"HTTP {status}"
        if status in (401, 403):
            return SyncAuthError(
                f"{self.label} refused the login ({phrase}): check the user and password"
            )
        if status >= 500:
            return SyncServerError(f"{self.label} answered {phrase}")
        return SyncProtocolError(f"{self.label} answered {phrase}: is that the API's address?")
