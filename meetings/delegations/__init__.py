"""Regional groups, Member States, observers and the other kinds of delegation."""
