"""The window's MNIST parts: the input drawn as a 28×28 image, the output labelled by digit,
the hidden units' incoming weights as images, the test-digit chooser and the data's dialogs."""
