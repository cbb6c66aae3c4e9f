"""Shipped election calendars."""
