"""Tests of gui checkin."""
