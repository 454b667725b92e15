"""Kinds: one module per cleaning behaviour, each a pure text -> outcome step."""
