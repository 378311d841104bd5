"""Signals other apps may connect to (they import us; we never import them)."""

from django.dispatch import Signal

# Sent after the transaction that awarded a badge commits: kwargs `user`, `award`, `badge`.
# `community` connects a receiver to notify the member.
badge_awarded = Signal()
