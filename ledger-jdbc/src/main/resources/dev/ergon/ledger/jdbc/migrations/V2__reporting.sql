-- Schema version 2: indexes for period queries and a view of energy per UTC hour for dashboards.

CREATE INDEX ergon_records_end_at ON ergon_records (end_at);
CREATE INDEX ergon_buckets_start ON ergon_buckets (bucket_start);

CREATE VIEW ergon_hourly_energy AS
  SELECT date_trunc('hour', b.bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
         r.region, r.host, r.name, r.tags, r.status,
         sum(b.energy_uj) AS energy_uj
    FROM ergon_buckets b JOIN ergon_records r ON r.id = b.record_id
   GROUP BY 1, r.region, r.host, r.name, r.tags, r.status;
