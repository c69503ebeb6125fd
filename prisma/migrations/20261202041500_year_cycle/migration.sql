-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('REGULAR', 'PEAK');

-- CreateEnum
CREATE TYPE "IssuingLevel" AS ENUM ('REGIMENT', 'PROVINCE', 'MILITARY_REGION', 'MINISTRY', 'GOVERNMENT', 'STATE');

-- CreateEnum
CREATE TYPE "QuotaBase" AS ENUM ('NONE', 'UNITS', 'REGISTERED', 'HEADCOUNT', 'HOLDERS');

-- CreateEnum
CREATE TYPE "RuleKind" AS ENUM ('SAME_YEAR_TITLE', 'CHAIN_YEARS', 'INITIATIVE', 'TASK_LEVEL', 'TRAINING', 'DISCIPLINE', 'MEMBER_SHARE', 'MEMBER_COUNT', 'MEMBER_DISCIPLINE', 'ONE_AWARD');

-- CreateEnum
CREATE TYPE "TaskLevel" AS ENUM ('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED');

-- CreateEnum
CREATE TYPE "DisciplineLevel" AS ENUM ('NONE', 'REPRIMAND', 'WARNING', 'DEMOTION', 'DISMISSAL');

-- CreateEnum
CREATE TYPE "InitiativeKind" AS ENUM ('INITIATIVE', 'RESEARCH', 'SOLUTION');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "kind" "CampaignKind" NOT NULL DEFAULT 'PEAK',
ADD COLUMN     "yearId" INTEGER;

-- AlterTable
ALTER TABLE "CampaignTitle" ADD COLUMN     "catalogId" INTEGER,
ADD COLUMN     "quotaBase" "QuotaBase" NOT NULL DEFAULT 'UNITS',
ADD COLUMN     "quotaBaseCode" VARCHAR(20);

-- CreateTable
CREATE TABLE "MovementYear" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "motto" TEXT,
    "theme" TEXT,
    "decisionNo" VARCHAR(100),
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MovementYear_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TitleCatalog" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "nameEn" VARCHAR(300),
    "scope" "TitleScope" NOT NULL,
    "kind" "TitleKind" NOT NULL,
    "issuingLevel" "IssuingLevel" NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "forRegular" BOOLEAN NOT NULL DEFAULT true,
    "forPeak" BOOLEAN NOT NULL DEFAULT false,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "defaultQuotaBase" "QuotaBase" NOT NULL DEFAULT 'NONE',
    "defaultQuotaPercent" DECIMAL(5,2),
    "quotaBaseCode" VARCHAR(20),
    "quotaLegalBasis" TEXT,
    "combinesWith" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TitleCatalog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EligibilityRule" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "titleId" INTEGER,
    "kind" "RuleKind" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "legalBasis" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EligibilityRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitHeadcount" (
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "headcount" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitHeadcount_pkey" PRIMARY KEY ("unitId","year")
);

-- CreateTable
CREATE TABLE "PersonAssessment" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "taskLevel" "TaskLevel" NOT NULL,
    "testsPassedPercent" DECIMAL(5,2) NOT NULL,
    "goodPercent" DECIMAL(5,2) NOT NULL,
    "discipline" "DisciplineLevel" NOT NULL DEFAULT 'NONE',
    "disciplineNote" TEXT,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "returnReason" TEXT,
    "enteredById" INTEGER,
    "verifiedById" INTEGER,
    "verifiedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Initiative" (
    "id" SERIAL NOT NULL,
    "kind" "InitiativeKind" NOT NULL,
    "title" VARCHAR(500) NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "recognisingLevel" "IssuingLevel" NOT NULL,
    "decisionNo" VARCHAR(100),
    "decisionDate" DATE,
    "scopeOfEffect" TEXT,
    "createdById" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Initiative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InitiativeAuthor" (
    "initiativeId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "InitiativeAuthor_pkey" PRIMARY KEY ("initiativeId","personId")
);

-- CreateTable
CREATE TABLE "YearRegistration" (
    "id" SERIAL NOT NULL,
    "yearId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "personId" INTEGER,
    "catalogId" INTEGER NOT NULL,
    "commitment" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "YearRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MovementYear_year_key" ON "MovementYear"("year");

-- CreateIndex
CREATE UNIQUE INDEX "TitleCatalog_code_key" ON "TitleCatalog"("code");

-- CreateIndex
CREATE UNIQUE INDEX "EligibilityRule_code_key" ON "EligibilityRule"("code");

-- CreateIndex
CREATE INDEX "EligibilityRule_titleId_idx" ON "EligibilityRule"("titleId");

-- CreateIndex
CREATE INDEX "PersonAssessment_year_idx" ON "PersonAssessment"("year");

-- CreateIndex
CREATE UNIQUE INDEX "PersonAssessment_personId_year_key" ON "PersonAssessment"("personId", "year");

-- CreateIndex
CREATE INDEX "Initiative_unitId_year_idx" ON "Initiative"("unitId", "year");

-- CreateIndex
CREATE INDEX "Initiative_year_idx" ON "Initiative"("year");

-- CreateIndex
CREATE INDEX "InitiativeAuthor_personId_idx" ON "InitiativeAuthor"("personId");

-- CreateIndex
CREATE INDEX "YearRegistration_personId_idx" ON "YearRegistration"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "YearRegistration_yearId_unitId_personId_catalogId_key" ON "YearRegistration"("yearId", "unitId", "personId", "catalogId");

-- CreateIndex
CREATE INDEX "Campaign_yearId_idx" ON "Campaign"("yearId");

-- CreateIndex
CREATE INDEX "CampaignTitle_catalogId_idx" ON "CampaignTitle"("catalogId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_yearId_fkey" FOREIGN KEY ("yearId") REFERENCES "MovementYear"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTitle" ADD CONSTRAINT "CampaignTitle_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "TitleCatalog"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EligibilityRule" ADD CONSTRAINT "EligibilityRule_titleId_fkey" FOREIGN KEY ("titleId") REFERENCES "TitleCatalog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitHeadcount" ADD CONSTRAINT "UnitHeadcount_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonAssessment" ADD CONSTRAINT "PersonAssessment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Initiative" ADD CONSTRAINT "Initiative_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeAuthor" ADD CONSTRAINT "InitiativeAuthor_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeAuthor" ADD CONSTRAINT "InitiativeAuthor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearRegistration" ADD CONSTRAINT "YearRegistration_yearId_fkey" FOREIGN KEY ("yearId") REFERENCES "MovementYear"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearRegistration" ADD CONSTRAINT "YearRegistration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearRegistration" ADD CONSTRAINT "YearRegistration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YearRegistration" ADD CONSTRAINT "YearRegistration_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "TitleCatalog"("id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- Titles set up before the catalogue kept their old quota bases: collective titles a share of the units,
-- individual titles a share of the people registered.
UPDATE "CampaignTitle" SET "quotaBase" = 'REGISTERED' WHERE "scope" = 'INDIVIDUAL';

-- Checks Prisma cannot express
ALTER TABLE "UnitHeadcount" ADD CONSTRAINT "UnitHeadcount_headcount_check" CHECK ("headcount" >= 0);
ALTER TABLE "PersonAssessment" ADD CONSTRAINT "PersonAssessment_percent_check"
  CHECK ("testsPassedPercent" BETWEEN 0 AND 100 AND "goodPercent" BETWEEN 0 AND 100);
ALTER TABLE "TitleCatalog" ADD CONSTRAINT "TitleCatalog_dates_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "TitleCatalog" ADD CONSTRAINT "TitleCatalog_quota_check"
  CHECK ("defaultQuotaPercent" IS NULL OR "defaultQuotaPercent" BETWEEN 0 AND 100);
-- a unit registers a title once a year (personId NULL rows are otherwise distinct)
CREATE UNIQUE INDEX "YearRegistration_unit_title_key" ON "YearRegistration" ("yearId", "unitId", "catalogId") WHERE "personId" IS NULL;
