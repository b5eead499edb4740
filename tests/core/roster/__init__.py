"""Tests of core roster."""
