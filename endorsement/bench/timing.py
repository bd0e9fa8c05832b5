"""Server-side time and SQL of each request, as response headers (only with BENCH=true).

    Server-Timing: total;dur=12.3, sql;dur=4.5;desc="7 queries"
    X-Bench-Queries: 7

The middleware is the outermost one, so ``total`` is everything Django does for the request
(every middleware, the view, the template, the session save); the SQL comes from
``connection.execute_wrapper``, so it counts every query the request makes.
"""
import time

from django.db import connection


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        spent = {"queries": 0, "sql": 0.0}

        def measure(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent["queries"] += 1
                spent["sql"] += time.perf_counter() - started

        started = time.perf_counter()
        with connection.execute_wrapper(measure):
            response = self.get_response(request)
        total = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = (f"total;dur={total:.2f}, sql;dur={spent['sql'] * 1000:.2f};"
                                     f"desc=\"{spent['queries']} queries\"")
        response["X-Bench-Queries"] = str(spent["queries"])
        return response


def parse(header: str) -> tuple[float, float, int]:
    """(total ms, SQL ms, queries) from a Server-Timing header this middleware wrote."""
    total = sql = 0.0
    queries = 0
    for part in header.split(","):
        name, *params = [p.strip() for p in part.split(";")]
        values = dict(p.split("=", 1) for p in params if "=" in p)
        if name == "total":
            total = float(values.get("dur", 0))
        elif name == "sql":
            sql = float(values.get("dur", 0))
            queries = int(values.get("desc", "0 q").strip('"').split()[0])
    return total, sql, queries
