"""The uplink to head office: outbox dispatcher (uplink, outbox), REST client (client),
enrollment (enroll, credentials), settings in jxc_meta, the per-data-directory lock and
the backoff. See docs/sync.md. Change-feed downlink and backups are not built yet.

Depends on app.domain and app.persistence.
"""
