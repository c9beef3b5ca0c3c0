"""Stasiun perekaman e-KTP."""

__version__ = "0.1.0"
