"""Every built-in Textual theme keeps the story list and reading pane readable.

The theme is the user's choice (command palette → theme), so no colour here may be
fixed: a hard-coded or wrongly resolved colour shows as text that (nearly) vanishes
into its background in some theme. The check reads the colours of the composited
screen, cell run by cell run, as the terminal would draw them.
"""

from __future__ import annotations

from rich.color import Color
from textual.geometry import Region
from textual.widget import Widget

from tests.ui.conftest import AppFactory, World, listed, open_story
from tui_news.ui.app import NewstermApp

# Every element of an article body the Markdown widget styles from the theme.
ARTICLE = """\
# A heading

Some **bold** and *italic* text with a [link](https://example.test/a) and `inline code`.

## A smaller heading

> A quotation from someone in the story.

- a list item
- another item

```python
print("code block")
```

| Column | Other |
|--------|-------|
| cell   | cell  |
"""
# Muted text (ages, read stories, the article URL) is meant to be faint, not invisible:
# Textual's $text-muted gives 2:1 or more; a colour that ignores the theme drops to ~1.3.
MIN_CONTRAST = 1.6
# Table rules in the article are decoration, drawn faint on purpose.
BOX = " ─│┌┐└┘├┤┬┴┼╭╮╰╯"


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color.get_truecolor())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: Color, bg: Color) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def faint_text(app: NewstermApp, widget: Widget) -> list[str]:
    """The visible text in the widget's region drawn too close to its background."""
    region: Region = widget.content_region
    strips = app.screen._compositor.render_strips()
    found = []
    for strip in strips[region.y : region.bottom]:
        line = strip.crop(region.x, region.right)
        for segment in line:
            text, style = segment.text, segment.style
            if not text.strip(BOX) or style is None or style.color is None:
                continue
            if style.bgcolor is None or style.dim:  # dim is blended by the terminal
                continue
            if style.color.triplet is None or style.bgcolor.triplet is None:
                continue  # ANSI themes: the terminal's own palette decides
            ratio = contrast(style.color, style.bgcolor)
            if ratio < MIN_CONTRAST:
                found.append(f"{text.strip()!r} {style.color.name} on {style.bgcolor.name}")
    return found


async def test_list_and_article_are_readable_in_every_builtin_theme(
    make_app: AppFactory, world: World
) -> None:
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        screen = await open_story(pilot, app)
        await screen.reader.body.update(ARTICLE)
        await pilot.press("j", "j")  # the cursor on an unread row, a read row above it
        await pilot.pause()
        problems: dict[str, list[str]] = {}
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            for pane in (screen.stories, screen.reader, screen.related):
                if faint := faint_text(app, pane):
                    problems.setdefault(theme, []).extend(faint[:3])
        assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


async def test_theme_change_redraws_the_list_in_the_new_colours(
    make_app: AppFactory, world: World
) -> None:
    """The list caches its rendered lines; a new theme must not leave old colours behind."""
    app = make_app()
    async with app.run_test(size=(150, 36)) as pilot:
        await listed(pilot, app)
        assert app.main_screen is not None
        stories = app.main_screen.stories
        app.theme = "textual-dark"
        await pilot.pause()
        dark = list(stories.render_line(1))[-1].style
        app.theme = "textual-light"
        await pilot.pause()
        light = list(stories.render_line(1))[-1].style
        assert dark is not None and light is not None
        assert dark.bgcolor != light.bgcolor and dark.color != light.color
