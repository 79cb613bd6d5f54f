"""Whether and how this terminal shows pictures: Kitty graphics, Sixel, half-blocks, or not.

textual-image asks the terminal what it supports, and how many pixels a cell has, when
it is imported; once Textual runs, the terminal's answers would go to the app instead.
So `detect()` runs before the app starts (`launch.run_tui`, when the `images` setting
is on), and the reading pane asks `kind()` afterwards. Without a terminal (tests,
pipes) nothing is detected and no picture is shown: only its caption line.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from textual.widget import Widget

KITTY, SIXEL, HALF_BLOCKS = "kitty", "sixel", "half-blocks"

_kind: str | None = None


def detect() -> str | None:
    """Ask the terminal, once, before the app starts; the answer is `kind()`'s."""
    global _kind
    try:
        from textual_image import renderable
        from textual_image.widget import get_cell_size

        get_cell_size()  # measured now, while the terminal can still answer
    except Exception:  # no terminal to ask, or one that answers nonsense: no pictures
        _kind = None
        return None
    kinds = {
        renderable.TGPImage: KITTY,
        renderable.SixelImage: SIXEL,
        renderable.HalfcellImage: HALF_BLOCKS,
    }
    _kind = kinds.get(renderable.Image)  # the Unicode fallback: not a picture
    return _kind


def assume(drawn_as: str | None) -> None:
    """Take `drawn_as` as the answer without asking (a tool drawing screenshots, where
    there is no terminal and half-blocks show in the SVG as they would on screen)."""
    global _kind
    _kind = drawn_as


def kind() -> str | None:
    """How pictures are drawn here, or None when they are not."""
    return _kind


def decode(data: bytes, longest: int = 1600) -> PILImage:
    """The image in `data`, fully decoded and at most `longest` pixels on a side (a
    phone photo is 4,000: scaling it down once spares every redraw). CPU work: run it
    off the event loop."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(data))
    image.load()
    image.thumbnail((longest, longest))
    return image.convert("RGB") if image.mode not in ("RGB", "RGBA", "L") else image


def picture_widget(image: PILImage | IO[bytes], *, id: str | None = None) -> Widget:
    """A widget drawing `image` the way this terminal can (call only when `kind()`)."""
    from textual_image.widget import HalfcellImage, SixelImage, TGPImage

    widgets = {KITTY: TGPImage, SIXEL: SixelImage, HALF_BLOCKS: HalfcellImage}
    return widgets[_kind or HALF_BLOCKS](image, id=id)
