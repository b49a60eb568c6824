"""``awesome-lint add``: a new paper entry from its arXiv id or DOI, written the way its
neighbours in the list are written, at the place the section's order calls for.

refs (what the user typed) → metadata (arXiv export API, doi.org CSL-JSON) → place (section,
group, position, duplicates) → compose (the entry, modelled on a neighbour) → command (diff or
write through the fix module).
"""
