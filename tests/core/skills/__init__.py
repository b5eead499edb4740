"""Tests of core skills."""
