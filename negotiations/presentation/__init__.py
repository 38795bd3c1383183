"""Pieces shared by the admin's and the board's pages: the status picture and the timeline's date
range."""
