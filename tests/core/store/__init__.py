"""Tests of core store."""
