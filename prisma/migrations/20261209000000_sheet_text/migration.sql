-- The score sheets keep their criteria and points as text as well (issue 12, the cold ranking). A ranking computed
-- whole reads every sheet of the campaign as one text per period (src/ranking/live.ts); at national scale
-- (60,000 sheets, 1.8 million points) PostgreSQL spent about 140 ms of that statement's 190 turning the arrays into
-- text and comparing each sheet's criteria with the campaign's. The trigger that writes a sheet now writes both
-- texts with it (15 sheets a grid save), and the reading statement copies them.
ALTER TABLE "ScoreSheet" ADD COLUMN "criteriaText" TEXT, ADD COLUMN "pointsText" TEXT;

CREATE OR REPLACE FUNCTION "score_sheet_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT "periodId", "unitId", "campaignId" FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT "periodId", "unitId", "campaignId" FROM old_rows'
    ELSE 'SELECT "periodId", "unitId", "campaignId" FROM new_rows UNION SELECT "periodId", "unitId", "campaignId" FROM old_rows' END;
BEGIN
  EXECUTE 'INSERT INTO "ScoreSheet" AS t ("periodId", "unitId", "campaignId")
           SELECT DISTINCT "periodId", "unitId", "campaignId" FROM (' || src || ') k ORDER BY 1, 2
           ON CONFLICT ("periodId", "unitId") DO UPDATE SET "campaignId" = EXCLUDED."campaignId"';
  EXECUTE 'UPDATE "ScoreSheet" t SET "criterionIds" = a.c, "points" = a.p, "scorerId" = a.s, "tx" = pg_current_xact_id(),
                  "criteriaText" = array_to_string(a.c, '',''), "pointsText" = array_to_string(a.p, '','')
           FROM (SELECT k."periodId", k."unitId",
                        coalesce(array_agg(s."criterionId" ORDER BY s."criterionId") FILTER (WHERE s."id" IS NOT NULL), ''{}'') AS c,
                        coalesce(array_agg(round(s."points" * 100)::int ORDER BY s."criterionId") FILTER (WHERE s."id" IS NOT NULL), ''{}'') AS p,
                        mode() WITHIN GROUP (ORDER BY s."scoredById") AS s
                 FROM (SELECT DISTINCT "periodId", "unitId" FROM (' || src || ') x) k
                 LEFT JOIN "Score" s ON s."periodId" = k."periodId" AND s."unitId" = k."unitId" AND s."points" IS NOT NULL
                 GROUP BY k."periodId", k."unitId") a
           WHERE t."periodId" = a."periodId" AND t."unitId" = a."unitId"';
  RETURN NULL;
END
$$;

-- the sheets already there (their "tx" stays: nothing a ranking counts has changed)
UPDATE "ScoreSheet" SET "criteriaText" = array_to_string("criterionIds", ','), "pointsText" = array_to_string("points", ',');
