-- 0012 documents (PostgreSQL).
--
-- The bytes of the dossiers' papers, outside the grain state: one row per distinct content (its SHA-256, so the same
-- bytes are stored once), and the content cut in chunks of chunk_bytes (the last one shorter). The dossier keeps only
-- references (component, version, name, size, hash, uploader, time). A blob row and its chunks are written in one
-- transaction; a read checks the whole content against sha256 and size_bytes before it sends a byte. PDFs and images
-- are compressed already: the chunks are stored without trying to compress them again.

CREATE TABLE IF NOT EXISTS dvc_document_blobs (
    sha256      char(64)    NOT NULL PRIMARY KEY,
    size_bytes  bigint      NOT NULL CHECK (size_bytes >= 0),
    chunk_bytes integer     NOT NULL CHECK (chunk_bytes > 0),
    stored_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS dvc_document_chunks (
    sha256 char(64) NOT NULL REFERENCES dvc_document_blobs (sha256) ON DELETE CASCADE,
    seq    integer  NOT NULL CHECK (seq >= 0),
    data   bytea    NOT NULL,
    PRIMARY KEY (sha256, seq)
);

ALTER TABLE dvc_document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
