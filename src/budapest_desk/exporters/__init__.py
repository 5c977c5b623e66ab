"""PDF and spreadsheet writers over core's frozen data. No Qt."""
