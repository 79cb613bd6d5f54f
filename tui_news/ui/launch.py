"""`newsterm` with no subcommand: open the cache, maybe subscribe defaults, run the TUI."""

from __future__ import annotations

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
    _first_run_defaults(paths.database, config)
    with preview(paths.database, config.ignore):  # the newest stories on screen while Textual loads
        from tui_news.ui.app import build_app

        app = build_app(paths, config, problems=problems)
    app.run()
    return app.return_code or 0


def _first_run_defaults(database: Path, config: Config) -> None:
    """A new user starts with a few subscriptions rather than an empty screen."""
    with Store(database) as store:
        if store.feed_count():
            return
        from tui_news.service import Newsterm

        Newsterm(config).subscribe_defaults(store)


def _run_demo() -> int:
    """Bundled sample feeds served from 127.0.0.1, in a cache thrown away on exit."""
    from tui_news.demo.session import DEMO_PORT, demo_session
    from tui_news.ui.app import build_app

    with demo_session(port=DEMO_PORT) as session:
        paths = AppPaths.default(Path(session.data_dir)).ensure()
        with Store(paths.database) as store:
            session.subscribe(store)
        config = Config(refresh_on_start=True, auto_refresh_minutes=0)
        app = build_app(paths, config, title="newsterm demo", remember_theme=False)
        app.run()
        return app.return_code or 0
