"""Training in the window: the panel, the controller and its worker thread, the loss plot, the
decision boundary, the data and network tabs, and the UI benchmark."""
