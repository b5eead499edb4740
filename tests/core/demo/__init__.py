"""Tests of core demo."""
