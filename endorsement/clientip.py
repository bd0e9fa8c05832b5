"""The visitor's real address, also behind one or more reverse proxies.

Behind a proxy every request comes from the proxy, so rate limits keyed on REMOTE_ADDR would
lock everyone out together. ``TRUSTED_PROXY_COUNT`` says how many proxies we run in front of
the app; ``CLIENT_IP_HEADER`` which header they write. With X-Forwarded-For each trusted proxy
appends the address it saw, so the client is the N-th entry from the right: anything further
left was written by the client and is ignored (a forged header changes nothing). Without a
configured proxy the header is never read.
"""
import ipaddress
import logging

from django.conf import settings

log = logging.getLogger(__name__)
FORWARDED_FOR = "x-forwarded-for"


def _address(value: str) -> str | None:
    """A normalised IP address, or None. Accepts "1.2.3.4:5678" and "[::1]:443"."""
    value = (value or "").strip().strip('"')
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    header = settings.CLIENT_IP_HEADER.lower()
    raw = request.headers.get(header, "")
    if header != FORWARDED_FOR:
        # A header the proxy sets (not appends to), e.g. X-Real-IP.
        return _address(raw.split(",")[-1]) or remote
    hops = [part.strip() for part in raw.split(",") if part.strip()]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not pass all of them. Use the outermost
        # address we have rather than fail (a 500 would lock people out too).
        if hops:
            log.warning("X-Forwarded-For has %d entries, TRUSTED_PROXY_COUNT is %d",
                        len(hops), count)
        return _address(hops[0]) if hops and _address(hops[0]) else remote
    return _address(hops[-count]) or remote
