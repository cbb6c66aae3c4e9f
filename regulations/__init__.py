"""Shipped rule files: one folder per instrument, one YAML file per version."""
