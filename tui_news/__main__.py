"""Allow `python -m tui_news`."""

from tui_news.entry import main

raise SystemExit(main())
