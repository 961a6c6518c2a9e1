"""Research over a result set: facet counts, highlights, KWIC, the park × track matrix,
timelines, exports and saved searches."""
