"""The Products section of the back office (issue 7 items 1 and 7): the product list over a
million rows, the product editor, master data (categories, brands, units, suppliers,
members) and shelf labels."""
