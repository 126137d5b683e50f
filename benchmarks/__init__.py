"""Benchmarks: run from the project root with `python -m benchmarks.<name>`."""
