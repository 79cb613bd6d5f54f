"""How the panes look: borders, headings, the article's URL and meta lines, the sidebar's
cursor, the list's feed column and dates (issue 11, items 3 and 4)."""

from __future__ import annotations

from rich.color import Color
from rich.style import Style
from textual.color import Color as TextualColor
from textual.widget import Widget
from textual.widgets import Markdown

from tests.ui.conftest import (
    AppFactory,
    Entry,
    FeedSpec,
    World,
    fill_store,
    listed,
    open_story,
    screen_text,
    wait_for,
)
from tests.ui.test_themes import contrast
from tui_news.core.storage import Store
from tui_news.ui.app import NewstermApp
from tui_news.ui.views import feed_view
from tui_news.ui.widgets.reading_pane import Heading

LONG_URL = (
    "https://www.example.com/news/world/2023/11/14/harbour-cranes-return-to-the-old-port"
    "?utm_source=rss&utm_medium=feed&id=7"
)


def style_at(app: NewstermApp, x: int, y: int) -> Style:
    """The style of the cell at (x, y) as the terminal would draw it."""
    strip = app.screen._compositor.render_strips()[y]
    for segment in strip.crop(x, x + 1):
        if segment.style is not None:
            return segment.style
    raise AssertionError(f"nothing drawn at {x},{y}")


def border_style(app: NewstermApp, widget: Widget) -> Style:
    region = widget.region
    return style_at(app, region.x, region.y + 1)  # the left edge, below the title


async def test_unfocused_borders_are_dim_but_visible_and_focus_lights_them(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        screen = await open_story(pilot, app)
        screen.stories.focus()
        await pilot.pause()
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            dim = border_style(app, screen.reader)
            assert dim.color is not None and dim.bgcolor is not None
            if dim.color.triplet is None or dim.bgcolor.triplet is None:
                continue  # ANSI themes: the terminal's palette decides
            assert contrast(dim.color, dim.bgcolor) >= 1.3, theme
            lit = border_style(app, screen.list_pane)
            assert lit.color is not None
            assert contrast(lit.color, dim.bgcolor) > contrast(dim.color, dim.bgcolor), theme


async def test_article_headings_are_bold_in_the_accent_colour_not_underlined_like_links(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        screen = await open_story(pilot, app)
        await screen.reader.body.update("## A heading\n\nText with [a link](https://x.test/).")
        await pilot.pause()
        heading = screen.reader.body.query_one("MarkdownH2")
        style = heading.rich_style
        accent = TextualColor.parse(app.theme_variables["text-accent"]).rich_color
        assert style.bold and not style.underline
        assert style.color == Color.from_triplet(accent.get_truecolor())
        assert isinstance(screen.reader.body, Markdown)


async def test_the_article_url_is_one_short_line_without_tracking(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await listed(pilot, app)
        screen.reader.show_article(Heading(title="Cranes", url=LONG_URL), "Some text.")
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if "example.com/" in line]
        assert len(lines) == 1, lines  # never broken over two lines
        (line,) = lines
        assert "utm_" not in line and "https://" not in line and "www." not in line
        assert "example.com/…/harbour-cranes-return" in line


async def test_the_meta_line_breaks_between_its_parts_only(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(64, 34)) as pilot:  # stacked: the reader is 64 wide
        screen = await listed(pilot, app)
        parts = ["The Harbour and River Times", "Dock Writer", "Tue 14 Nov 2023, 20:00"]
        source, author, date = parts
        heading = Heading("Cranes", "x.test/a", source, author, date, minutes=12)
        screen.reader.show_article(heading, "Some text.")
        await pilot.pause()
        text = screen_text(app)
        for part in [*parts, "12 min read"]:
            assert part in text, part  # each part whole on one line


async def test_the_sidebar_shows_its_cursor_only_while_focused(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 36)) as pilot:
        screen = await open_story(pilot, app)
        sidebar = screen.related
        highlighted = sidebar.highlighted
        assert highlighted is not None
        y = sidebar.content_region.y + highlighted - sidebar.scroll_offset.y
        x = sidebar.content_region.x + 2
        plain = style_at(app, x, sidebar.content_region.bottom - 1).bgcolor
        assert style_at(app, x, y).bgcolor == plain  # unfocused: nothing looks chosen
        await pilot.press("3")
        await wait_for(pilot, lambda: sidebar.has_focus)
        assert style_at(app, x, y).bgcolor != plain


async def test_feed_names_take_the_longest_names_width_and_vanish_in_a_feed_view(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 30)) as pilot:  # a list wide enough for one line
        screen = await listed(pilot, app)
        rows = [line for line in screen_text(app).splitlines() if "Harbour cranes return" in line]
        assert "World Wire   Harbour cranes return" in rows[0]  # "Broken Feed" is 11 wide
        screen.set_view(feed_view(screen.backend.store.feed(world.feeds["World Wire"])))
        await wait_for(pilot, lambda: len(screen.stories.ids) == 3)
        rows = [line for line in screen_text(app).splitlines() if "Harbour cranes return" in line]
        assert "World Wire" not in rows[0]


async def test_old_stories_show_day_and_month_and_the_year_once_it_is_past(
    make_app: AppFactory, world: World
) -> None:
    day = 24 * 60
    with Store(world.paths.database) as store:
        old = FeedSpec(
            "Archive",
            "http://127.0.0.1:9/archive.xml",
            [Entry("Last month's story", 30 * day), Entry("A story from years ago", 2000 * day)],
        )
        fill_store(store, world.base_url, [old], world)
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        await listed(pilot, app, 9)
        text = screen_text(app)
        assert "15 Oct" in text  # 30 days before 14 Nov 2023
        assert "24 May '18" in text
