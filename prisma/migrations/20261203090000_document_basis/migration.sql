-- The basis lines (căn cứ) printed on the official documents of a proposal (tờ trình, quyết định): the law, the decree
-- and the circular in force, as data an admin can change, each with the dates it is in force. A document cites the
-- rows in force on its date. Reference data, not demo data. (The catalogue's own legalBasis is added where a title
-- cites a text not listed here.)
CREATE TABLE "DocumentBasis" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "text" TEXT NOT NULL,
    "textEn" TEXT,
    "order" INTEGER NOT NULL DEFAULT 0,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentBasis_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "DocumentBasis_code_key" ON "DocumentBasis"("code");

INSERT INTO "DocumentBasis" ("code", "text", "textEn", "order", "validFrom", "updatedAt") VALUES
 ('LAW_06_2022', 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 (Luật số 06/2022/QH15)',
  'the Law on Emulation and Commendation of 15 June 2022 (Law No. 06/2022/QH15)', 10, '2024-01-01', now()),
 ('DECREE_98_2023', 'Nghị định số 98/2023/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  'Government Decree No. 98/2023/NĐ-CP detailing the Law on Emulation and Commendation', 20, '2024-01-01', now()),
 ('CIRCULAR_118_2023', 'Thông tư số 118/2023/TT-BQP của Bộ trưởng Bộ Quốc phòng hướng dẫn công tác thi đua, khen thưởng trong Quân đội nhân dân Việt Nam',
  'Circular No. 118/2023/TT-BQP of the Minister of Defence guiding emulation and commendation in the Vietnam People''s Army', 30, '2024-01-01', now());
