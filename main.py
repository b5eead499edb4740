"""Entry point: hands the command line to ui.launch, nothing else."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
