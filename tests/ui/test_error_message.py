"""What the app says about a failure: the user's own line, or a bug named as one."""

from __future__ import annotations

from tui_news.core.errors import CacheError
from tui_news.ui.text import error_message


def test_a_user_facing_error_is_its_own_line_and_anything_else_is_named_a_bug() -> None:
    assert error_message(CacheError("database is locked [x]")) == "database is locked [x]"
    assert error_message(KeyError("story")) == (
        "'story' (an unexpected KeyError: a bug in newsterm)"
    )
    assert (
        error_message(ValueError("")) == "ValueError (an unexpected ValueError: a bug in newsterm)"
    )
