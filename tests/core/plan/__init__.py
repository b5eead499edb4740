"""Tests of core plan."""
