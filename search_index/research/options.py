"""The research commands' choices and defaults, which the command line's parser offers: kept
apart from the code behind them, so that building the parser (every command does) imports none
of that code."""

KWIC_WIDTH = 30  # cells of context on each side of a KWIC line
KWIC_SORTS = ("source", "left", "right", "date")  # the orders of a concordance
MATRIX_TOP = 15  # parks in a park × track matrix
EXPORT_FORMATS = ("md", "csv", "json")  # what results, concordances and matrices export to
