-- Schema version 3: what `ergon report` needs to aggregate records into cells in SQL (region x UTC hour x host x
-- tags x level), computed by Ergon when it stores a record (dev.ergon.accounting.cells.CellInputs). Rows stored
-- before this version have NULL here and are aggregated in Java from their line, so no rewrite is needed.

ALTER TABLE ergon_records
  ADD COLUMN cell_split        boolean,           -- true: the energy per hour is the sum of the buckets by hour
  ADD COLUMN cell_region       text,              -- the region as the cells hold it (normalised), or null
  ADD COLUMN cell_level        text,              -- IT | FACILITY
  ADD COLUMN cell_model_uj     bigint,            -- µJ of the channels measured by a model
  ADD COLUMN cell_uncertainty  double precision,  -- total standard uncertainty / total energy
  ADD COLUMN cell_whole        boolean,           -- complete, or failed without a problem
  ADD COLUMN cell_start_ns     bigint,            -- start, ns since the epoch
  ADD COLUMN cell_end_ns       bigint;            -- end, ns since the epoch

-- What the report reads whole (job trees, rows it cannot split in SQL) is found through these, not a scan.
CREATE INDEX ergon_records_parent ON ergon_records (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX ergon_records_not_split ON ergon_records (id) WHERE cell_split IS NOT TRUE;
