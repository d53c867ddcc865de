"""What makes the window usable in front of a class: keys that always work, a presentation
zoom, training you can watch, and no stale messages."""
