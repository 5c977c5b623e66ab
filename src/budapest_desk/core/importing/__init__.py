"""Importing registrations from the files secretariats receive: spreadsheets from online forms
(Indico, pretix, web forms), delegations' own sheets, CSV saved by Excel in any language.

sources  reads a file safely as rows of literal text (xlsx/xlsm, csv/txt/tsv)
fields   the fields a column can map to, and the labels our own files use
mapping  finds the header row and proposes a column mapping from the header names
values   turns cell text into field values (countries, statuses, dates, yes/no)
plan     checks every row and says what would be created, updated, merged, rejected
apply    writes a plan in one transaction
"""
