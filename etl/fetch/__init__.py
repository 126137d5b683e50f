"""Fetching the hromada's published data from the official sources: `python -m etl fetch`."""
