"""Subscription commands: `add`, `remove`, `feeds` and `export` (`import` is in `importing`).

Exit status: 0 success, 1 partial failure or a failed operation (reasons on stderr),
2 usage errors, including a feed or file argument that names nothing (then nothing is
changed). The network stack is imported only by `add`, the one command that needs it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.cells import cell_len, set_cell_size

from tui_news.cli import on_server
from tui_news.cli.context import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    CliContext,
    error,
    json_text,
    say,
)
from tui_news.core.errors import os_reason
from tui_news.core.models import Feed, FeedStatus
from tui_news.core.storage import AmbiguousFeedError, FeedExistsError, FeedNotFoundError, Store
from tui_news.core.subscriptions.opml import write_opml
from tui_news.core.text import clean_message
from tui_news.core.urls import (
    MAX_URL_LENGTH,
    no_https_words,
    redact_url,
    scheme_guessed,
    typed_url,
    without_userinfo,
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the subscription commands to the parser."""
    add = commands.add_parser(
        "add",
        help="subscribe to a feed, or to the feed a web page links to",
        description=(
            "Subscribe to URL. A feed URL is used as it is; for a web page, newsterm follows "
            'the page\'s <link rel="alternate"> to its RSS, Atom or JSON feed, and if there is '
            "none, tries the usual places (/feed, /rss.xml, ...). The feed's current stories "
            "are stored at once."
        ),
    )
    add.add_argument("url", metavar="URL", help="a feed or a web page (https:// may be omitted)")
    add.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="tag the feed (repeatable)"
    )
    add.add_argument(
        "--full-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="always (or never) prefetch this feed's full article text on refresh; "
        "by default the config's full_text_prefetch decides",
    )
    add.set_defaults(handler=on_server.routed(run_add, on_server.add))

    remove = commands.add_parser(
        "remove",
        help="unsubscribe, deleting the feed's stories",
        description="Unsubscribe from each feed named by URL or id; their stories are deleted.",
    )
    remove.add_argument("feeds", nargs="+", metavar="URL|ID", help="a feed's URL or id")
    remove.set_defaults(handler=run_remove)

    feeds = commands.add_parser("feeds", help="list subscriptions", description="List feeds.")
    feeds.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of {id, url, title, site_url, tags, last_status, error, "
        "last_checked, unread, total, full_text}",
    )
    feeds.set_defaults(handler=run_feeds)

    export = commands.add_parser(
        "export",
        help="write subscriptions as OPML 2.0",
        description=(
            "Write every subscription as OPML 2.0 to FILE, or to stdout. Each feed sits in the "
            "folder of one of its tags and lists all its tags in its category attribute, and a "
            "--full-text/--no-full-text choice goes in a newsterm:fullText attribute, so "
            "`newsterm import` restores feeds, titles, tags and full-text choices exactly."
        ),
    )
    export.add_argument("file", nargs="?", metavar="FILE", help="where to write (default stdout)")
    export.set_defaults(handler=run_export)


# -- add ----------------------------------------------------------------------------------


def run_add(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.core.subscriptions.discover import DiscoveryError
    from tui_news.service import Newsterm

    url = checked_input_url(args.url)
    if url is None:
        return EXIT_USAGE
    core = Newsterm(context.config)
    with context.open_store() as store:
        if _report_existing(store, url):
            return EXIT_PARTIAL
        try:
            found = asyncio.run(core.discover(url, scheme_guessed=scheme_guessed(args.url)))
        except DiscoveryError as problem:
            error(problem.message)
            return EXIT_PARTIAL
        if found.url != url and _report_existing(store, found.url):
            return EXIT_PARTIAL
        try:
            new = core.save_discovered(store, found, tags=args.tag, full_text=args.full_text)
        except FeedExistsError:
            _report_existing(store, found.url)
            return EXIT_PARTIAL
        feed, new_stories = new.feed, new.new_stories
        shown = redact_url(url)
        via = {"link": f" (found on {shown})", "guess": f" (found beside {shown})"}.get(
            found.how, ""
        )
        say(f"subscribed to {feed.display_title}{via}")
        if found.over_http:
            say(f"  {no_https_words(url)}")
        say(f"  id {feed.id}, {new_stories} stories, {redact_url(feed.url)}")
        from tui_news.cli.update_lines import fetch_full_text

        fetch_full_text(core, store, core.new_feed_wanting_full_text(store, new))
    return EXIT_OK


def normalise_input_url(text: str) -> str:
    """What a user typed as a URL, made absolute: `example.com/x` means https://."""
    return typed_url(text)


def checked_input_url(text: str) -> str | None:
    """The URL `text` means, or None once the reason it is not one is printed (quoted
    without a password: one with a space or a quote in it is past the print guard)."""
    length = len(text.strip())
    if length > MAX_URL_LENGTH:
        error(f"the address is too long: {length:,} characters (at most {MAX_URL_LENGTH:,})")
        return None
    url = normalise_input_url(text)
    if not url:
        error(f"not a web address: {redact_url(text)!r} (expected an http or https URL)")
        return None
    return url


def _report_existing(store: Store, url: str) -> bool:
    """Say so if `url` (or another spelling of it) is subscribed already."""
    try:
        feed = store.feed_matching_url(url)
    except AmbiguousFeedError as problem:
        error(f"already subscribed: {problem}")
        return True
    if feed is None:
        return False
    # One subscription per address, whatever its password: another one is a new password
    # for this feed, which `edit` sets.
    other_password = feed.url != url and (
        without_userinfo(feed.url) != feed.url or without_userinfo(url) != url
    )
    hint = f"; `newsterm edit {feed.id} --url ADDRESS` sets its password" if other_password else ""
    error(
        f"already subscribed to {feed.display_title} (id {feed.id}): {redact_url(feed.url)}{hint}"
    )
    return True


# -- remove -------------------------------------------------------------------------------


def run_remove(args: argparse.Namespace, context: CliContext) -> int:
    """Unsubscribe, on the `[sync]` server too when there is one (Fever refuses)."""
    from tui_news.core.sync.errors import SyncError
    from tui_news.service import Newsterm

    core = Newsterm(context.config)
    with context.open_store() as store:
        found: dict[int, Feed] = {}
        problems = []
        for name in args.feeds:
            try:
                feed = store.find_feed(name)
            except FeedNotFoundError as missing:
                problems.append(lookup_problem(name, missing))
            else:
                found[feed.id] = feed
        if problems:
            for problem in problems:
                error(problem)
            error("nothing removed")
            return EXIT_USAGE
        try:
            core.unsubscribe(store, found.values())
        except SyncError as problem:
            error(str(problem))
            return EXIT_PARTIAL
    where = " on the server and here" if core.syncing else ""
    for feed in found.values():
        say(f"removed {feed.display_title} (id {feed.id}){where}: {redact_url(feed.url)}")
    return EXIT_OK


def lookup_problem(name: str, problem: FeedNotFoundError) -> str:
    """Why `name` named no single feed, and what to type instead."""
    if isinstance(problem, AmbiguousFeedError):
        return f"{problem}; name one by its id"
    return f"no subscription matches {redact_url(name)!r} (see `newsterm feeds`)"


# -- feeds --------------------------------------------------------------------------------


def run_feeds(args: argparse.Namespace, context: CliContext) -> int:
    with context.open_store() as store:
        feeds = store.feeds(with_counts=True)
    if args.json:
        sys.stdout.write(json_text([feed_json(feed) for feed in feeds], indent=2) + "\n")
    elif not feeds:
        print("no subscriptions yet: add one with `newsterm add URL` or `newsterm import FILE`")
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        say("\n".join(feeds_table(feeds, width)))
    return EXIT_OK


def feed_json(feed: Feed) -> dict[str, Any]:
    """One feed as `newsterm feeds --json` prints it."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "site_url": feed.site_url,
        "tags": list(feed.tags),
        "last_status": feed.last_status.value,
        "error": feed.last_error if feed.last_status in _FAILED else None,
        "last_checked": iso_utc(feed.last_fetch),
        "unread": feed.unread_count,
        "total": feed.story_count,
        "full_text": feed.full_text,
    }


_FAILED = (FeedStatus.ERROR, FeedStatus.DEAD)


# Caps on a terminal, so that one long error message cannot push the counts off screen.
_TITLE_CAP = 50
_TAGS_CAP = 24
_MIN_STATUS = 12
_MIN_TITLE = 16


def feeds_table(feeds: list[Feed], width: int | None) -> list[str]:
    """Aligned plain-text lines; cut to `width` terminal cells when given (CJK-aware)."""
    rows = [("ID", "TITLE", "UNREAD", "TOTAL", "TAGS", "STATUS")]
    rows += [
        (
            str(feed.id),
            # Cleaned before measuring: a stored error may quote a server's escape codes.
            clean_message(feed.display_title),
            str(feed.unread_count),
            str(feed.story_count),
            clean_message(", ".join(feed.tags)),
            clean_message(_status(feed)),
        )
        for feed in feeds
    ]
    widths = [max(cell_len(row[column]) for row in rows) for column in range(6)]
    if width is not None:
        widths[1] = min(widths[1], _TITLE_CAP)
        widths[4] = min(widths[4], _TAGS_CAP)
        fixed = widths[0] + widths[2] + widths[3] + widths[4] + 2 * 5
        widths[5] = max(min(widths[5], width - fixed - widths[1]), _MIN_STATUS)
        widths[1] = max(min(widths[1], width - fixed - widths[5]), _MIN_TITLE)
    lines = []
    for row in rows:
        cells = [
            _fit(text, size, right=column in (0, 2, 3))
            for column, (text, size) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _fit(text: str, size: int, *, right: bool) -> str:
    if cell_len(text) > size:
        text = set_cell_size(text, max(size - 1, 0)) + "…"
    padding = " " * (size - cell_len(text))
    return padding + text if right else text + padding


def _status(feed: Feed) -> str:
    if feed.last_status in _FAILED:
        return f"{feed.last_status.value}: {feed.last_error or 'unknown error'}"
    if feed.last_status is FeedStatus.NEW:
        return "not checked yet"
    return "ok"


def iso_utc(timestamp: float | None) -> str | None:
    """ISO 8601 in UTC with a Z, or None."""
    if timestamp is None:
        return None
    moment = time.gmtime(timestamp)
    # Not strftime's %Y, which writes the year 1 as "1" rather than "0001".
    return f"{moment.tm_year:04d}-" + time.strftime("%m-%dT%H:%M:%SZ", moment)


# -- export ----------------------------------------------------------------------


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    with context.open_store() as store:
        feeds = store.feeds()
    document = write_opml(feeds)
    if args.file is None or args.file == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(document)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        _write_atomically(Path(args.file), document)
    except OSError as problem:
        error(f"cannot write {args.file}: {os_reason(problem)}")
        return EXIT_PARTIAL
    print(f"exported {len(feeds)} feed{'s' if len(feeds) != 1 else ''} to {args.file}")
    return EXIT_OK


def _write_atomically(path: Path, data: bytes) -> None:
    """A crash or a full disk never leaves half an OPML file where the old one was.

    A symlink is written through (a dotfiles link stays a link), and the file keeps its
    mode, or gets the umask's for a new file, not mkstemp's owner-only 0600.
    """
    target = path.resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
