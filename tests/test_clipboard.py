"""The clipboard programs, in order, only where their display is."""

from __future__ import annotations

import sys

import pytest

from tui_news.clipboard import copy_text, find_tool


def which_all(name: str) -> str:
    return f"/usr/bin/{name}"


def test_wayland_first_then_x_programs_and_none_without_a_display() -> None:
    found = find_tool({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, which_all)
    assert found is not None and found[0].name == "wl-copy"
    found = find_tool({"DISPLAY": ":0"}, which_all)
    assert found is not None and found[0].name == "xclip"
    found = find_tool({"DISPLAY": ":0"}, lambda name: which_all(name) if name == "xsel" else None)
    assert found is not None and found[0].name == "xsel"
    if sys.platform != "darwin":
        assert find_tool({}, which_all) is None  # over ssh, in a console: OSC 52's turn


def test_nothing_installed_is_none_not_an_error() -> None:
    assert copy_text("x", env={"DISPLAY": ":0"}, which=lambda name: None) is None


@pytest.mark.skipif(sys.platform == "darwin", reason="pbcopy is the real one there")
def test_a_pbcopy_outside_macos_is_not_used() -> None:
    assert find_tool({}, lambda name: which_all(name) if name == "pbcopy" else None) is None
