"""Tests of gui attendees."""
