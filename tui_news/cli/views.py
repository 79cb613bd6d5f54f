"""`newsterm views` (saved searches) and `newsterm rules` (kill rules and what they hide).

Both live in the config file ([views] and [[ignore]]); these commands list them with
their counts, and `views add/remove` edit the file, keeping the rest as it is.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui_news.cli.context import EXIT_OK, EXIT_PARTIAL, CliContext, error, json_text, say
from tui_news.config_filters import ConfigEditError, remove_view, save_view
from tui_news.core.filters import FilterError, parse_filter, render
from tui_news.core.filters.rules import SavedView
from tui_news.core.models import StoryFilter


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    views = commands.add_parser(
        "views",
        help="list saved searches (views) with their unread counts; add or remove one",
        description=(
            'Saved searches live in the config\'s [views] table as name = "expression" '
            "(the filter language: docs/FILTERS.md). With no action, list them with their "
            "unread and total counts; `newsterm stories --view NAME` lists a view's stories."
        ),
    )
    views.add_argument("--json", action="store_true", help="print a JSON array of views")
    actions = views.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser("add", help="save a search under a name (replacing one of that name)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("expression", metavar="EXPRESSION", help="such as 'unread and tag:world'")
    remove = actions.add_parser("remove", help="delete a saved search")
    remove.add_argument("name", metavar="NAME")
    views.set_defaults(handler=run_views)

    rules = commands.add_parser(
        "rules",
        help="list kill rules ([[ignore]] in the config) and how many stories each hides",
        description=(
            "Kill rules hide the stories they match from every list, count and search. "
            "See what they hide with `newsterm stories --hidden`, or everything with "
            "--show-hidden."
        ),
    )
    rules.add_argument("--json", action="store_true", help="print a JSON array of rules")
    rules.set_defaults(handler=run_rules)


def run_views(args: argparse.Namespace, context: CliContext) -> int:
    if args.action == "add":
        return _add(context, args.name, args.expression)
    if args.action == "remove":
        return _remove(context, args.name)
    with context.open_store() as store:
        counted = [
            (view, store.counts(StoryFilter(expression=view.node))) for view in context.config.views
        ]
    if args.json:
        rows = [view_json(view, total, unread) for view, (total, unread) in counted]
        sys.stdout.write(json_text(rows, indent=2) + "\n")
    elif not counted:
        print("no saved views yet: add one with `newsterm views add NAME EXPRESSION`")
    else:
        width = max(len(view.name) for view, _ in counted)
        for view, (total, unread) in counted:
            say(f"{view.name:<{width}}  {unread:>6,} unread {total:>7,} total  {view.expression}")
    return EXIT_OK


def view_json(view: SavedView, total: int, unread: int) -> dict[str, Any]:
    return {"name": view.name, "expression": view.expression, "unread": unread, "total": total}


def _add(context: CliContext, name: str, expression: str) -> int:
    if not name.strip():
        error("a view needs a name")
        return EXIT_PARTIAL
    try:
        parse_filter(expression)
        save_view(context.paths.config_file, name, expression)
    except (FilterError, ConfigEditError) as problem:
        error(str(problem))
        return EXIT_PARTIAL
    say(f"saved view {name!r}: {render(parse_filter(expression))}")
    return EXIT_OK


def _remove(context: CliContext, name: str) -> int:
    try:
        removed = remove_view(context.paths.config_file, name)
    except ConfigEditError as problem:
        error(str(problem))
        return EXIT_PARTIAL
    if not removed:
        error(f"no saved view named {name!r}")
        return EXIT_PARTIAL
    say(f"removed view {name!r}")
    return EXIT_OK


def run_rules(args: argparse.Namespace, context: CliContext) -> int:
    with context.open_store() as store:
        counts = store.hidden_counts()
        total = store.hidden_total()
    if args.json:
        rows = [
            {
                "expression": rule.expression,
                "feeds": list(rule.feeds),
                "tags": list(rule.tags),
                "hidden": hidden,
            }
            for rule, hidden in counts
        ]
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return EXIT_OK
    if not counts:
        print("no kill rules: add [[ignore]] entries to the config (see the README)")
        return EXIT_OK
    for rule, hidden in counts:
        say(f"{hidden:>7,} hidden  {rule.label}")
    print(f"{total:,} stories hidden in all; `newsterm stories --hidden` lists them")
    return EXIT_OK
