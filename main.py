"""Entry point: hands the command line to ui.cli, nothing else."""

import sys

from ui.cli import main

if __name__ == "__main__":
    sys.exit(main())
