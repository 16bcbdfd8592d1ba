"""``python -m desktop_app``: the window, or a subcommand (import, export, info, ...)."""

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
