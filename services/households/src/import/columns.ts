import type { ImportFileKind } from '@anbu/contracts/rpc';

/**
 * The columns an imported file may have, by the contract field they fill, with the headers
 * accepted for each (Korean first, then English). Headers match ignoring case, spaces, `_`,
 * `-` and `.`.
 */
export const HOUSEHOLD_COLUMNS = {
  name: ['이름', '성명', '수급자명', 'name'],
  districtCode: ['읍면동코드', '행정동코드', '읍면동', 'districtCode', 'district'],
  type: ['가구유형', 'type', 'householdType'],
  riskLevel: ['위험도', '위기도', 'riskLevel', 'risk'],
  memberCount: ['가구원수', 'memberCount', 'members'],
  'address.road': ['주소', '도로명주소', 'address', 'road', 'addressRoad'],
  'address.detail': ['상세주소', 'addressDetail', 'detail'],
  'address.postalCode': ['우편번호', 'postalCode', 'zip'],
  'location.lat': ['위도', 'lat', 'latitude'],
  'location.lng': ['경도', 'lng', 'longitude', 'lon'],
  'contact.phone': ['연락처', '전화번호', 'phone'],
  'contact.name': ['연락처이름', '연락대상', 'contactName'],
  'contact.relation': ['관계', '연락처관계', 'relation', 'contactRelation'],
  dietaryTags: ['식이', '식이태그', 'dietaryTags', 'diet'],
  allergens: ['알레르기', '알레르기유발', 'allergens'],
  dietaryNotes: ['식이메모', 'dietaryNotes'],
  accessNotes: ['출입메모', '방문메모', 'accessNotes'],
  careNotes: ['돌봄메모', '건강메모', 'careNotes'],
  'preferredWindow.from': ['선호시작', '선호시간시작', 'preferredFrom'],
  'preferredWindow.to': ['선호종료', '선호시간종료', 'preferredTo'],
  'consent.givenOn': ['동의일', '동의일자', 'consentGivenOn', 'consentDate'],
  'consent.scopes': ['동의범위', 'consentScopes'],
  'consent.method': ['동의방법', 'consentMethod'],
  programId: ['프로그램', '프로그램id', 'programId', 'program'],
  startsOn: ['시작일', '등록시작일', 'startsOn', 'start'],
  endsOn: ['종료일', 'endsOn', 'end'],
} as const;

/** The columns of an enrolments file. */
export const ENROLMENT_COLUMNS = {
  householdId: ['가구id', '가구번호', 'householdId', 'household'],
  programId: HOUSEHOLD_COLUMNS.programId,
  startsOn: HOUSEHOLD_COLUMNS.startsOn,
  endsOn: HOUSEHOLD_COLUMNS.endsOn,
  note: ['메모', '비고', 'note'],
} as const;

/** A header as compared: lower case, without spaces and separators. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_.\-()]/g, '');
}

/** Which contract field each column of the file fills; unknown headers are reported. */
export function mapHeaders(
  kind: ImportFileKind,
  headers: readonly string[],
): { fields: Map<string, number>; unknown: string[]; duplicated: string[] } {
  const table: Record<string, readonly string[]> =
    kind === 'households' ? HOUSEHOLD_COLUMNS : ENROLMENT_COLUMNS;
  const byAlias = new Map<string, string>();
  for (const [field, aliases] of Object.entries(table)) {
    for (const alias of aliases) byAlias.set(normaliseHeader(alias), field);
  }
  const fields = new Map<string, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((header, index) => {
    if (header === '') return;
    const field = byAlias.get(normaliseHeader(header));
    if (field === undefined) unknown.push(header);
    else if (fields.has(field)) duplicated.push(header);
    else fields.set(field, index);
  });
  return { fields, unknown, duplicated };
}

/** Korean labels a caseworker may type for coded values, by field. English codes pass as they are. */
export const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  type: {
    독거노인: 'elderly_alone',
    노인단독: 'elderly_alone',
    노인부부: 'elderly_couple',
    중장년1인: 'middle_aged_alone',
    중장년단독: 'middle_aged_alone',
    청년1인: 'young_alone',
    아동가장: 'child_headed',
    한부모: 'single_parent',
    다자녀: 'multi_child',
    장애인: 'disability',
    위기가구: 'crisis',
    기타: 'other',
  },
  riskLevel: { 낮음: 'low', 보통: 'medium', 높음: 'high', 위급: 'critical', 매우높음: 'critical' },
  'contact.relation': {
    본인: 'self',
    가족: 'family',
    보호자: 'guardian',
    이웃: 'neighbour',
    기타: 'other',
  },
  'consent.scopes': {
    배달: 'delivery',
    서비스: 'delivery',
    민감정보: 'sensitive_data',
    제3자제공: 'data_sharing',
    정보공유: 'data_sharing',
  },
  'consent.method': { 서면: 'written', 구두: 'verbal', 전자: 'digital', 보호자: 'guardian' },
  dietaryTags: {
    연식: 'soft_food',
    당뇨: 'diabetic',
    저염: 'low_salt',
    채식: 'vegetarian',
    돼지고기제외: 'no_pork',
    할랄: 'halal',
    영유아: 'infant',
    안매운: 'no_spicy',
  },
  allergens: {
    땅콩: 'peanut',
    견과류: 'tree_nut',
    달걀: 'egg',
    계란: 'egg',
    우유: 'milk',
    밀: 'wheat',
    메밀: 'buckwheat',
    대두: 'soy',
    생선: 'fish',
    조개: 'shellfish',
    갑각류: 'crustacean',
    돼지고기: 'pork',
    쇠고기: 'beef',
    닭고기: 'chicken',
    복숭아: 'peach',
    토마토: 'tomato',
    참깨: 'sesame',
  },
};

/** A coded value in the contract's spelling: a Korean label translated, a code kept. */
export function translateValue(field: string, value: string): string {
  return VALUE_LABELS[field]?.[value.replace(/\s/g, '')] ?? value;
}
