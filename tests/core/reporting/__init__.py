"""Tests of core reporting."""
