-- Issue 11, item 7: the grounds on which an award decision is annulled (hủy bỏ quyết định khen thưởng), as reference
-- data with their legal basis. The Law on Emulation and Commendation 2022 (06/2022/QH15) provides for annulling a
-- decision and recovering the certificate, badge and money; the article numbers were not checked against the text,
-- so each row says so. An admin can correct the wording here without a code change.
-- Also: a complaint on a posted list (công khai) cannot be answered twice, and a posting closes after it opens.

INSERT INTO "RevocationGround" ("code", "text", "textEn", "legalBasis") VALUES
 ('FALSE_CLAIM',
  'Gian dối trong kê khai thành tích để được khen thưởng',
  'False declaration of achievements to obtain the award',
  'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Chương VII, chưa đối chiếu điều khoản'),
 ('FORGED_DOSSIER',
  'Hồ sơ đề nghị khen thưởng giả mạo hoặc không đúng sự thật',
  'The award dossier was forged or untrue',
  'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Chương VII, chưa đối chiếu điều khoản'),
 ('CONVICTED',
  'Người được khen thưởng bị kết án hoặc bị kỷ luật ở mức không được xét khen thưởng, về hành vi trong thời gian được xét',
  'The awardee was convicted or disciplined at a level that bars the award, for conduct in the period considered',
  'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Chương VII, chưa đối chiếu điều khoản'),
 ('WRONG_STANDARD',
  'Khen thưởng không đúng tiêu chuẩn, điều kiện hoặc không đúng quy trình, thủ tục',
  'Awarded without meeting the standards or conditions, or against the procedure',
  'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Chương VII, chưa đối chiếu điều khoản'),
 ('NO_COMPETENCE',
  'Quyết định khen thưởng không đúng thẩm quyền',
  'The award was decided by an authority without the competence to decide it',
  'Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Chương VII, chưa đối chiếu điều khoản')
ON CONFLICT ("code") DO NOTHING;

-- a posting window has at least one day
ALTER TABLE "ProposalPosting" ADD CONSTRAINT "ProposalPosting_window_check" CHECK ("closesOn" > "postedOn");
-- an answer names who gave it and when
ALTER TABLE "PostingComment" ADD CONSTRAINT "PostingComment_answer_check"
  CHECK (("answer" IS NULL AND "answeredAt" IS NULL) OR ("answer" IS NOT NULL AND "answeredAt" IS NOT NULL AND "answeredById" IS NOT NULL));
