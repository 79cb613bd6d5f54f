"""`newsterm stories`: cached stories, newest first, for people (one line each) or as JSON.

Reads the cache only: no network. `--search` is the app's `/`: the same words matched
in titles and article text, the same order (newest first), with the other filters.
Story text is printed with plain `print`, never through Rich, so a title such as
"[bold]x[/]" is shown as written.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from typing import Any

from tui_news.cli.context import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    CliContext,
    error,
    json_text,
    say,
)
from tui_news.cli.subscriptions import iso_utc, lookup_problem
from tui_news.core.filters import And, FilterError, Node, parse_filter
from tui_news.core.models import Hidden, Story, StoryFilter
from tui_news.core.storage import FeedNotFoundError, Store, is_searchable
from tui_news.core.text import clean_line, plain_text

DEFAULT_LIMIT = 50
SUMMARY_LIMIT = 2000
UNREAD_MARK = "●"
STARRED_MARK = "★"
HIDDEN_MARK = "✗"
_MAX_LIMIT = 2**63 - 1


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `stories` to the parser."""
    parser = commands.add_parser(
        "stories",
        help="list cached stories, newest first",
        description=(
            "List cached stories, newest first (no network: run `newsterm refresh` to fetch). "
            f"One line each: id, date, {UNREAD_MARK} unread, {STARRED_MARK} starred, feed and "
            "title."
        ),
    )
    parser.add_argument("--feed", metavar="URL|ID", help="only this feed's stories")
    parser.add_argument("--tag", metavar="TAG", help="only stories of feeds with this tag")
    parser.add_argument("--unread", action="store_true", help="only unread stories")
    parser.add_argument("--starred", action="store_true", help="only starred stories")
    parser.add_argument(
        "--search",
        metavar="QUERY",
        help="only stories whose title or text holds every word of QUERY (a word matches "
        "words it begins; article text counts once fetched, as in the app's /)",
    )
    parser.add_argument(
        "--view", metavar="NAME", help="only the stories of a saved search (`newsterm views`)"
    )
    parser.add_argument(
        "--filter",
        metavar="EXPRESSION",
        help="only stories the filter expression matches, such as 'unread and tag:world'",
    )
    hidden = parser.add_mutually_exclusive_group()
    hidden.add_argument(
        "--show-hidden",
        action="store_true",
        help=f"include the stories kill rules hide (marked {HIDDEN_MARK})",
    )
    hidden.add_argument("--hidden", action="store_true", help="only the stories kill rules hide")
    parser.add_argument(
        "--limit",
        type=_limit,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N stories (default {DEFAULT_LIMIT}; 0 for all)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array of {id, feed, feed_id, title, url, author, published, "
        "read, starred, hidden, summary}",
    )
    parser.set_defaults(handler=run_stories)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    # More than SQLite can count is no limit at all.
    return 0 if value > _MAX_LIMIT else value


def run_stories(args: argparse.Namespace, context: CliContext) -> int:
    if args.search is not None and not is_searchable(args.search):
        error(f"stories: nothing to search for in {args.search!r}: give a word or a number")
        return EXIT_PARTIAL
    try:
        expression = _expression(args, context)
    except (FilterError, LookupError) as problem:
        error(str(problem))
        return EXIT_PARTIAL
    hidden = Hidden.ONLY if args.hidden else Hidden.SHOW if args.show_hidden else Hidden.HIDE
    with context.open_store() as store:
        feed_id = None
        if args.feed is not None:
            try:
                feed_id = store.find_feed(args.feed).id
            except FeedNotFoundError as problem:
                error(lookup_problem(args.feed, problem))
                return EXIT_USAGE
        view = StoryFilter(
            feed_id=feed_id,
            tag=args.tag,
            unread=args.unread,
            starred=args.starred,
            search=args.search,
            expression=expression,
            hidden=hidden,
        )
        stories = store.stories(view, limit=args.limit or None)
        feed_count = store.feed_count() if not stories else -1
        hidden_ids = _hidden_ids(store, view, stories)
    if args.json:
        rows = [story_json(s) | {"hidden": s.id in hidden_ids} for s in stories]
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return EXIT_OK
    for story in stories:
        say(story_line(story, hidden=story.id in hidden_ids))
    if args.search is not None and not stories and feed_count != 0:
        error(f"no cached story matches {args.search!r}")
    elif feed_count == 0:
        error("no subscriptions yet: add one with `newsterm add URL` or `newsterm import FILE`")
    elif feed_count > 0 and view == StoryFilter():
        error("no stories cached yet: run `newsterm refresh` to fetch them")
    return EXIT_OK


def _expression(args: argparse.Namespace, context: CliContext) -> Node | None:
    """The saved view's and the --filter expression's tree (both, if both are given)."""
    parts: list[Node] = []
    if args.view is not None:
        views = {view.name: view for view in context.config.views}
        if args.view not in views:
            known = ", ".join(repr(name) for name in views) or "none yet"
            raise LookupError(f"no saved view named {args.view!r} (views: {known})")
        parts.append(views[args.view].node)
    if args.filter is not None:
        parts.append(parse_filter(args.filter))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _hidden_ids(store: Store, view: StoryFilter, stories: list[Story]) -> set[int]:
    """Which of `stories` a kill rule hides: all of them with --hidden, none by default."""
    if view.hidden is Hidden.HIDE or not stories:
        return set()
    if view.hidden is Hidden.ONLY:
        return {story.id for story in stories}
    return {row.id for row in store.story_rows([story.id for story in stories]) if row.hidden}


def story_line(story: Story, *, hidden: bool = False) -> str:
    """`  123  2024-05-01 14:03  ●★  Feed: Title` in local time (✗ after ★: hidden)."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(story.sort_time))
    marks = (UNREAD_MARK if not story.read else " ") + (STARRED_MARK if story.starred else " ")
    if hidden:
        marks += HIDDEN_MARK
    title = story.title or story.url or "(untitled)"
    return f"{story.id:>6}  {when}  {marks}  {story.feed_title}: {title}"


def story_json(story: Story) -> dict[str, Any]:
    """One story as `newsterm stories --json` prints it."""
    return {
        "id": story.id,
        "feed": story.feed_title,
        "feed_id": story.feed_id,
        "title": story.title,
        "url": story.url,
        "author": story.author,
        "published": iso_utc(story.published),
        "read": story.read,
        "starred": story.starred,
        "summary": summary_text(story.summary),
    }


def summary_text(summary: str) -> str:
    """A stored summary (HTML) as one line of plain text."""
    text = html.unescape(plain_text(summary))
    return clean_line(text, max_length=SUMMARY_LIMIT)
