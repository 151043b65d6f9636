"""Product tests in a browser: make serve and the staff editor on fixture schools
(the generic browser checks of data/ are in sop/checks/). A package, so its
modules never clash with tests/*.py of the same name."""
