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
            "Exit status 1 means at least one feed failed; the reasons go to stderr."
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
        action="store_true",
        help="afterwards, fetch and cache the full article text of every new story "
        "(without it: of new stories in feeds added with --full-text and, when the config's "
        "full_text_prefetch is on, in feeds not added with --no-full-text)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.core.refresh.outcomes import OutcomeStatus
    from tui_news.core.storage import FeedNotFoundError
    from tui_news.service import Newsterm

    core = Newsterm(context.config)
    with context.open_store() as store:
        if not args.feed:
            _subscribe_defaults_if_empty(core, store)
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
        for outcome in summary.failures:
            error(f"{outcome.title}: {outcome.message}")
        if feed_ids is not None:
            # A feed the user named and we did not check needs its reason; in a refresh
            # of everything the count in the summary is enough.
            for outcome in summary.outcomes:
                if outcome.status is OutcomeStatus.SKIPPED:
                    error(f"{outcome.title}: skipped: {outcome.message}")
        stories = core.stories_wanting_full_text(store, summary, force=args.full_text)
        if stories:
            if sys.stderr.isatty():
                print(f"fetching the full text of {len(stories):,} new stories…", file=sys.stderr)
            print(f"full text: {core.prefetch(store, stories)}")
    return EXIT_PARTIAL if summary.failed else EXIT_OK


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


def _subscribe_defaults_if_empty(core: Newsterm, store: Store) -> None:
    added = core.subscribe_defaults(store)
    if added:
        print(f"no subscriptions yet: subscribed to {added} default feeds", file=sys.stderr)
