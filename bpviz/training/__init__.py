"""Training: the plain trainer loop (`trainer`, no Qt) and the Qt worker that runs it."""
