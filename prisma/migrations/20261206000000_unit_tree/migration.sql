-- The unit tree's version (issue 12): a kept page cost a statement for the viewer's chain scope, a recursive walk of
-- the unit tree (5,000 units at national scale). Scopes are now kept per app instance under this version, which a
-- request reads with its session (src/chain/scope.ts). It moves in the commit of every transaction that adds or
-- removes units or changes what a scope holds (parent, command level, names): a deferred trigger, so the row is
-- locked only while the transaction commits (no lock order to deadlock on), and once per transaction.
CREATE TABLE "UnitTree" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UnitTree_pkey" PRIMARY KEY ("id")
);

INSERT INTO "UnitTree" ("id", "n") VALUES (1, 1);

CREATE FUNCTION "unit_tree_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- once per transaction: the first of its deferred row triggers moves the version, in the same commit as the rest
  IF TG_OP <> 'TRUNCATE' AND current_setting('thidua.unit_tree_tx', true) = txid_current()::text THEN RETURN NULL; END IF;
  IF TG_OP <> 'TRUNCATE' THEN PERFORM set_config('thidua.unit_tree_tx', txid_current()::text, true); END IF;
  INSERT INTO "UnitTree" ("id", "n") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "n" = "UnitTree"."n" + 1;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Unit_tree_moved" AFTER INSERT OR DELETE OR UPDATE OF "parentId", "commandLevel", "name", "shortName" ON "Unit"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "unit_tree_moved"();
CREATE TRIGGER "Unit_tree_truncated" AFTER TRUNCATE ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "unit_tree_moved"();
