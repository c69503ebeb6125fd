// The demo's 2021 year-end review: verified assessments for the focal units' people (most pass Chiến sĩ tiên tiến, some
// fail on training or task level, one is disciplined at cảnh cáo), a few recognised sáng kiến and one not yet
// recognised, and the year's registrations, so the review shows titles met and titles refused with their reasons
// (CSTĐCS without a sáng kiến, a chain of years refused, ĐVQT without ĐVTT, a unit whose member was disciplined…).
import type { Prisma } from '../generated/prisma/client.ts';
import type { DemoYears } from './year.ts';
import { KNOWN_PEOPLE } from './people.ts';

type Tx = Prisma.TransactionClient;
type UnitRef = { id: number; code: string };
const YEAR = 2021;
const day = (s: string) => new Date(s + 'T00:00:00Z');

/** Units whose people are strongest this year (more CSTT places in merit order), and the weakest. */
const STRONG = new Set(['E244', 'HALONG', 'KCQ', 'MONGCAI', 'UONGBI']);
const WEAK = new Set(['BACHE', 'COTO', 'BINHLIEU', 'TIENYEN']);
/** Units registering ĐVQT as well as ĐVTT; Cô Tô registers ĐVQT although its ĐVTT will be refused. */
const DVQT = ['E244', 'HALONG', 'KCQ', 'MONGCAI', 'UONGBI', 'COTO'];
/** Who is disciplined at cảnh cáo in 2021, and who was not verified yet (submitted, so it does not count). */
const WARNED = { unit: 'COTO', index: 5 };
const UNVERIFIED = { unit: 'BINHLIEU', from: 5 };

/** Recognised sáng kiến / đề tài of 2021: [unit, person index, title, kind, level]. */
const INITIATIVES: [string, number, string, 'INITIATIVE' | 'RESEARCH' | 'SOLUTION', 'REGIMENT' | 'PROVINCE'][] = [
  [KNOWN_PEOPLE.chain.unit, KNOWN_PEOPLE.chain.index, 'Mô hình huấn luyện dân quân tự vệ biển theo tình huống', 'SOLUTION', 'PROVINCE'],
  ['E244', 0, 'Cải tiến bệ tập ngắm bắn súng tiểu liên AK ban đêm', 'INITIATIVE', 'REGIMENT'],
  ['KCQ', 0, 'Phần mềm quản lý quân số, trang bị của cơ quan quân sự', 'RESEARCH', 'PROVINCE'],
  [KNOWN_PEOPLE.once.unit, KNOWN_PEOPLE.once.index, 'Quy trình số hóa hồ sơ đăng ký nghĩa vụ quân sự', 'SOLUTION', 'REGIMENT'],
  ['MONGCAI', 1, 'Bản đồ số phục vụ diễn tập khu vực phòng thủ biên giới', 'RESEARCH', 'PROVINCE'],
  ['UONGBI', 0, 'Thiết bị báo cháy rừng tự chế cho lực lượng dân quân', 'INITIATIVE', 'REGIMENT'],
];

/** Seed the 2021 review's facts for the focal units' people. */
export async function seedReview(tx: Tx, units: UnitRef[], staff: Record<string, number>, demo: DemoYears): Promise<void> {
  const yearId = demo.years.get(YEAR)!;
  const catalogue = new Map((await tx.titleCatalog.findMany({ where: { code: { in: ['CSTT', 'CSTDCS', 'CSTD_TQUAN', 'DVTT', 'DVQT'] } } })).map((c) => [c.code, c.id]));
  const assessments: Prisma.PersonAssessmentCreateManyInput[] = [];
  const registrations: Prisma.YearRegistrationCreateManyInput[] = [];
  for (const [ui, u] of units.entries()) {
    const people = demo.people.get(u.code) ?? [];
    for (const [i, personId] of people.entries()) {
      const strong = STRONG.has(u.code);
      const weak = WEAK.has(u.code);
      const good = strong ? 78 + ((i * 7 + ui) % 18) : weak ? 52 + ((i * 5 + ui) % 12) : 60 + ((i * 3 + ui) % 20);
      const failsTraining = (i === 7 && ui % 3 === 1) || (weak && i === 6);
      const failsTask = i === 6 && ui % 4 === 2;
      const warned = u.code === WARNED.unit && i === WARNED.index;
      const unverified = u.code === UNVERIFIED.unit && i >= UNVERIFIED.from;
      assessments.push({
        personId,
        year: YEAR,
        taskLevel: failsTask ? 'COMPLETED' : i < 2 || (strong && i < 5) ? 'EXCELLENT' : 'GOOD',
        testsPassedPercent: failsTraining ? 85 : 100,
        goodPercent: good,
        discipline: warned ? 'WARNING' : 'NONE',
        disciplineNote: warned ? 'Cảnh cáo: vi phạm quy định sử dụng điện thoại trong khu vực trực sẵn sàng chiến đấu (tháng 8/2021)' : null,
        status: unverified ? 'SUBMITTED' : 'VERIFIED',
        enteredById: null,
        verifiedById: unverified ? null : staff.OFFICER,
        verifiedAt: unverified ? null : day('2021-12-10'),
      });
      registrations.push({ yearId, unitId: u.id, personId, catalogId: catalogue.get('CSTT')!, commitment: 'Hoàn thành tốt nhiệm vụ, kết quả huấn luyện đạt khá, giỏi' });
      if (i <= 2 || (u.code === KNOWN_PEOPLE.chain.unit && i === KNOWN_PEOPLE.chain.index) || (u.code === KNOWN_PEOPLE.once.unit && i === KNOWN_PEOPLE.once.index)) {
        registrations.push({ yearId, unitId: u.id, personId, catalogId: catalogue.get('CSTDCS')!, commitment: 'Có sáng kiến được công nhận, hoàn thành xuất sắc nhiệm vụ' });
      }
    }
    registrations.push({ yearId, unitId: u.id, personId: null, catalogId: catalogue.get('DVTT')!, commitment: 'Đạt danh hiệu Đơn vị tiên tiến' });
    if (DVQT.includes(u.code)) registrations.push({ yearId, unitId: u.id, personId: null, catalogId: catalogue.get('DVQT')!, commitment: 'Đạt danh hiệu Đơn vị Quyết thắng' });
  }
  // the chain: Phạm Minh Tuấn (CSTĐCS 2019, 2020) and Vũ Thị Hoa (2020 only) register for CSTĐ toàn quân
  for (const k of [KNOWN_PEOPLE.chain, KNOWN_PEOPLE.once]) {
    const unit = units.find((u) => u.code === k.unit)!;
    registrations.push({ yearId, unitId: unit.id, personId: demo.people.get(k.unit)![k.index], catalogId: catalogue.get('CSTD_TQUAN')!, commitment: 'Ba năm liên tục đạt Chiến sĩ thi đua cơ sở' });
  }
  await tx.personAssessment.createMany({ data: assessments });
  await tx.yearRegistration.createMany({ data: registrations });

  for (const [n, [code, index, title, kind, level]] of INITIATIVES.entries()) {
    const unit = units.find((u) => u.code === code)!;
    await tx.initiative.create({
      data: {
        kind, title, unitId: unit.id, year: YEAR, recognisingLevel: level, decisionNo: `${120 + n}/QĐ-${level === 'PROVINCE' ? 'BCH' : 'TrĐ'}`, decisionDate: day(`2021-${String(9 + (n % 3)).padStart(2, '0')}-15`),
        scopeOfEffect: 'Áp dụng trong đơn vị, đề nghị nhân rộng', createdById: staff.OFFICER, authors: { create: [{ personId: demo.people.get(code)![index] }] },
      },
    });
  }
  // one sáng kiến not yet recognised (no decision): it does not count for CSTĐCS
  const halong = units.find((u) => u.code === 'HALONG')!;
  await tx.initiative.create({
    data: { kind: 'INITIATIVE', title: 'Giá treo súng di động cho kho vũ khí', unitId: halong.id, year: YEAR, recognisingLevel: 'REGIMENT', scopeOfEffect: 'Đang thử nghiệm tại kho của đơn vị', createdById: staff.OFFICER, authors: { create: [{ personId: demo.people.get('HALONG')![0] }] } },
  });
}
