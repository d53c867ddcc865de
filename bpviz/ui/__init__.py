"""Qt widgets only: they draw model state and compute no maths (that is bpviz.core)."""
