"""Aligning claims: candidate pairs by embedding or TF-IDF similarity (``blocking``,
``tfidf``) and the points of a story (``points``): which claims of all outlets speak to one
thing."""
