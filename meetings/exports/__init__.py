"""Exports: functions that return bytes (.ics, .pdf); views only send them."""
