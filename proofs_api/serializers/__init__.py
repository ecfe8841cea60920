"""Serializers by resource: galleries (and photos), sharing, accounts (tokens, webhooks)."""
