// Fictional people of the demo's focal units (names, ranks, positions). Deterministic: the same on every machine.
// A few people carry fixed names because the year history (src/demo/year.ts) gives them a known record.

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Hà', 'Tạ', 'Lương', 'Chu'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân', 'Thanh', 'Công', 'Ngọc', 'Trọng'];
const MIDDLE_F = ['Thị', 'Thu', 'Thanh', 'Ngọc', 'Minh'];
const GIVEN_M = ['Hải', 'Dũng', 'Tuấn', 'Hùng', 'Long', 'Thắng', 'Sơn', 'Trung', 'Khánh', 'Phong', 'Quân', 'Tiến', 'Hiếu', 'Đạt', 'Lâm', 'Nam', 'Thành', 'Vinh', 'Toàn', 'Kiên', 'Huy', 'Phúc', 'Tài', 'Việt'];
const GIVEN_F = ['Hương', 'Lan', 'Hạnh', 'Nga', 'Trang', 'Thảo', 'Yến', 'Linh'];

/** Ranks and positions of a district-level command, from the commander down; the list repeats its tail. */
const ROLES: [string, string][] = [
  ['Thượng tá', 'Chỉ huy trưởng'],
  ['Trung tá', 'Chính trị viên'],
  ['Thiếu tá', 'Chỉ huy phó'],
  ['Thiếu tá', 'Trợ lý tác chiến'],
  ['Đại úy', 'Trợ lý chính trị'],
  ['Đại úy', 'Trợ lý hậu cần'],
  ['Thượng úy', 'Trợ lý quân lực'],
  ['Trung úy', 'Trợ lý dân quân tự vệ'],
  ['Thượng sĩ', 'Nhân viên văn thư'],
  ['Trung sĩ', 'Nhân viên quân khí'],
  ['Hạ sĩ', 'Chiến sĩ'],
  ['Binh nhất', 'Chiến sĩ'],
  ['Binh nhất', 'Lái xe'],
  ['Binh nhì', 'Chiến sĩ'],
];

export type DemoPerson = { fullName: string; rank: string; position: string };

/** Fixed people the history refers to: [unit code, index in the unit] → name. */
export const KNOWN_PEOPLE = {
  /** CSTĐCS in 2019 and 2020: a third year in 2021 meets the 3-year chain for CSTĐ toàn quân */
  chain: { unit: 'HALONG', index: 3, fullName: 'Phạm Minh Tuấn' },
  /** CSTĐCS in 2020 only: the 3-year chain is refused in 2021 */
  once: { unit: 'KCQ', index: 4, fullName: 'Vũ Thị Hoa' },
} as const;

/** 8 to 14 people per unit (the unit's position in the list picks the size). */
export function peopleOf(unitCode: string, unitIndex: number): DemoPerson[] {
  const size = 8 + ((unitIndex * 5) % 7);
  const out: DemoPerson[] = [];
  for (let i = 0; i < size; i++) {
    const [rank, position] = ROLES[i];
    const seed = unitIndex * 17 + i * 7;
    const female = i === 4 || i === 8;
    const fullName = female
      ? `${FAMILY[seed % FAMILY.length]} ${MIDDLE_F[seed % MIDDLE_F.length]} ${GIVEN_F[(unitIndex + i) % GIVEN_F.length]}`
      : `${FAMILY[seed % FAMILY.length]} ${MIDDLE_M[(seed + i) % MIDDLE_M.length]} ${GIVEN_M[(unitIndex * 3 + i * 5) % GIVEN_M.length]}`;
    out.push({ fullName, rank, position });
  }
  for (const k of Object.values(KNOWN_PEOPLE)) if (k.unit === unitCode) out[k.index] = { ...out[k.index], fullName: k.fullName };
  return out;
}
