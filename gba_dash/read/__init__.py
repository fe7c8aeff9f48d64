"""Reading the data's files: the one field table (``fields``), the validation vocabulary
and its problems (``schema``), bounded readers (``load``), the site/attribute join
(``join``), geometry helpers (``geometry``), the later values beside the 2019 archive
(``history``) and a figure as people read it (``values``). Every problem names its file,
row, field and value."""
