"""A meeting in progress: the timer, the turns, floor requests, the projector screen."""
