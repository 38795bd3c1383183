"""The read side: the read models, the projection that alone writes them, the selectors that
are the one way to query them, and reading one's own writes (`min_position`)."""
