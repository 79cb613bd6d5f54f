"""Which key hints the footer shows when they do not all fit: the least useful go first.

Textual's footer cuts whatever overflows on the right, half a label included. The
main screen instead ranks its hints and keeps the most useful ones that fit whole, so
help, open, next unread, refresh and quit survive down to 64 columns. The widths
follow Textual's `FooterKey` styles: "key label" plus one column of margin when
compact, " key label " when not.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode

from tui_news.ui.commands import BY_ID, SCREEN_COMMANDS

# Most useful first. A hint whose id is not here ranks after all of these.
FOOTER_RANK: tuple[str, ...] = (
    "help",
    "quit",
    "open",
    "page_down",
    "next_unread",
    "refresh_feed",
    "back",
    "focus_list",  # shown only while the sidebar stands in the list's place
    "clear_search",
    "open_browser",
    "search",
    "choose_view",
    "toggle_star",
    "toggle_read",
    "focus_reader",
    "focus_related",
    "copy_url",
)
_RANK = {command_id: rank for rank, command_id in enumerate(FOOTER_RANK)}

_SCREEN_COMMAND_IDS = frozenset(command.id for command in SCREEN_COMMANDS)

# "▏^p palette" on the right (border, key, label, padding or margin).
PALETTE_HINT_WIDTH = 13


def hint_width(key: str, label: str, *, compact: bool) -> int:
    return cell_len(key) + cell_len(label) + (2 if compact else 3)


def fit_hints(
    bindings: Mapping[str, ActiveBinding],
    room: int,
    key_display: Callable[[Binding], str],
    *,
    compact: bool,
) -> dict[str, ActiveBinding]:
    """`bindings` with the shown hints that do not fit in `room` columns hidden.

    Hints are taken in rank order until one does not fit; it and every less useful
    hint are hidden, so a wider terminal never shows a less useful hint in place of a
    more useful one. The footer shows one hint per action (its first key), and so
    does the count here.
    """
    first_key: dict[str, str] = {}
    for key, active in bindings.items():
        if active.binding.show:
            first_key.setdefault(active.binding.action, key)
    ranked = sorted(first_key.values(), key=lambda key: _rank(bindings[key].binding))
    kept: set[str] = set()
    used = 0
    for key in ranked:
        binding = bindings[key].binding
        used += hint_width(key_display(binding), binding.description, compact=compact)
        if used > room:
            break
        kept.add(binding.action)
    fitted = dict(bindings)
    for key, active in bindings.items():
        if active.binding.show and active.binding.action not in kept:
            fitted[key] = active._replace(binding=replace(active.binding, show=False))
    return fitted


def _rank(binding: Binding) -> int:
    return _RANK.get(str(binding.id), len(FOOTER_RANK))


def pane_hints(
    bindings: Mapping[str, ActiveBinding],
    *,
    owner: DOMNode,
    pane: str,
    typing: bool,
    room: int | None,
    key_display: Callable[[Binding], str],
    compact: bool,
    also: Collection[str] = (),
) -> dict[str, ActiveBinding]:
    """The hints of `owner`'s commands for the focused `pane`, help first, cut to `room`.

    `typing` (in the search box) hides the search hint: "/" types a slash there. `also`
    names commands hinted in any pane for now (`1` while the list is folded). With
    `room` None (nothing laid out yet) nothing is cut.
    """
    shown = dict(bindings)
    for key, active in bindings.items():
        binding = active.binding
        if active.node is not owner or binding.id not in _SCREEN_COMMAND_IDS:
            continue
        if binding.id in also:
            shown[key] = active._replace(binding=replace(binding, show=True))
            continue
        hidden = binding.show and pane not in BY_ID[str(binding.id)].footer
        if hidden or (typing and binding.id == "search"):
            shown[key] = active._replace(binding=replace(binding, show=False))
    # Help leads: the one key that leads to every other.
    first = {k: v for k, v in shown.items() if v.binding.id == "help"}
    ordered = first | {k: v for k, v in shown.items() if k not in first}
    if room is None:
        return ordered
    return fit_hints(ordered, room, key_display, compact=compact)
