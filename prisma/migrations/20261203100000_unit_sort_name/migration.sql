-- Official unit lists at national scale (issue 12): the pledge list ordered 5,000 participants by the place of their
-- type and their short name (or name) folded without diacritics, computing translate() for every unit on every
-- request (~200 ms of PostgreSQL per page). Both keys are now stored, kept by a trigger on every insert and change
-- (whoever writes the row: the app, an import, raw SQL), and indexed with the code: the official order
-- (officialOrderSql in src/units/order.ts) is an index scan, and a page of it reads its own rows.
-- The type list is TYPE_ORDER and the translate() lists are those of foldedSql, both in src/units/order.ts
-- (tests/integration/unit-sort-key.test.ts checks that they agree).
ALTER TABLE "Unit" ADD COLUMN "sortRank" SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE "Unit" ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';

CREATE FUNCTION "unit_sort_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."sortRank" := coalesce(array_position(ARRAY['MINISTRY','MILITARY_REGION','PROVINCIAL_COMMAND','AGENCIES_BLOC','DETACHMENT','DISTRICT_COMMAND','REGIMENT','OTHER']::text[], NEW.type::text), 99);
  NEW."sortName" := translate(COALESCE(NEW."shortName", NEW.name), 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydabcdefghijklmnopqrstuvwxyz');
  RETURN NEW;
END
$$;

CREATE TRIGGER "Unit_sortName" BEFORE INSERT OR UPDATE OF "name", "shortName", "type", "sortRank", "sortName" ON "Unit"
  FOR EACH ROW EXECUTE FUNCTION "unit_sort_name"();

-- the backfill (the trigger computes both keys)
UPDATE "Unit" SET "sortRank" = 0;

CREATE INDEX "Unit_sortRank_sortName_code_idx" ON "Unit"("sortRank", "sortName", "code");
