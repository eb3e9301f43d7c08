"""Features built on the index and the stores (For you, trends, recaps): rules only, no front end.

The library facade is what calls them; they never import sources, exports, the facade or a front end.
"""
