"""SMART Hromada: the library behind the dashboard pages, notebooks and tests.

Pages stay thin: they read filters, call functions from this package and render what they get.
"""
