"""Tests of gui reports."""
