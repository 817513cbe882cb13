-- An MRZ-only document (a reader's swipe) settled by the page image of the same passport arriving later: it is kept,
-- retired from the queue, and linked to that page; the audit gains the event that records it ('merged').
-- ON DELETE SET NULL, not CASCADE: erasing the page must not erase the reader's document unseen; it comes back to
-- the queue, where the operator can erase it too.
ALTER TABLE documents ADD COLUMN merged_into INTEGER REFERENCES documents (id) ON DELETE SET NULL;

-- SQLite cannot alter a CHECK, so audit_events is rebuilt by its documented procedure (lang_altertable.html#otheralter),
-- as 004 did for documents: every row, its MAC and the chain are copied unchanged (the MAC covers the type's text,
-- not the list of types), audit_personal's reference resolves to the new table once it takes the old name, and the
-- triggers are the same as 002's.
CREATE TABLE audit_events_new (
  id INTEGER PRIMARY KEY,
  document_id INTEGER,
  type TEXT NOT NULL
    CHECK (type IN ('imported', 'recognized', 'field_edited', 'approved', 'rejected', 'exported', 'deleted', 'restored', 'merged')),
  field TEXT,
  operator TEXT NOT NULL,
  at TEXT NOT NULL,
  -- The document whose personal values this event erased (a deletion is an erasure).
  erases INTEGER,
  -- sha256(salt || values) of the event's row in audit_personal; NULL when it has no personal values.
  personal_digest BLOB,
  -- NULL only between migration 002 and the first open with the key, which seals the rows it copied.
  mac BLOB
);
INSERT INTO audit_events_new (id, document_id, type, field, operator, at, erases, personal_digest, mac)
  SELECT id, document_id, type, field, operator, at, erases, personal_digest, mac FROM audit_events ORDER BY id;
DROP TABLE audit_events;
ALTER TABLE audit_events_new RENAME TO audit_events;
CREATE INDEX audit_events_document ON audit_events (document_id, id);

-- Append-only, as before; the one update allowed is sealing a row copied by 002 (its MAC and digest, nothing else).
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT (OLD.mac IS NULL AND NEW.mac IS NOT NULL AND NEW.id IS OLD.id AND NEW.document_id IS OLD.document_id
  AND NEW.type IS OLD.type AND NEW.field IS OLD.field AND NEW.operator IS OLD.operator AND NEW.at IS OLD.at
  AND NEW.erases IS OLD.erases AND (NEW.personal_digest IS OLD.personal_digest OR OLD.personal_digest IS NULL))
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
