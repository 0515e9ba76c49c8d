-- AlterTable
ALTER TABLE "clusters" ADD COLUMN     "liveness_checkpoint" TIMESTAMPTZ(3);

-- Every cluster that has reported starts with its checkpoint at its last report.
UPDATE "clusters" SET "liveness_checkpoint" = "last_liveness" WHERE "last_liveness" IS NOT NULL;

-- The liveness sweep's candidates by checkpoint, not by last_liveness: an index on a column
-- every heartbeat changes made every heartbeat write a new entry into all of this table's
-- indexes (no HOT update). A cluster without a checkpoint sorts first, so the sweep still
-- finds one whose liveness was written by other means than a report. Hand-written, like the
-- index it replaces (HAND_WRITTEN_INDEXES).
DROP INDEX "clusters_reporting_liveness_idx";
CREATE INDEX clusters_reporting_checkpoint_idx ON clusters ((COALESCE(liveness_checkpoint, '-infinity'::timestamptz))) WHERE deleted_at IS NULL AND state NOT IN ('WaitingToConnect', 'Disconnected');

-- Room on each page for the next version of a row (about 1.5 KB with its reported status), so
-- a heartbeat's update can stay on its page: a HOT update needs the space there. Applies to
-- pages written from now on.
ALTER TABLE "clusters" SET (fillfactor = 80);
