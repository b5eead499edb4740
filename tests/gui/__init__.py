"""Tests of the screens (offscreen Qt)."""
