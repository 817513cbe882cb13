-- The engine's MRZ corrections the operator has kept, as JSON ["mrzLine2:0", …] (the line and the correction's
-- place among that line's): the review screen shows them decided when the document opens again. A new recognition
-- starts them afresh. They name no person, so erasure needs nothing more than the row's own deletion.
ALTER TABLE documents ADD COLUMN accepted_corrections TEXT NOT NULL DEFAULT '[]';
