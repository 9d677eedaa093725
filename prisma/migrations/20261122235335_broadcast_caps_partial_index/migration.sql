-- Zalo per-follower caps (src/broadcasts/reach.ts): "broadcasts queued or sent to this identity
-- on Zalo since the 1st of the month". Written by hand: Prisma cannot express a partial index.
-- Partial, so the planner inserting a million pending rows (queued_at NULL) and the sender
-- moving Telegram / Messenger / web chat rows never maintain it.
CREATE INDEX IF NOT EXISTS "broadcast_recipient_zalo_caps" ON "broadcast_recipient" ("identity_id", "queued_at")
  WHERE "channel" = 'zalo' AND "queued_at" IS NOT NULL;
