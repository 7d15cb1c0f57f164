"""Where activities sit on the charity-to-solidarity spectrum (SPEC 2.2), week by week:
positions, weeks, a term's numbers, and the words that explain them.
"""
