"""The command line: one module per group of sub-commands; it imports no Qt."""
