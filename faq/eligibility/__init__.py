"""Eligibility: the rules the sources state, as data, and the verdict for one resident's case."""
