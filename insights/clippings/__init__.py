"""Mainstream media clippings: outlets, keyword rules, feed polling, manual entry."""
