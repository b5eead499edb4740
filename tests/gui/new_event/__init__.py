"""Tests of gui new_event."""
