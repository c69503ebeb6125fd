-- Issue 11, the council: a member's record (role, dates, post) is edited on a form, so it carries a version for the
-- optimistic check every edited record has.
ALTER TABLE "CouncilMember" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
