"""The digit views: draw a digit, the confusion matrix with its gallery, what a hidden unit sees."""
