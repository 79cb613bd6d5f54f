"""`newsterm refresh`: check feeds for new stories from the command line.

Progress is a single line rewritten in place on stderr, and only on a terminal; the
summary goes to stdout and each failure's reason to stderr. Exit 1 if any feed failed.
The refresh engine is imported inside the handler so that other subcommands never pay
for aiohttp's import.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliContext, error
from tui_news.cli.subscriptions import lookup_problem

if TYPE_CHECKING:
    from tui_news.core.models import Story
    from tui_news.core.refresh.outcomes import FeedOutcome, RefreshSummary
    from tui_news.core.storage import Store
    from tui_news.service import Newsterm


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `refresh` to the parser."""
    parser = commands.add_parser(
        "refresh",
        help="check feeds for new stories",
        description=(
            "Check every subscription (or those named with --feed) for new stories. "
            "Feeds are asked conditionally, so unchanged ones cost almost nothing. "
            "Then the full article of each new story is fetched, extracted and cached for "
            "offline reading and search (at most full_text_per_feed a feed, one page at a "
            "time from a site; see --full-text). "
            "Exit status 1 means at least one feed failed; the reasons go to stderr, or one "
            "line when no feed could be reached at all (no network)."
        ),
    )
    parser.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL|ID",
        help="refresh only this feed (repeatable); also retries a feed marked dead",
    )
    parser.add_argument(
        "--full-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fetch the full article of new stories in every feed (--full-text) or in none "
        "(--no-full-text); by default each feed's own setting decides, else the config's "
        "full_text_prefetch (on unless set to false)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    if context.config.sync is not None:
        # The server fetches the feeds: a refresh here would store its stories twice.
        from tui_news.cli import sync

        return sync.run(args, context)
    from tui_news.core.refresh.outcomes import OFFLINE_MESSAGE, OutcomeStatus
    from tui_news.core.storage import FeedNotFoundError
    from tui_news.service import Newsterm

    core = Newsterm(context.config)
    with context.open_store() as store:
        if not args.feed and not store.feed_count():
            error(NO_SUBSCRIPTIONS)
            return EXIT_OK
        named: list[int] = []
        for name in args.feed:
            try:
                named.append(store.find_feed(name).id)
            except FeedNotFoundError as problem:
                error(lookup_problem(name, problem))
                return EXIT_USAGE
        feed_ids = named or None
        progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
        try:
            summary = core.refresh(store, feed_ids, explicit=True, on_progress=progress)
        finally:
            if progress is not None:
                progress.clear()
        print(summary_line(summary))
        for outcome in summary.outcomes:
            if outcome.note:
                error(f"{outcome.title}: {outcome.note}")
        if summary.offline:
            error(OFFLINE_MESSAGE[:1].lower() + OFFLINE_MESSAGE[1:].rstrip("."))
        else:
            for outcome in summary.failures:
                error(f"{outcome.title}: {outcome.message}")
        if feed_ids is not None:
            # A feed the user named and we did not check needs its reason; in a refresh
            # of everything the count in the summary is enough.
            for outcome in summary.outcomes:
                if outcome.status is OutcomeStatus.SKIPPED:
                    error(f"{outcome.title}: skipped: {outcome.message}")
        fetch_full_text(
            core, store, core.stories_wanting_full_text(store, summary, full_text=args.full_text)
        )
    return EXIT_PARTIAL if summary.failed else EXIT_OK


def fetch_full_text(core: Newsterm, store: Store, stories: list[Story]) -> None:
    """Fetch and cache the stories' articles, a progress line on a terminal, then
    'full text: 12 extracted, …' on stdout (nothing when there is nothing to fetch)."""
    if not stories:
        return
    pages = _PageProgress(sys.stderr) if sys.stderr.isatty() else None
    try:
        done = core.prefetch(store, stories, on_progress=pages)
    finally:
        if pages is not None:
            pages.clear()
    print(f"full text: {done}")


NO_SUBSCRIPTIONS = (
    "no subscriptions yet: nothing to refresh. Subscribe with `newsterm add URL`, "
    "`newsterm import FILE` (OPML or a newsboat urls file), or run `newsterm` and choose "
    "(the built-in world-news feeds, or the demo)"
)


def summary_line(summary: RefreshSummary) -> str:
    """'200 feeds: 150 ok, 45 not modified, 5 failed · 1,234 new stories'."""
    total = len(summary.outcomes)
    parts = [f"{summary.ok:,} ok", f"{summary.not_modified:,} not modified"]
    parts.append(f"{summary.failed:,} failed")
    if summary.skipped:
        parts.append(f"{summary.skipped:,} skipped")
    noun = "feed" if total == 1 else "feeds"
    stories = "story" if summary.new_stories == 1 else "stories"
    line = f"{total:,} {noun}: {', '.join(parts)} · {summary.new_stories:,} new {stories}"
    if summary.pruned:
        line += f" · {summary.pruned:,} old {'story' if summary.pruned == 1 else 'stories'} pruned"
    return line


class _Progress:
    """'refreshing 37/200 · 2 failed', rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.failed = 0
        self.shown = False

    def __call__(self, outcome: FeedOutcome) -> None:
        from tui_news.core.refresh.outcomes import OutcomeStatus

        if outcome.status is OutcomeStatus.FAILED:
            self.failed += 1
        line = f"refreshing {outcome.position}/{outcome.total}"
        if self.failed:
            line += f" · {self.failed} failed"
        self.stream.write(f"\r\x1b[K{line}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


class _PageProgress:
    """'full text 12/40', rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        self.stream.write(f"\r\x1b[Kfull text {done}/{total}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
