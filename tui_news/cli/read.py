"""`newsterm read URL|FILE…`: the article text and related links of pages.

URLs go through the article cache (a second read is instant and works offline);
saved files are read as they are, with `--url` saying where they came from.
On a terminal the Markdown is rendered by Rich, at most 80 columns wide, with the
date written as the TUI writes it, and it goes through the pager when it is longer
than the screen (`cli/pager.py`); piped, it is printed as plain Markdown text, unwrapped
and unpaged. Page text is never interpreted as Rich markup, and it has been stripped
of escape sequences by the reader before it gets here.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui_news.cli.context import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    CliContext,
    error,
    json_text,
    say,
)
from tui_news.cli.pager import page, terminal_size
from tui_news.core.dates import long_date
from tui_news.core.text import clean_message
from tui_news.core.urls import clean_url, redact_url, without_userinfo

# A URL as it appears in Markdown text or a link target: up to a space or a bracket.
_URL_RE = re.compile(r"(?i)\bhttps?://[^\s()<>\[\]]+")

# Lines longer than this are hard to read; a wider terminal still gets 80 columns.
MAX_WIDTH = 80

if TYPE_CHECKING:
    from rich.text import Text

    from tui_news.reader.article import Article
    from tui_news.reader.service import ArticleReader


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `read` to the parser."""
    parser = commands.add_parser(
        "read",
        help="print the article text and related links of web pages or saved HTML files",
        description=(
            "Fetch each page (or read each saved HTML file), extract its article as Markdown "
            "and list the page's related links. Pages are cached: reading one again is "
            "instant and works offline."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="URL|FILE", help="a page address or file")
    parser.add_argument(
        "--url",
        metavar="BASE",
        default="",
        help="the address a saved FILE came from (its relative links resolve against it)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per input, one per line: input, url, canonical_url, "
        "title, author, date, sitename, language, word_count, reading_minutes, source, reason, "
        "text, related, links",
    )
    parser.add_argument(
        "--refresh", action="store_true", help="ask the site again even if the page is cached"
    )
    parser.set_defaults(handler=run_read)


def run_read(args: argparse.Namespace, context: CliContext) -> int:
    # The reader pulls in trafilatura and aiohttp: only `read` should pay for them.
    from tui_news.reader.service import ArticleReader
    from tui_news.service import Newsterm

    if args.url and not clean_url(args.url):
        # Links would resolve against it, and --json would print it as the page's address.
        error(f"--url {args.url!r} is not an http or https URL")
        return EXIT_USAGE
    with context.open_store() as store:
        reader = ArticleReader(store, Newsterm(context.config).page_limits, in_process=True)
        return asyncio.run(_read_all(reader, args))


async def _read_all(reader: ArticleReader, args: argparse.Namespace) -> int:
    from tui_news.reader.service import ReadError

    status = EXIT_OK
    on_terminal = not args.json and sys.stdout.isatty()
    shown: list[Article] = []  # on a terminal, shown together once all are read
    async with reader:
        for name in args.inputs:
            try:
                article = await _read_one(reader, name, base=args.url, refresh=args.refresh)
            except ReadError as failure:
                error(f"{redact_url(name)}: {failure.message}")
                status = EXIT_PARTIAL
                continue
            if args.json:
                print(json_text(article.to_json()), flush=True)
            elif on_terminal:
                shown.append(article)
            else:
                _show_plain(article, first=not shown)
                shown.append(article)
            if article.unsaved:
                error(f"{redact_url(name)}: {article.unsaved}")
                status = EXIT_PARTIAL
    if on_terminal and shown:
        _show_on_terminal(shown)
    return status


async def _read_one(reader: ArticleReader, name: str, *, base: str, refresh: bool) -> Article:
    from tui_news.reader.service import ReadError

    if name.lower().startswith(("http://", "https://")):
        return await reader.read_url(name, refresh=refresh)
    path = Path(name).expanduser()
    if not path.exists():
        raise ReadError("no such file (and not an http:// or https:// URL)", kind="missing")
    if path.is_dir():
        raise ReadError("is a directory, not an HTML file", kind="missing")
    return await reader.read_file(path, url=base)


def _show_plain(article: Article, *, first: bool) -> None:
    if not first:
        print("\n" + "=" * 72 + "\n")
    say("\n".join(plain_lines(article)))
    sys.stdout.flush()


def plain_lines(article: Article) -> Iterator[str]:
    """The article as plain text: header, Markdown body, links."""
    yield _title(article)
    yield _meta_line(article)
    if article.source == "feed":
        yield f"(from the feed: {article.reason})"
    yield ""
    yield hide_credentials(article.text) or "(no text)"
    yield from _link_lines(article)


def _title(article: Article) -> str:
    return article.title or redact_url(article.url or article.input)


def hide_credentials(markdown: str) -> str:
    """Every URL in the text without its user name and password.

    A page read with a password in its address resolves its relative links against
    it, so each of them carries the password: printed, or as a terminal hyperlink.
    """
    return _URL_RE.sub(lambda match: without_userinfo(match.group()), markdown)


def _meta_line(article: Article, *, date: str | None = None) -> str:
    """Site · author · date · length; `date` as it should be written (else as stored)."""
    written = (article.date or "") if date is None else (date or article.date or "")
    parts = [article.sitename, article.author, written]
    if article.word_count:
        parts.append(f"{article.word_count} words, {article.reading_minutes} min read")
    return " · ".join(part for part in parts if part)


def _link_lines(article: Article) -> Iterator[str]:
    group = None
    if article.related:
        yield ""
        yield "Related links"
    for link in article.related:
        if link.group != group:
            group = link.group
            yield f"  {group}"
        yield f"    {link.title}"
        yield f"      {redact_url(link.url)}"
    if article.links:
        yield ""
        yield "Links in the article"
        for item in article.links:
            yield f"    {item.title}"
            yield f"      {redact_url(item.url)}"


def _show_on_terminal(articles: list[Article]) -> None:
    """Rich's rendering, at most MAX_WIDTH wide; through the pager when taller than the
    screen. Paged text carries no OSC 8 hyperlinks (a pager may show them as junk): links
    read as their text, and the lists under the article give every address."""
    size = terminal_size()
    width = min(MAX_WIDTH, size.columns if size is not None else MAX_WIDTH)
    if size is not None:
        text = _render(articles, width=width, hyperlinks=False)
        if text.count("\n") >= size.lines and page(text):
            return
    _render(articles, width=width, hyperlinks=True, file=sys.stdout)


def _render(
    articles: list[Article], *, width: int, hyperlinks: bool, file: TextIO | None = None
) -> str:
    """The articles as the terminal shows them; returned as text when no `file` is given."""
    # Imported here: only a terminal pays for Rich's Markdown renderer.
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.rule import Rule
    from rich.text import Text

    from tui_news.reader.markdown import link_labels

    buffer = io.StringIO()
    console = Console(
        file=file or buffer,
        width=width,
        force_terminal=True,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for index, article in enumerate(articles):
        if index:
            console.print(Rule())
        # Rich passes ESC and C1 through Text untouched, so cached text is cleaned again here.
        console.print(Text(clean_message(_title(article)), style="bold"))
        meta = _meta_line(article, date=long_date(article.date))
        console.print(Text(clean_message(meta), style="dim"))
        if article.source == "feed":
            console.print(Text(clean_message(f"From the feed: {article.reason}"), style="yellow"))
        console.print()
        body = clean_message(hide_credentials(article.text) or "(no text)")
        console.print(Markdown(body if hyperlinks else link_labels(body), hyperlinks=hyperlinks))
        console.print(_rich_links(article, hyperlinks=hyperlinks))
    return buffer.getvalue()


def _rich_links(article: Article, *, hyperlinks: bool) -> Text:
    """The sidebar's groups: headings in bold, headlines as terminal hyperlinks."""
    from rich.style import Style
    from rich.text import Text

    from tui_news.reader.pictures import in_markdown

    text = Text()
    related = [(clean_message(r.group), clean_message(r.title), r.url) for r in article.related]
    in_text = [("", clean_message(link.title), link.url) for link in article.links]
    shown = [("", clean_message(p.caption), p.url) for p in in_markdown(article.text)]
    sections = [
        ("Related links", related),
        ("Links in the article", in_text),
        ("Pictures", shown),
    ]
    for heading, items in sections:
        if not items:
            continue
        text.append(f"\n{heading}\n", style="bold underline")
        group = None
        for name, title, url in items:
            if name and name != group:
                group = name
                text.append(f"  {name}\n", style="bold")
            # A cached URL is re-checked: it becomes an OSC 8 sequence on the terminal.
            target = without_userinfo(clean_url(url)) if hyperlinks else ""
            text.append(f"    {title}\n", style=Style(link=target or None))
            text.append(f"      {clean_message(redact_url(url))}\n", style="dim")
    return text
