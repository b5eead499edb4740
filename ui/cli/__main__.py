"""``python -m ui.cli COMMAND …``: the command line without the desktop app."""

from ui.cli.main import main

raise SystemExit(main())
