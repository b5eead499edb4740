"""Tests of core checkin."""
