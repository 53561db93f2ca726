"""The signed graph: snapshots over time, comparison, analysis and layout."""
