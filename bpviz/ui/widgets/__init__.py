"""Widgets shared by every part of the window: the checked field, the colour scale, dialogs and
label fitting."""
