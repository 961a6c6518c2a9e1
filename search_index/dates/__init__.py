"""Dates: as printed in news (``printed``) and as day numbers and ranges (``ranges``)."""
