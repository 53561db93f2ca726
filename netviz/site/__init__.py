"""Pages: dated maps, diff maps and the timeline."""
