/**
 * The statements of the status service's report batches, prepared once per connection. Rows
 * travel as one JSON document that Postgres unpacks (jsonb_to_recordset): one parameter instead
 * of thousands, and each reported status is serialised once, not escaped again into an array
 * literal.
 *
 * The update leaves every indexed column alone unless the state or the liveness checkpoint
 * changes, so a heartbeat updates the row in place (HOT): see heartbeat-in-place.int-spec.ts.
 */

/**
 * Locks a batch's clusters, in id order so concurrent batches never deadlock, and returns each
 * row's version (`xmin`, which every update of a row changes): the status service reads in full
 * only the rows it did not write last itself (STATUS_BATCH_READ_CLUSTERS).
 */
export const STATUS_BATCH_LOCK_CLUSTERS = {
  name: 'status-batch-lock',
  text: `SELECT id, xmin::text AS version FROM clusters WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
};
/** The locked rows the status service must read: what a batch's reports are planned on. */
export const STATUS_BATCH_READ_CLUSTERS = {
  name: 'status-batch-read',
  text: `SELECT id, tenant_id, secret_version, secret_revoked_at, deleted_at, delete_requested_at, uninstall_acked_at,
           last_reported_at, last_liveness, liveness_checkpoint, reported_status, state
         FROM clusters WHERE id = ANY($1::uuid[])`,
};
/**
 * Returns each updated row's new version, which the status service remembers with the row. A
 * null `reported_status` keeps the stored one: a heartbeat that repeats the status does not
 * send it (a stored status is never set back to null).
 */
export const STATUS_BATCH_UPDATE_CLUSTERS = {
  name: 'status-batch-update',
  text: `UPDATE clusters c SET
           last_liveness = v.last_liveness,
           last_reported_at = v.last_reported_at,
           reported_status = COALESCE(v.reported_status, c.reported_status),
           state = v.state,
           state_changed_at = CASE WHEN c.state <> v.state THEN v.last_liveness ELSE c.state_changed_at END,
           agent_version = COALESCE(v.agent_version, c.agent_version),
           uninstall_acked_at = v.uninstall_acked_at,
           liveness_checkpoint = v.liveness_checkpoint
         FROM jsonb_to_recordset($1::jsonb) AS v(
           id uuid, last_liveness timestamptz, last_reported_at timestamptz, reported_status jsonb,
           state text, agent_version text, uninstall_acked_at timestamptz, liveness_checkpoint timestamptz)
         WHERE c.id = v.id
         RETURNING c.id, c.xmin::text AS version`,
};
/**
 * One JSON entry per report, `{clusterId, time, metrics: [{type, nodePool?, value, timestamp?}]}`,
 * its metrics as the agent sent them: a sample takes its own timestamp or else the report's time,
 * and node pool '' when it names none.
 */
export const STATUS_BATCH_INSERT_SAMPLES = {
  name: 'status-batch-samples',
  text: `INSERT INTO metric_samples (cluster_id, time, metric_type, node_pool, value)
         SELECT r."clusterId", COALESCE(m.timestamp, r.time), m.type, COALESCE(m."nodePool", ''), m.value
         FROM jsonb_to_recordset($1::jsonb) AS r("clusterId" uuid, time timestamptz, metrics jsonb)
           CROSS JOIN LATERAL jsonb_to_recordset(r.metrics) AS m(type text, "nodePool" text, value float8, timestamp timestamptz)
         ON CONFLICT DO NOTHING`,
};
