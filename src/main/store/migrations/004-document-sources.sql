-- Documents that come without an image (an MRZ reader's swipe), the sources the workstation has now (scanners,
-- the document camera and MRZ readers), and the MRZ a reader gave for a passport. SQLite cannot alter a column's NOT NULL or CHECK, so the table is rebuilt by
-- its documented procedure (lang_altertable.html#otheralter): migrate() runs this with foreign keys off and checks
-- them before it commits. Every column, index and generated column is as before; nothing refers to this table but
-- itself (duplicate_of), and the audit keeps document ids without a foreign key.
CREATE TABLE documents_new (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  -- NULL for an MRZ-only document (its sha256 is then the digest of the MRZ text); every other source has its image.
  bytes BLOB CHECK (bytes IS NOT NULL OR source = 'mrz-reader'),
  source TEXT NOT NULL DEFAULT 'import'
    CHECK (source IN ('import', 'hot-folder', 'api', 'scan', 'camera', 'mrz-reader')),
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
  reviewed_at TEXT,
  accepted_corrections TEXT NOT NULL DEFAULT '[]',
  -- The MRZ an MRZ reader gave for this passport, as JSON {"lines": [...], "at": "..."}: on an MRZ-only document its
  -- source; on a page image of the same passport (same number, birth date and expiry), what its recognised MRZ is
  -- checked against. NULL when no reader read it.
  reader_mrz TEXT
);

INSERT INTO documents_new (id, sha256, file_name, bytes, source, status, engine_response, algo_version, fields, duplicate_of,
    error_code, error_message, operator, reject_reason, created_at, updated_at, recognized_at, reviewed_at, accepted_corrections)
  SELECT id, sha256, file_name, bytes, source, status, engine_response, algo_version, fields, duplicate_of,
    error_code, error_message, operator, reject_reason, created_at, updated_at, recognized_at, reviewed_at, accepted_corrections
  FROM documents ORDER BY id;

DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_status ON documents (status, id);
CREATE INDEX documents_passport_number ON documents (passport_number);
