"""Metric queries, one module per subject; each takes a connection and returns data."""
