"""The Commission's session: segments, days, rooms, meeting blocks and its rules."""
