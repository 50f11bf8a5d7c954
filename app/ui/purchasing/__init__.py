"""Purchasing (采购): orders, receiving, returns to suppliers. See docs/back-office.md."""
