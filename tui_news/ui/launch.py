"""`newsterm` with no subcommand: run the TUI (which welcomes a user with no
subscriptions), or the demo, asked for with --demo or chosen on the welcome screen."""

from __future__ import annotations

import sys
from pathlib import Path

from tui_news.config import Config, load_config
from tui_news.core.storage import Store
from tui_news.paths import AppPaths
from tui_news.ui.preview import preview


def run_tui(data_dir: Path | None, demo: bool) -> int:
    """Run the TUI until the user quits; returns the process exit status."""
    if demo:
        return _run_demo()
    paths = AppPaths.default(data_dir).ensure()
    config, problems = load_config(paths.config_file)
    # The newest stories on screen while Textual loads.
    with preview(paths.database, config.ignore, measure=config.text_width):
        if config.images:
            # Asked before Textual reads the terminal (it takes the answers after).
            from tui_news.ui.images import detect

            detect()
        from tui_news.ui.app import build_app

        app = build_app(paths, config, problems=problems)
    result = app.run()
    # Imported only now: it imports Textual, which the preview is there not to wait for.
    from tui_news.ui.screens.first_run import DEMO

    if result == DEMO:
        return _run_demo()
    if app.exit_line:
        print(app.exit_line, file=sys.stderr)
    return app.return_code or 0


def _run_demo() -> int:
    """Bundled sample feeds served from 127.0.0.1, in a cache thrown away on exit."""
    from tui_news.demo.session import DEMO_PORT, demo_session
    from tui_news.ui.app import build_app
    from tui_news.ui.images import detect

    detect()
    with demo_session(port=DEMO_PORT) as session:
        paths = AppPaths.default(Path(session.data_dir)).ensure()
        with Store(paths.database) as store:
            session.subscribe(store)
        config = Config(refresh_on_start=True, auto_refresh_minutes=0)
        app = build_app(paths, config, title="newsterm demo", remember_theme=False)
        app.run()
        return app.return_code or 0
