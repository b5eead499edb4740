"""Tests of the renderers: files read back."""
