"""Tests of gui setup."""
