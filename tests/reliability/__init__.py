"""Tests that the event file survives kills and concurrent stations."""
