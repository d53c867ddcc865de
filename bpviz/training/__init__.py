"""Training: the plain trainer loop (`trainer`, no Qt). The Qt worker that runs it in a thread
lives in bpviz/ui/training/worker.py."""
