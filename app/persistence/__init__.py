"""Storage adapters: the SQLCipher store, its schema, migrations and repositories."""
