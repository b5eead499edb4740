"""Tests of the core, one folder per domain."""
