"""Text helpers shared by kinds: folding for matching, lexicons, scripts."""
