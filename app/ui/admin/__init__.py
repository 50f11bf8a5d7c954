"""The Admin section: users and roles, the audit viewer, backups and health (issue 6)."""
