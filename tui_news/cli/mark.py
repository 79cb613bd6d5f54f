"""`newsterm mark`: mark stories (or every story of a feed) read, unread, starred or not.

The cache changes at once; with `[sync]` set, the change is also queued for the server
and sent by the next `newsterm sync` (or the app's refresh).
"""

from __future__ import annotations

import argparse
import time

from tui_news.cli.context import EXIT_OK, EXIT_USAGE, CliContext, error
from tui_news.cli.subscriptions import lookup_problem


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "mark",
        help="mark stories read, unread, starred or unstarred",
        description=(
            "Mark the stories with these ids (as `newsterm stories` prints them), or with "
            "--feed every story of a feed (--read only). Exit status 2 if an id or feed is "
            "unknown, as for any usage error; then nothing is marked."
        ),
    )
    parser.add_argument("ids", nargs="*", metavar="ID", help="story id")
    parser.add_argument("--feed", metavar="URL|ID", help="every story of this feed")
    parser.add_argument("--read", action="store_true", help="mark read")
    parser.add_argument("--unread", action="store_true", help="mark unread")
    parser.add_argument("--star", action="store_true", help="star (save)")
    parser.add_argument("--unstar", action="store_true", help="remove the star")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    from tui_news.core.models import StoryFilter
    from tui_news.core.storage import FeedNotFoundError

    if (args.read and args.unread) or (args.star and args.unstar):
        error("mark: --read and --unread (or --star and --unstar) contradict each other")
        return EXIT_USAGE
    if not (args.read or args.unread or args.star or args.unstar):
        error("mark: say what to do: --read, --unread, --star or --unstar")
        return EXIT_USAGE
    if bool(args.ids) == bool(args.feed):
        error("mark: give story ids or --feed, not both and not neither")
        return EXIT_USAGE
    pressed = time.time()
    with context.open_store() as store:
        if args.feed:
            if args.unread or args.star or args.unstar:
                error("mark: --feed marks a whole feed --read only")
                return EXIT_USAGE
            try:
                feed = store.find_feed(args.feed)
            except FeedNotFoundError as problem:
                error(f"mark: {lookup_problem(args.feed, problem)}")
                return EXIT_USAGE
            changed = store.mark_view_read(StoryFilter(feed_id=feed.id), pressed=pressed)
            print(f"marked {changed:,} stories of {feed.display_title} read")
            return EXIT_OK
        ids: list[int] = []
        for name in args.ids:
            story_id = int(name) if name.isascii() and name.isdigit() and len(name) < 19 else 0
            if not story_id or store.story(story_id) is None:
                error(f"mark: no story with id {name!r}")
                return EXIT_USAGE
            ids.append(story_id)
        if args.read or args.unread:
            store.set_read(ids, bool(args.read))
        for story_id in ids if args.star or args.unstar else ():
            store.set_starred(story_id, bool(args.star))
    done = [
        word
        for flag, word in (
            (args.read, "read"),
            (args.unread, "unread"),
            (args.star, "starred"),
            (args.unstar, "unstarred"),
        )
        if flag
    ]
    noun = "story" if len(ids) == 1 else "stories"
    print(f"marked {len(ids):,} {noun} {' and '.join(done)}")
    return EXIT_OK
