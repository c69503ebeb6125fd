-- Rules the data itself must obey, whatever code writes it. Prisma's schema language cannot express
-- CHECK constraints, so they live here.
ALTER TABLE "User" ADD CONSTRAINT "User_unit_account_has_unit" CHECK ("role" <> 'UNIT' OR "unitId" IS NOT NULL);
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_not_own_parent" CHECK ("parentId" IS NULL OR "parentId" <> "id");
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_dates_ordered" CHECK ("endDate" >= "startDate");
ALTER TABLE "Period" ADD CONSTRAINT "Period_dates_ordered" CHECK ("endDate" >= "startDate");
ALTER TABLE "Period" ADD CONSTRAINT "Period_seq_positive" CHECK ("seq" > 0);
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_max_positive" CHECK ("maxPoints" > 0);
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_weight_nonnegative" CHECK ("weight" >= 0);
ALTER TABLE "Score" ADD CONSTRAINT "Score_points_nonnegative" CHECK ("points" IS NULL OR "points" >= 0);
ALTER TABLE "Score" ADD CONSTRAINT "Score_self_points_nonnegative" CHECK ("selfPoints" IS NULL OR "selfPoints" >= 0);
ALTER TABLE "Score" ADD CONSTRAINT "Score_version_positive" CHECK ("version" >= 1);
ALTER TABLE "CampaignTitle" ADD CONSTRAINT "CampaignTitle_quota_percent" CHECK ("quotaPercent" IS NULL OR ("quotaPercent" >= 0 AND "quotaPercent" <= 100));
ALTER TABLE "PledgeTarget" ADD CONSTRAINT "PledgeTarget_comparator" CHECK ("comparator" IS NULL OR "comparator" IN ('EQ', 'GTE', 'LTE'));
ALTER TABLE "ProposalItem" ADD CONSTRAINT "ProposalItem_one_awardee" CHECK (num_nonnulls("unitId", "personId") = 1);
ALTER TABLE "Award" ADD CONSTRAINT "Award_one_awardee" CHECK (num_nonnulls("unitId", "personId") = 1);
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_size_nonnegative" CHECK ("size" >= 0);
ALTER TABLE "CampaignResult" ADD CONSTRAINT "CampaignResult_rank_positive" CHECK ("rank" >= 1);
