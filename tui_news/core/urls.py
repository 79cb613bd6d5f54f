"""URLs: safe absolute http(s) links, passwords hidden, and when two spellings name one feed."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from tui_news.core.errors import NewstermError
from tui_news.core.text import INVISIBLE, REORDERING, SPACE_RE, strip_escapes

MAX_URL_LENGTH = 4096

_URL_DROP_RE = re.compile(f"[\t\n\r\x00-\x08\x0e-\x1f\x7f-\x9f{REORDERING}{INVISIBLE}]")
# Letters (any script), digits, dots, hyphens, or an IPv6 address (brackets stripped).
_HOST_RE = re.compile(r"^(?:[\w.-]+|[0-9a-fA-F:.]+)$")
_PLAIN_URL_RE = re.compile(r"(?i:https?)://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#][!-~]*)?\Z")


def clean_url(url: str | None, base: str = "") -> str:
    """An absolute http(s) URL, resolved against `base`, or "" if there is none."""
    if not url:
        return ""
    if len(url) <= MAX_URL_LENGTH and _PLAIN_URL_RE.match(url):
        # Already absolute, printable ASCII and with a sane host: nothing to resolve.
        return url[:5].lower() + url[5:]
    url = _URL_DROP_RE.sub("", strip_escapes(url)).strip()
    if not url or len(url) > MAX_URL_LENGTH:
        return ""
    url = SPACE_RE.sub("%20", url)
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not _HOST_RE.match(parts.hostname or ""):
        return ""
    return scheme + url[len(scheme) :]


def typed_url(text: str) -> str:
    """What a user typed as a URL, made absolute (`example.com/x` means https://), or ""."""
    text = text.strip()
    if scheme_guessed(text):
        text = "https://" + text
    return clean_url(text)


def no_https_words(url: str) -> str:
    """What a subscription that fell back on http says (`discover_typed_feed`)."""
    host = urlsplit(url).netloc.rpartition("@")[2]  # never a password
    return f"no https at {host}; subscribed over http"


def scheme_guessed(text: str) -> bool:
    """Whether `typed_url` gives `text` the https:// it was typed without."""
    text = text.strip()
    return bool(text) and "://" not in text and not text.lower().startswith(("http:", "https:"))


def _userinfo(url: str) -> tuple[str, str, str]:
    """`url` as (what comes before its user information, the user information, what
    follows its "@"); ("", "", url) when it has none. The user information ends at the
    authority's *last* "@", as yarl and aiohttp (which send it) read it."""
    scheme, sep, rest = url.partition("://")
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    userinfo, at, host = rest[:end].rpartition("@")
    if not sep or not at:
        return "", "", url
    return f"{scheme}{sep}", userinfo, f"{host}{rest[end:]}"


def _hidden(userinfo: str) -> str:
    user, colon, _password = userinfo.partition(":")
    return f"{user}:***" if colon else "***"


def redact_url(url: str) -> str:
    """`url` with its password hidden: messages are printed and stored.

    "user:secret@" keeps the user's name; a lone "token@" (an API key) is all secret.
    "alice:s3cr@tP4ss@host" has the password "s3cr@tP4ss".
    """
    before, userinfo, after = _userinfo(url)
    return f"{before}{_hidden(userinfo)}@{after}" if before else url


class HiddenPasswordError(NewstermError):
    """An edited address that keeps the hidden password ("***") under another user name."""


def unredact_url(typed: str, original: str) -> str:
    """`typed`, an edit of `redact_url(original)`, with `original`'s password back where
    the typed address still shows it hidden (so a dialog never shows the password, and
    saving a changed path does not lose it); new credentials typed in full stay.

    Raises HiddenPasswordError when the hidden password stands beside another user name:
    that user is not given this one's password, and "***" saved as a password would
    show as hidden the next time, a broken address no one could tell from a good one."""
    _, secret, _ = _userinfo(original)
    # Typed without its scheme ("alice:***@host/feed"), an address is still one: the
    # edit adds "https://" (typed_url), so its user information is read here as there.
    bare = "://" not in typed
    before, userinfo, after = _userinfo(f"https://{typed}" if bare else typed)
    if not (before and secret):
        return typed
    if bare:
        before = ""
    if userinfo == _hidden(secret):
        return f"{before}{secret}@{after}"
    if _hidden(userinfo) == userinfo:
        raise HiddenPasswordError(
            "with another user name, type the password in full (*** stands for the old one)"
        )
    return typed


def any_credentials_pattern(url: str) -> str | None:
    """A regular expression matching exactly `url` whatever user information it has, so a
    filter can name a feed without its password (None: `url` has none to hide)."""
    before, _, after = _userinfo(url)
    if not before:
        return None
    # An authority holds no "/", "?" or "#": the user information cannot reach past it.
    return f"^{re.escape(before)}[^/?#]*@{re.escape(after)}$"


# A URL's scheme and authority inside running text, up to the authority's last "@".
_URL_WITH_USERINFO_RE = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s/?#'\"<>]*@")


def redact_urls_in(text: str) -> str:
    """`text` with the password of every URL in it hidden (see `redact_url`): the last
    guard before a message that may quote a feed's address reaches a terminal."""
    if "@" not in text or "://" not in text:
        return text
    return _URL_WITH_USERINFO_RE.sub(lambda found: redact_url(found.group(0) + "h")[:-1], text)


def without_userinfo(url: str) -> str:
    """`url` with no user name or password at all: for a link handed to a terminal
    (OSC 8) or a browser, which needs neither and must not be given the secret."""
    scheme, sep, rest = url.partition("://")
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    if not sep or "@" not in rest[:end]:
        return url
    return f"{scheme}{sep}{rest[:end].rpartition('@')[2]}{rest[end:]}"


def feed_url(raw: str) -> str:
    """An absolute http(s) URL from what a list wrote (feed:// accepted), or ''."""
    url = raw.strip()
    lowered = url.lower()
    if lowered.startswith("feed://"):
        url = "http://" + url[7:]
    elif lowered.startswith("feed:http"):
        url = url[5:]
    return clean_url(url)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def feed_url_key(url: str) -> str:
    """`url` with only the differences that cannot name another feed taken out.

    Scheme and host case, a default port, an empty path (which means "/") and the
    fragment (never sent to the server) are normalised, and the user name and password
    dropped: they are how one reaches the feed, not which feed it is, so one subscription
    per address whatever its credentials. Nothing else is: http and https, "/feed" and
    "/feed/", path and query case may all be answered by different servers or handlers.
    Text that is not an absolute URL is its own key.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    # urlsplit forgets a "?" with nothing after it; a server does not.
    query = "?" + parts.query if "?" in url.split("#", 1)[0] else ""
    return f"{scheme}://{host}{parts.path or '/'}{query}"


def host(url: str) -> str:
    """The URL's host name, lower case ("" when there is none or the URL is broken)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def bare_host(url: str) -> str:
    """The host without a leading "www.", for short attributions ("bbc.co.uk")."""
    return host(url).removeprefix("www.")
