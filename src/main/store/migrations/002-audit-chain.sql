-- The tamper-evident audit: each event carries an HMAC chained over the one before (computed in audit-chain.ts with a
-- key kept outside this file), and personal values move to their own table so that erasing them leaves the chain,
-- which covers only their salted digest, intact.
CREATE TABLE audit_events_chained (
  id INTEGER PRIMARY KEY,
  document_id INTEGER,
  type TEXT NOT NULL
    CHECK (type IN ('imported', 'recognized', 'field_edited', 'approved', 'rejected', 'exported', 'deleted', 'restored')),
  field TEXT,
  operator TEXT NOT NULL,
  at TEXT NOT NULL,
  -- The document whose personal values this event erased (a deletion is an erasure).
  erases INTEGER,
  -- sha256(salt || values) of the event's row in audit_personal; NULL when it has no personal values.
  personal_digest BLOB,
  -- NULL only between this migration and the first open with the key, which seals the rows copied below.
  mac BLOB
);

-- Old values, new values, reasons and details may name a person: they live here, each row under a random salt,
-- and erasure deletes the row (salt included, so the digest left in the chain can no longer be tested against guesses).
CREATE TABLE audit_personal (
  event_id INTEGER PRIMARY KEY REFERENCES audit_events_chained (id),
  salt BLOB NOT NULL,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  detail TEXT
);

INSERT INTO audit_events_chained (id, document_id, type, field, operator, at)
  SELECT id, document_id, type, field, operator, at FROM audit_events ORDER BY id;
INSERT INTO audit_personal (event_id, salt, old_value, new_value, reason, detail)
  SELECT id, randomblob(16), old_value, new_value, reason, detail FROM audit_events
  WHERE old_value IS NOT NULL OR new_value IS NOT NULL OR reason IS NOT NULL OR detail IS NOT NULL;

DROP TABLE audit_events;
ALTER TABLE audit_events_chained RENAME TO audit_events;
CREATE INDEX audit_events_document ON audit_events (document_id, id);

-- Append-only, as before; the one update allowed is sealing a row copied above (its MAC and digest, nothing else).
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
-- Personal values are never edited, only erased (deleted) whole.
CREATE TRIGGER audit_personal_no_update BEFORE UPDATE ON audit_personal
BEGIN
  SELECT RAISE(ABORT, 'audit values are never edited, only erased');
END;
