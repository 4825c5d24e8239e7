-- Schema version 17: whether a printing in the document register is a DRAF (issue 15). The pack sends only final
-- printings and the register shows which printing was final; before this step the program read the DRAF mark off
-- the kept PDF's first page. NULL: a printing entered before this step (its kept PDF still tells).
-- Released migrations are never edited; add a new numbered file instead.
ALTER TABLE document_record ADD COLUMN draft BOOLEAN;
