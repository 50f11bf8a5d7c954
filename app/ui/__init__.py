"""The PySide6 desktop app. Thin: screens call services only through `ops.OpsRunner`."""
