-- Ergon fleet ledger, schema version 1: records keyed by id, their time buckets, shared channel descriptions.
-- Each record's authoritative text is its ledger line (JSON Lines schema 2); the other columns are copies of its
-- fields for SQL (dashboards, GROUP BY). Energies are whole microjoules.

CREATE TABLE ergon_channel_sets (
  digest  text COLLATE "C" PRIMARY KEY,   -- channels_ref: first 64 bits of the SHA-256 of the descriptions, hex
  entry   text NOT NULL                    -- the channel description entry (JSON, schema 2)
);

CREATE TABLE ergon_records (
  id            text COLLATE "C" PRIMARY KEY,   -- UUID, time-ordered
  parent_id     text COLLATE "C",
  name          text NOT NULL,
  host          text NOT NULL,
  region        text,                           -- grid zone, or null (the report's default region applies)
  tags          jsonb NOT NULL,                 -- {"model": "bert", ...}
  start_at      timestamptz NOT NULL,
  end_at        timestamptz NOT NULL,
  units         bigint NOT NULL,                -- functional units (predictions, samples, ...)
  attribution   text NOT NULL,                  -- machine | process | threads
  status        text NOT NULL,                  -- complete | partial | failed | no_meter | open
  provisional   boolean NOT NULL,               -- a checkpoint: a later state of the job may replace it
  energy_uj     numeric(30) NOT NULL,           -- total energy, µJ (beyond a bigint: a record may pass 2.56 GWh)
  channels_ref  text COLLATE "C" REFERENCES ergon_channel_sets (digest),
  line          text NOT NULL,                  -- the record as one ledger line
  stored_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ergon_buckets (
  record_id     text COLLATE "C" NOT NULL REFERENCES ergon_records (id),
  bucket_start  timestamptz NOT NULL,
  bucket_end    timestamptz NOT NULL,
  energy_uj     numeric(30) NOT NULL,           -- energy of the record inside [bucket_start, bucket_end), µJ
  PRIMARY KEY (record_id, bucket_start)
);
