"""Figures and small interactive pieces specific to one lesson, one module per lesson.

Every function returns a `praxislab.plots.AccessibleFigure` (alt text required) or a
widget built on `praxislab.widgets`; lessons never draw with pyplot themselves.
"""
