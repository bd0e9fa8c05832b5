"""Benchmarks at scale (issue 14): `make bench` seeds a throwaway database, serves the app with
gunicorn and measures every page over HTTP; `make load` puts 100 users on it at once.

Nothing here is loaded in production: the middleware and the bench URLs are switched on only by
BENCH=true (endorsement/settings.py).
"""
