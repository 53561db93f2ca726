"""Reading what netviz is given: articles, the actor codebook, curated relations, event files."""
