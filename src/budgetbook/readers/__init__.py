"""Readers: one per source format."""
