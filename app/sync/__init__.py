"""Sync with head office: the outbox dispatcher (uplink, outbox), the change-feed downlink
(downlink), the background loop (worker), the REST client (client), enrollment (enroll,
credentials), settings in jxc_meta, the per-data-directory lock and the backoff. See
docs/sync.md. Backups live in app/persistence/backup.py and app/services/backup.

Depends on app.domain and app.persistence.
"""
