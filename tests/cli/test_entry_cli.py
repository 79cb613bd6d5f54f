"""The command line itself, before any subcommand runs: what `newsterm` prints and
returns for the global options alone (the entry decides between the app and the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_news import __version__
from tui_news.entry import main


def run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(words))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version_is_printed_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out == f"newsterm {__version__}\n"
    assert err == ""


def test_a_global_option_missing_its_value_is_one_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--data-dir")
    assert code == 2
    assert out == ""
    assert err.count("usage:") == 1
    assert err.count("expected one argument") == 1


def test_demo_with_a_command_is_a_usage_error_not_the_real_cache(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # It ran the command on the real data directory (a traceback when that was unusable).
    data = tmp_path / "data"
    code, out, err = run(capsys, "--demo", "--data-dir", str(data), "feeds")
    assert code == 2
    assert out == "" and err.count("usage:") == 1
    assert "--demo" in err.splitlines()[-1]
    assert not data.exists()


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input and output on a terminal, as the app needs them (in the test's
    body: capsys puts its own stdout in place once the fixtures are set up)."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)


def test_ctrl_c_while_the_app_starts_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before Textual takes the terminal (the preview, the imports), Ctrl-C is Python's.
    def interrupted(data_dir: Path | None, demo: bool) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("tui_news.ui.launch.run_tui", interrupted)
    on_a_terminal(monkeypatch)
    code, _, err = run(capsys, "--data-dir", str(tmp_path))
    assert code == 130
    assert err == "newsterm: interrupted\n"


def test_the_app_without_a_terminal_is_a_usage_error_not_a_hang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `newsterm` from cron or a pipe ran the app with no keyboard to end it, busy: a core
    # at 90% for as long as nobody noticed (39 minutes here, until it was killed).
    started: list[bool] = []
    monkeypatch.setattr("tui_news.ui.launch.run_tui", lambda data_dir, demo: started.append(True))
    code, out, err = run(capsys, "--data-dir", str(tmp_path))
    assert code == 2 and not started
    assert out == ""
    assert err == (
        "newsterm: the app needs a terminal; from a script or cron name a command "
        "(newsterm refresh, newsterm --help)\n"
    )
