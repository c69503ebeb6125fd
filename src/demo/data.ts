// Demo data from the reference case (DOMAIN.md): Quảng Ninh Provincial Military Command, 2021,
// peak campaign "Lập công dâng Đảng" across 15 focal units. People's names are fictional.

export const DEFAULT_DEMO_PASSWORD = 'ThiDua@2026';

export const PROVINCE = { code: 'BCHQS-QN', name: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', shortName: 'Bộ CHQS tỉnh', type: 'PROVINCIAL_COMMAND' } as const;

type DemoUnit = { code: string; name: string; shortName: string; type: 'AGENCIES_BLOC' | 'DISTRICT_COMMAND' | 'REGIMENT' };

export const FOCAL_UNITS: DemoUnit[] = [
  { code: 'KCQ', name: 'Khối cơ quan và các phân đội trực thuộc', shortName: 'Khối cơ quan', type: 'AGENCIES_BLOC' },
  { code: 'HALONG', name: 'Ban CHQS thành phố Hạ Long', shortName: 'Hạ Long', type: 'DISTRICT_COMMAND' },
  { code: 'MONGCAI', name: 'Ban CHQS thành phố Móng Cái', shortName: 'Móng Cái', type: 'DISTRICT_COMMAND' },
  { code: 'CAMPHA', name: 'Ban CHQS thành phố Cẩm Phả', shortName: 'Cẩm Phả', type: 'DISTRICT_COMMAND' },
  { code: 'UONGBI', name: 'Ban CHQS thành phố Uông Bí', shortName: 'Uông Bí', type: 'DISTRICT_COMMAND' },
  { code: 'DONGTRIEU', name: 'Ban CHQS thị xã Đông Triều', shortName: 'Đông Triều', type: 'DISTRICT_COMMAND' },
  { code: 'QUANGYEN', name: 'Ban CHQS thị xã Quảng Yên', shortName: 'Quảng Yên', type: 'DISTRICT_COMMAND' },
  { code: 'BACHE', name: 'Ban CHQS huyện Ba Chẽ', shortName: 'Ba Chẽ', type: 'DISTRICT_COMMAND' },
  { code: 'BINHLIEU', name: 'Ban CHQS huyện Bình Liêu', shortName: 'Bình Liêu', type: 'DISTRICT_COMMAND' },
  { code: 'COTO', name: 'Ban CHQS huyện Cô Tô', shortName: 'Cô Tô', type: 'DISTRICT_COMMAND' },
  { code: 'DAMHA', name: 'Ban CHQS huyện Đầm Hà', shortName: 'Đầm Hà', type: 'DISTRICT_COMMAND' },
  { code: 'HAIHA', name: 'Ban CHQS huyện Hải Hà', shortName: 'Hải Hà', type: 'DISTRICT_COMMAND' },
  { code: 'TIENYEN', name: 'Ban CHQS huyện Tiên Yên', shortName: 'Tiên Yên', type: 'DISTRICT_COMMAND' },
  { code: 'VANDON', name: 'Ban CHQS huyện Vân Đồn', shortName: 'Vân Đồn', type: 'DISTRICT_COMMAND' },
  { code: 'E244', name: 'Trung đoàn 244', shortName: 'e244', type: 'REGIMENT' },
];

export const STAFF = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'ADMIN' },
  { username: 'officer', fullName: 'Đại úy Nguyễn Văn An (Ban Tuyên huấn)', role: 'OFFICER' },
  { username: 'commander', fullName: 'Đại tá Trần Quốc Hưng (Chỉ huy trưởng)', role: 'COMMANDER' },
] as const;

export const CAMPAIGN = {
  name: 'Lập công dâng Đảng',
  slogan: 'Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng',
  movements:
    'Phong trào Thi đua Quyết thắng năm 2021\nCuộc vận động "Phát huy truyền thống, cống hiến tài năng, xứng danh Bộ đội Cụ Hồ"',
  themes:
    'Giữ vững địa bàn an toàn và đà tăng trưởng trong trạng thái bình thường mới; đẩy nhanh tốc độ phát triển và hoàn thiện hệ thống kết cấu hạ tầng kinh tế - xã hội đồng bộ, hiện đại; thúc đẩy liên kết vùng',
  decisionNo: '15/QĐ-BCH',
  decisionDate: '2021-01-08',
  issuingAuthority: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh',
  startDate: '2021-01-10',
  endDate: '2021-06-30',
};

export const PERIODS = [
  { seq: 1, name: 'Đợt 1 (tháng 1–2/2021)', startDate: '2021-01-10', endDate: '2021-02-28' },
  { seq: 2, name: 'Đợt 2 (tháng 3–4/2021)', startDate: '2021-03-01', endDate: '2021-04-30' },
  { seq: 3, name: 'Đợt 3 (tháng 5–6/2021)', startDate: '2021-05-01', endDate: '2021-06-30' },
];

type C = { code: string; title: string; max: number; weight?: number; kind?: 'NORMAL' | 'BONUS' | 'PENALTY'; description?: string };
export const CRITERIA_GROUPS: { code: string; title: string; criteria: C[] }[] = [
  {
    code: 'A',
    title: 'Công tác đảng, công tác chính trị',
    criteria: [
      { code: 'A1', title: 'Bản lĩnh chính trị vững vàng, 100% cán bộ, chiến sĩ có lập trường tư tưởng kiên định', max: 10 },
      { code: 'A2', title: 'Quán triệt, triển khai nghị quyết, chỉ thị của cấp trên', max: 8 },
      { code: 'A3', title: 'Tuyên truyền, giáo dục, xây dựng điển hình tiên tiến', max: 7 },
    ],
  },
  {
    code: 'B',
    title: 'Huấn luyện, sẵn sàng chiến đấu',
    criteria: [
      { code: 'B1', title: 'Chất lượng huấn luyện, kiểm tra đạt khá, giỏi', max: 12 },
      { code: 'B2', title: 'Duy trì nghiêm chế độ trực sẵn sàng chiến đấu', max: 9 },
      { code: 'B3', title: 'Diễn tập khu vực phòng thủ, phòng chống thiên tai, tìm kiếm cứu nạn', max: 7 },
      { code: 'B4', title: 'Tuyển chọn, gọi công dân nhập ngũ đạt 100% chỉ tiêu', max: 7 },
    ],
  },
  {
    code: 'C',
    title: 'Xây dựng chính quy, quản lý kỷ luật',
    criteria: [
      { code: 'C1', title: 'Chấp hành pháp luật, kỷ luật quân đội', max: 8 },
      { code: 'C2', title: 'Xây dựng nền nếp chính quy, môi trường văn hóa', max: 6 },
      { code: 'C3', title: 'An toàn huấn luyện, an toàn giao thông', max: 6 },
    ],
  },
  {
    code: 'D',
    title: 'Công tác hậu cần, kỹ thuật, tài chính',
    criteria: [
      { code: 'D1', title: 'Bảo đảm đời sống bộ đội, tăng gia sản xuất', max: 5 },
      { code: 'D2', title: 'Quản lý, khai thác vũ khí, trang bị kỹ thuật', max: 4 },
      { code: 'D3', title: 'Quản lý tài chính đúng nguyên tắc', max: 3 },
    ],
  },
  {
    code: 'E',
    title: 'Xây dựng lực lượng dân quân tự vệ, dự bị động viên',
    criteria: [
      { code: 'E1', title: 'Xây dựng lực lượng dân quân tự vệ vững mạnh, rộng khắp', max: 4 },
      { code: 'E2', title: 'Đăng ký, quản lý, huấn luyện quân nhân dự bị', max: 4 },
    ],
  },
  {
    code: 'T',
    title: 'Điểm thưởng',
    criteria: [
      { code: 'T1', title: 'Thành tích đột xuất được cấp trên khen thưởng', max: 5, kind: 'BONUS' },
      { code: 'T2', title: 'Mô hình hiệu quả, cách làm hay được nhân rộng', max: 3, kind: 'BONUS' },
    ],
  },
  {
    code: 'K',
    title: 'Điểm trừ',
    criteria: [
      { code: 'K1', title: 'Vụ việc vi phạm kỷ luật', max: 10, kind: 'PENALTY' },
      { code: 'K2', title: 'Để xảy ra mất an toàn', max: 5, kind: 'PENALTY' },
    ],
  },
];

/**
 * What the peak campaign may close with: only the forms the catalogue allows a peak campaign (forPeak: Giấy khen and
 * Bằng khen, collective and individual), picked by catalogue code; name, scope and kind come from the catalogue.
 * The annual titles (ĐVQT, ĐVTT, CSTĐCS, CSTT, Cờ) belong to the year's regular campaign (src/demo/year.ts).
 * The caps are this campaign's own: Bằng khen for the best fifth of the units, Giấy khen for up to 30% of them;
 * individual forms as a share of the people who registered.
 */
export const TITLES = [
  { code: 'BK_BQP_DV', quotaPercent: 20, quotaBase: 'UNITS', minClass: 'XUAT_SAC' },
  { code: 'GK_DV', quotaPercent: 30, quotaBase: 'UNITS', minClass: 'KHA' },
  { code: 'BK_BQP_CN', quotaPercent: 15, quotaBase: 'REGISTERED', minClass: null },
  { code: 'GK_CN', quotaPercent: 70, quotaBase: 'REGISTERED', minClass: null },
] as const;

export const TIE_BREAKS = [{ kind: 'group', groupCode: 'B' }, { kind: 'fewerPenalty' }, { kind: 'latestPeriod' }];
export const CLASS_RULES = {
  thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 },
  conditions: [{ class: 'XUAT_SAC', noPenaltyInGroup: 'K' }],
};
