"""Domain values and the digest parser. Pure Python: no Qt, no Whoosh, no sqlite."""
