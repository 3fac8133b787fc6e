"""The CTI monitoring-and-evaluation data: CSV contracts, the DuckDB store and the questions it answers."""
