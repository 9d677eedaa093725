-- DropIndex
DROP INDEX "broadcast_recipient_identity_id_queued_at_idx";

