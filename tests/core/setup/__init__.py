"""Tests of core setup."""
