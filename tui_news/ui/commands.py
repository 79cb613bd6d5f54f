"""Every command newsterm offers: one record each, with a stable id users can remap.

A command's id is its binding id, so `keys = {next_unread = "ctrl+n"}` in the config
file reaches it through `App.set_keymap`. The same records feed the screen's
bindings, the footer (which panes show a hint), the help screen and the command
palette (`palette.py`), so none of them can drift from the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding

FEEDS, LIST, READER, RELATED = "feeds", "list", "reader", "related"
EVERYWHERE = (FEEDS, LIST, READER, RELATED)


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    """One user-facing command.

    `action` runs on the main screen: one of its own, or `run('helper.method', …)` for
    work a helper of the screen owns. A movement command has none: each pane binds its
    id to its own action. `footer` names the panes whose footer shows the hint.
    """

    id: str
    keys: str
    label: str
    help: str
    section: str
    action: str = ""
    footer: tuple[str, ...] = ()
    palette: bool = True

    def binding(self, action: str | None = None, *, show: bool | None = None) -> Binding:
        visible = bool(self.footer) if show is None else show
        return Binding(self.keys, action or self.action, self.label, show=visible, id=self.id)


# Movement happens inside the focused pane; each pane binds these ids to its own action.
MOVE_COMMANDS: tuple[Command, ...] = (
    Command(
        id="down",
        keys="j,down",
        label="Down",
        help="Move down (scroll in the reading pane)",
        section="Move",
    ),
    Command(
        id="up",
        keys="k,up",
        label="Up",
        help="Move up (scroll in the reading pane)",
        section="Move",
    ),
    Command(
        id="page_down",
        keys="space,pagedown",
        label="Page",
        help="Page down; at the end of an article, open the next unread story",
        section="Move",
        footer=(READER,),
    ),
    Command(
        id="page_up",
        keys="b,pageup",
        label="Page up",
        help="Page up",
        section="Move",
    ),
    Command(
        id="top",
        keys="g,home",
        label="Top",
        help="Go to the top",
        section="Move",
    ),
    Command(
        id="bottom",
        keys="G,end",
        label="Bottom",
        help="Go to the bottom",
        section="Move",
    ),
    Command(
        id="open",
        keys="enter",
        label="Open",
        help="Open the story (list) or the link (sidebar) in the reading pane",
        section="Move",
        footer=(LIST, RELATED),
    ),
)

SCREEN_COMMANDS: tuple[Command, ...] = (
    Command(
        id="focus_feeds",
        keys="0",
        action="run('panes.focus', 'feeds')",
        label="Feeds",
        help="Focus the feed list (shows it if folded away)",
        section="Panes",
    ),
    Command(
        id="focus_list",
        keys="1",
        action="run('panes.focus', 'list')",
        label="List",
        help="Focus the story list",
        section="Panes",
    ),
    Command(
        id="focus_reader",
        keys="2",
        action="run('panes.focus', 'reader')",
        label="Reader",
        help="Focus the reading pane (then j/k and space scroll the article)",
        section="Panes",
        footer=(LIST,),
    ),
    Command(
        id="focus_related",
        keys="3",
        action="run('panes.focus', 'related')",
        label="Related",
        help="Focus the related-links sidebar (shows it if folded away)",
        section="Panes",
        footer=(READER,),
    ),
    Command(
        id="focus_next",
        keys="tab",
        action="run('panes.cycle', 1)",
        label="Next pane",
        help="Focus the next pane",
        section="Panes",
    ),
    Command(
        id="focus_previous",
        keys="shift+tab",
        action="run('panes.cycle', -1)",
        label="Previous pane",
        help="Focus the previous pane",
        section="Panes",
    ),
    Command(
        id="toggle_related",
        keys="t",
        action="run('panes.toggle', 'related')",
        label="Sidebar",
        help="Show or hide the related-links sidebar",
        section="Panes",
    ),
    Command(
        id="toggle_feeds",
        keys="F",
        action="run('panes.toggle', 'feeds')",
        label="Feed list",
        help="Show or hide the feed list",
        section="Panes",
    ),
    Command(
        id="back",
        keys="backspace,alt+left",
        action="run('reading.back')",
        label="Back",
        help="Back to what the reading pane showed, where you left it",
        section="Reading",
        footer=(READER, RELATED),
    ),
    Command(
        id="forward",
        keys="alt+right",
        action="run('reading.forward')",
        label="Forward",
        help="Forward again after going back",
        section="Reading",
    ),
    Command(
        id="next_unread",
        keys="n",
        action="run('unread.next_unread', 1)",
        label="Next unread",
        help="Open the next unread story (round the view, then the next feed or tag)",
        section="Stories",
        footer=(LIST,),
    ),
    Command(
        id="previous_unread",
        keys="N",
        action="run('unread.next_unread', -1)",
        label="Prev unread",
        help="Open the previous unread story (round the view, then the previous feed or tag)",
        section="Stories",
    ),
    Command(
        id="toggle_read",
        keys="m",
        action="run('story_actions.toggle_read')",
        label="Read",
        help="Mark the story read or unread (kept unread: opening it again leaves it so)",
        section="Stories",
        footer=(LIST,),
    ),
    Command(
        id="toggle_star",
        keys="s",
        action="run('story_actions.toggle_star')",
        label="Star",
        help="Star or unstar the story",
        section="Stories",
        footer=(LIST, READER),
    ),
    Command(
        id="mark_all_read",
        keys="A",
        action="run('story_actions.mark_all_read')",
        label="All read",
        help="Mark every story in this view read (asks first)",
        section="Stories",
    ),
    Command(
        id="mark_older_read",
        keys="M",
        action="run('story_actions.mark_older_read')",
        label="Older read",
        help="Mark the stories below the highlighted one (older) read",
        section="Stories",
    ),
    Command(
        id="undo",
        keys="u",
        action="run('story_actions.undo')",
        label="Undo",
        help="Undo the last m, s, A or M (again for the one before)",
        section="Stories",
    ),
    Command(
        id="open_browser",
        keys="o",
        action="run('links.open_current')",
        label="Browser",
        help="Open the current link in the browser (config browser, else $BROWSER)",
        section="Reading",
        footer=(READER, RELATED),
    ),
    Command(
        id="copy_url",
        keys="y",
        action="run('links.copy')",
        label="Copy URL",
        help="Copy the current link (wl-copy, xclip, xsel or pbcopy; else OSC 52)",
        section="Reading",
        footer=(READER,),
    ),
    Command(
        id="search",
        keys="slash",
        action="search",
        label="Search",
        help="Search story titles and article text",
        section="Views",
        footer=(LIST,),
    ),
    Command(
        id="clear_search",
        keys="escape",
        action="clear_search",
        label="Clear",
        help="Clear the search",
        section="Views",
        footer=(LIST,),
    ),
    Command(
        id="unread_only",
        keys="U",
        action="toggle_unread_only",
        label="Unread only",
        help="Show only the unread stories of any view, or all of them again",
        section="Views",
    ),
    Command(
        id="choose_view",
        keys="f",
        action="run('feed_actions.choose_view')",
        label="Views",
        help="Choose a view: All, Unread, Starred, a saved search, a tag or a feed",
        section="Views",
        footer=(LIST,),
    ),
    Command(
        id="save_view",
        keys="v",
        action="run('saved_searches.save_current')",
        label="Save view",
        help="Save what the list shows as a view (a saved search)",
        section="Views",
    ),
    Command(
        id="toggle_hidden",
        keys="H",
        action="run('saved_searches.toggle_hidden')",
        label="Hidden",
        help="Show or hide the stories kill rules hide",
        section="Views",
    ),
    Command(
        id="refresh_feed",
        keys="r",
        action="run('refreshing.refresh_shown')",
        label="Refresh",
        help="Refresh the feed or tag shown, else the highlighted story's feed",
        section="Feeds",
        footer=(LIST,),
    ),
    Command(
        id="refresh_all",
        keys="R",
        action="run('refreshing.refresh_all')",
        label="Refresh all",
        help="Refresh every feed in the background",
        section="Feeds",
    ),
    Command(
        id="add_feed",
        keys="a",
        action="run('feed_actions.add_feed')",
        label="Add feed",
        help="Subscribe to a feed (a site address works too)",
        section="Feeds",
    ),
    Command(
        id="edit_feed",
        keys="e",
        action="run('feed_actions.edit_feed')",
        label="Edit feed",
        help="Edit the current feed: title, tags, full text, address",
        section="Feeds",
    ),
    Command(
        id="delete_feed",
        keys="d",
        action="run('feed_actions.delete_feed')",
        label="Delete feed",
        help="Unsubscribe from the current feed (asks first)",
        section="Feeds",
    ),
    Command(
        id="help",
        keys="question_mark",
        action="help",
        label="Help",
        help="Show every key",
        section="App",
        footer=EVERYWHERE,
    ),
    Command(
        id="quit",
        keys="q",
        action="quit",
        label="Quit",
        help="Quit newsterm",
        section="App",
        footer=EVERYWHERE,
    ),
)

ALL_COMMANDS: tuple[Command, ...] = MOVE_COMMANDS + SCREEN_COMMANDS
BY_ID: Mapping[str, Command] = {command.id: command for command in ALL_COMMANDS}
