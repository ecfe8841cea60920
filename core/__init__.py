"""Plumbing every app shares and no app owns: ids, the event bus, background loops, the
read-only admin base. No business rules live here, and nothing here imports an app."""
