"""Outbox dispatcher, REST uplink to head office, change-feed downlink and backups.

Depends on app.domain and app.persistence. (Arrives with head office sync, issue 5.)
"""
