"""The explorer: the network view, its labels and edges, the step controls, the walk and the inspector."""
