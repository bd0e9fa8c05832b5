"""The IMH-E® / ECMH-E® Endorsement system: project package and core domain."""
from .celery import app as celery_app

__all__ = ("celery_app",)
