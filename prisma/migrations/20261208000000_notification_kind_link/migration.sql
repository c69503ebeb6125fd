-- The period-closing check (src/notifications/closing.ts) asks, on every staff home page in the days before a
-- period ends, whether that period's notice was sent: a lookup by kind and link. Without this index it read every
-- notification, a table that grows with every pledge, return and proposal (one row per recipient).
CREATE INDEX "Notification_kind_link_idx" ON "Notification"("kind", "link");
