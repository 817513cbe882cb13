-- Documents: one row per imported image, keyed by its content hash so the same scan is never imported twice.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  bytes BLOB NOT NULL,
  source TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'hot-folder', 'api')),
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'recognizing', 'needs_review', 'approved', 'rejected', 'failed')),
  engine_response TEXT,
  algo_version TEXT,
  fields TEXT,
  -- Derived from the current values so that search and the duplicate check can use an index.
  passport_number TEXT GENERATED ALWAYS AS (coalesce(json_extract(fields, '$.passportNumber'), '')) VIRTUAL,
  name TEXT GENERATED ALWAYS AS (coalesce(json_extract(fields, '$.name'), '')) VIRTUAL,
  duplicate_of INTEGER REFERENCES documents (id) ON DELETE SET NULL,
  error_code TEXT,
  error_message TEXT,
  operator TEXT,
  reject_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  recognized_at TEXT,
  reviewed_at TEXT
);
CREATE INDEX documents_status ON documents (status, id);
CREATE INDEX documents_passport_number ON documents (passport_number);

-- The audit log. document_id has no foreign key on purpose: history must outlive a deleted document.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  document_id INTEGER,
  type TEXT NOT NULL CHECK (type IN ('imported', 'recognized', 'field_edited', 'approved', 'rejected', 'exported', 'deleted')),
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  detail TEXT,
  operator TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX audit_events_document ON audit_events (document_id, id);

-- Append-only, enforced by the database itself rather than by every caller's good manners.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
