"""Demo data: deterministic files in the real published formats (openbudget exports, Prozorro OCDS, the
codifier, council votes, participation, weather, utility readings, boundaries) for a hromada that has loaded
nothing yet. They go through the same build as real files and are marked as demo data on every page.

Kept apart from the build (etl), which never imports it: `python -m etl demo` is the one door in.
"""
