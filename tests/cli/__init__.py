"""Tests of the command line, run in-process."""
