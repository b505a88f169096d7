"""High-level and regular side events: applications, the first-come-first-served queue, the schedule."""
