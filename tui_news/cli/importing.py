"""`newsterm import`: a subscription file (OPML, newsboat urls), or a whole newsboat set-up.

`import --newsboat [DIR]` brings newsboat's feeds (with tags and titles), every cached
story (read and flagged marks kept), its `query:` feeds as saved views and its
`ignore-article` rules as kill rules. The feeds and stories go in one transaction;
the views and rules then go in the config. Everything already there is left as it
is, so a second run changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_news.cli import on_server
from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliContext, error
from tui_news.config_filters import ConfigEditError, add_rules, save_view
from tui_news.core.filters.rules import IgnoreRule
from tui_news.core.storage.newsboat_cache import NewsboatCacheError
from tui_news.core.subscriptions.newsboat_import import (
    NewsboatPlan,
    NewsboatSetupError,
    find_newsboat,
    plan_newsboat_import,
)
from tui_news.core.subscriptions.opml import SubscriptionFileError
from tui_news.core.subscriptions.records import import_subscriptions


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importer = commands.add_parser(
        "import",
        help="subscribe to every feed of an OPML or newsboat urls file, or switch from newsboat",
        description=(
            "Import FILE ('-' for stdin): OPML 1.0/2.0 or a newsboat urls file, told apart by "
            "content. Every folder an OPML feed sits in becomes one of its tags (News › World "
            "gives the tags News and World), as do the items of its category attribute. A new "
            "feed takes the full-text setting of a newsterm export; a feed already subscribed "
            "keeps its title, tags and full-text setting and gains the file's tags it lacks. "
            "With --newsboat, import a whole newsboat set-up instead: feeds, every cached story "
            "with its read and flagged state, query feeds as saved views and ignore-article "
            "rules as kill rules. All in one transaction; exit status 1 if anything could not "
            "be imported."
        ),
    )
    importer.add_argument(
        "file", nargs="?", metavar="FILE", help="the file to import, or - for stdin"
    )
    importer.add_argument(
        "--newsboat",
        nargs="?",
        const="",
        type=str,
        metavar="DIR",
        help="import newsboat's urls, cache.db and config from DIR (default: where newsboat "
        "keeps them, ~/.newsboat or the XDG directories)",
    )
    importer.set_defaults(handler=run_import_command)


def run_import_command(args: argparse.Namespace, context: CliContext) -> int:
    """A newsboat set-up is always imported here; a file goes to the sync server when
    one is configured, as `add` does."""
    if args.newsboat is not None:
        if args.file is not None:
            error("give either FILE or --newsboat, not both")
            return EXIT_USAGE
        return run_newsboat_import(Path(args.newsboat) if args.newsboat else None, context)
    if args.file is None:
        error("import needs a FILE (or --newsboat to switch from newsboat)")
        return EXIT_USAGE
    return run_import(args, context)


def run_import(args: argparse.Namespace, context: CliContext) -> int:
    """Read and check the file (within the limits), then subscribe: here, or on the
    `[sync]` server."""
    from tui_news.service import ImportFileError, read_subscription_list

    name = "stdin" if args.file == "-" else args.file
    try:
        source = sys.stdin.buffer if args.file == "-" else Path(args.file)
        listed = read_subscription_list(source, name)
    except ImportFileError as refusal:
        if refusal.unreadable:
            error(str(refusal))
            return EXIT_USAGE
        error(f"{refusal}; nothing imported")
        return EXIT_PARTIAL
    if context.config.sync is not None:
        return on_server.import_listed(listed, context)
    with context.open_store() as store:
        report = import_subscriptions(store, listed)
    for note in report.notes:
        error(f"{name}: {note}")
    for problem in report.problems:
        error(f"{name}: {problem}")
    for skipped in report.skipped:
        error(f"{name}: skipped {skipped}")
    print(report.summary())
    return EXIT_OK if report.complete else EXIT_PARTIAL


def run_newsboat_import(directory: Path | None, context: CliContext) -> int:
    try:
        files = find_newsboat(directory)
        plan = plan_newsboat_import(files)
    except (NewsboatSetupError, NewsboatCacheError) as problem:
        error(f"{problem}; nothing imported")
        return EXIT_PARTIAL
    except SubscriptionFileError as refusal:
        error(f"cannot import {files.urls}: {refusal.message}; nothing imported")
        return EXIT_PARTIAL
    except OSError as failure:
        error(f"cannot read newsboat's files: {failure}; nothing imported")
        return EXIT_PARTIAL
    specs = [(feed.url, feed.title, feed.tags, feed.site_url) for feed in plan.feeds.feeds]
    with context.open_store() as store:
        result = store.import_feeds_and_stories(
            specs, plan.stories, feeds_own_titles=plan.cached_titles
        )
    skipped = list(plan.skipped)
    try:
        views = _save_views(plan, context, skipped)
        rules = _save_rules(plan.rules, context)
    except ConfigEditError as problem:
        error(f"{problem}; the feeds and stories were imported, the views and rules not")
        return EXIT_PARTIAL
    for note in plan.notes:
        error(f"newsboat: {note}")
    for reason in skipped:
        error(f"newsboat: skipped {reason}")
    feeds = len(plan.feeds.feeds)
    print(
        f"imported from newsboat: {feeds} feed{_s(feeds)} ({result.feeds_added} new), "
        f"{result.stories_added} stor{'y' if result.stories_added == 1 else 'ies'} "
        f"({result.read} read, {result.starred} starred; {result.stories_already} already "
        f"there), {views} saved view{_s(views)}, {rules} kill rule{_s(rules)}; "
        f"{plan.deleted} deleted in newsboat left out, {len(skipped)} skipped"
    )
    return EXIT_PARTIAL if skipped else EXIT_OK


def _save_views(plan: NewsboatPlan, context: CliContext, skipped: list[str]) -> int:
    """Save the converted query feeds; a view of the same name the user has is kept."""
    existing = {view.name: view.expression for view in context.config.views}
    saved = 0
    for name, expression in plan.views:
        if name in existing:
            if existing[name] != expression:
                skipped.append(f"query:{name}: you have a view of that name; yours was kept")
            continue
        save_view(context.paths.config_file, name, expression)
        existing[name] = expression
        saved += 1
    return saved


def _save_rules(rules: list[IgnoreRule], context: CliContext) -> int:
    have = {_rule_identity(rule) for rule in context.config.ignore}
    new: list[IgnoreRule] = []
    for rule in rules:
        if _rule_identity(rule) not in have:
            have.add(_rule_identity(rule))
            new.append(rule)
    add_rules(context.paths.config_file, new)
    return len(new)


def _rule_identity(rule: IgnoreRule) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return rule.expression, rule.feeds, rule.tags


def _s(count: int) -> str:
    return "" if count == 1 else "s"
