"""Tests of gui plan."""
