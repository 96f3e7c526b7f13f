import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RpcRemoteError } from '@anbu/bus';
import {
  countHouseholds,
  getHousehold,
  importHouseholdsFile,
  listEnrolments,
  recordConsent,
  registerHousehold,
} from '@anbu/contracts/rpc';

import type { HouseholdsHarness } from './testing/harness.js';
import {
  caseworkerA,
  FIXTURE,
  householdInput,
  seedDirectory,
  startHouseholds,
  systemActor,
} from './testing/harness.js';

const csv = (lines: readonly (readonly string[])[]) =>
  Buffer.from(
    '\uFEFF' +
      lines
        .map((cells) =>
          cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
        )
        .join('\r\n'),
    'utf8',
  ).toString('base64');

async function xlsx(rows: readonly (readonly unknown[])[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('가구');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const KOREAN_HEADERS = [
  '이름',
  '읍면동코드',
  '가구유형',
  '위험도',
  '가구원수',
  '주소',
  '상세주소',
  '위도',
  '경도',
  '연락처',
  '식이',
  '돌봄메모',
  '동의일',
  '동의범위',
  '동의방법',
  '프로그램',
  '시작일',
];

describe('households file import', () => {
  let h: HouseholdsHarness;
  beforeAll(async () => {
    h = await startHouseholds();
    await seedDirectory(h.bus);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  const total = async () =>
    (await h.bus.request(countHouseholds, {}, { actor: systemActor })).total;
  const A = FIXTURE.districtA;

  it('should import a CSV with Korean headers and labels, with consents and enrolments, once per key', async () => {
    const content = csv([
      KOREAN_HEADERS,
      [
        '김순자',
        A,
        '독거노인',
        '높음',
        '1',
        '익산시 무왕로 88',
        '101동 302호',
        '35.9488',
        '126.9318',
        '010-0123-4567',
        '연식',
        '',
        '2026-11-01',
        '배달',
        '서면',
        FIXTURE.programId,
        '2026-12-01',
      ],
      [
        '박철수',
        A,
        '중장년1인',
        '보통',
        '1',
        '익산시 인북로 10',
        '',
        '35.95',
        '126.96',
        '010-2222-3333',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        '이영희',
        A,
        'multi_child',
        'critical',
        '5',
        '익산시 선화로 3',
        '',
        '35.94',
        '126.95',
        '010-4444-5555',
        '저염, 당뇨',
        '당뇨, 낙상 위험',
        '2026-10-15',
        '배달; 민감정보',
        '구두',
        '',
        '',
      ],
    ]);
    const before = await total();
    const options = { actor: caseworkerA, idempotencyKey: 'import-2026-11-25-a' };
    const report = await h.bus.request(
      importHouseholdsFile,
      { kind: 'households', format: 'csv', contentBase64: content },
      options,
    );
    expect(report).toMatchObject({ status: 'imported', rows: 3, existing: 0, rejected: [] });
    expect(report.createdIds).toHaveLength(3);
    expect(await total()).toBe(before + 3);

    const [kim, , lee] = report.createdIds;
    const first = await h.bus.request(getHousehold, { householdId: kim ?? '' }, options);
    expect(first).toMatchObject({
      name: '김순자',
      type: 'elderly_alone',
      riskLevel: 'high',
      address: { road: '익산시 무왕로 88', detail: '101동 302호' },
      contact: { name: '김순자', phone: '010-0123-4567', relation: 'self' },
      dietaryTags: ['soft_food'],
    });
    const third = await h.bus.request(getHousehold, { householdId: lee ?? '' }, options);
    expect(third).toMatchObject({
      dietaryTags: ['low_salt', 'diabetic'],
      careNotes: '당뇨, 낙상 위험',
    });
    const enrolments = await h.bus.request(listEnrolments, { householdId: kim }, options);
    expect(enrolments.items).toEqual([
      expect.objectContaining({
        programId: FIXTURE.programId,
        startsOn: '2026-12-01',
        status: 'active',
      }),
    ]);

    const again = await h.bus.request(
      importHouseholdsFile,
      { kind: 'households', format: 'csv', contentBase64: content },
      options,
    );
    // The retry is answered with the first answer, and stores nothing twice.
    expect(again).toEqual(report);
    expect(await total()).toBe(before + 3);
  });

  it('should reject a file row by row, naming row, field and column, and store nothing', async () => {
    const headers = [
      'name',
      'districtCode',
      'type',
      'riskLevel',
      'memberCount',
      'address',
      'lat',
      'lng',
      'phone',
      'careNotes',
      'consentGivenOn',
      'consentScopes',
      'consentMethod',
      'programId',
      'startsOn',
    ];
    const ok = [
      'Kim',
      A,
      'elderly_alone',
      'low',
      '1',
      'Muwang-ro 88',
      '35.9',
      '126.9',
      '010-1111-2222',
    ];
    const content = csv([
      headers,
      [...ok, '', '', '', '', '', ''],
      [
        'Park',
        A,
        'elderly_alone',
        'low',
        '0',
        'Inbuk-ro 10',
        '35.9',
        '126.9',
        '010-1111-2222',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [...ok, '', '', '', '', FIXTURE.programId, '2026-12-01'],
      [...ok, 'depression, lives alone', '2026-11-01', 'delivery', 'written', '', ''],
      [
        'Lee',
        FIXTURE.districtB,
        'elderly_alone',
        'low',
        '1',
        'Hamyeol 1',
        '36.0',
        '126.9',
        '010-1111-2222',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        'Choi',
        A,
        'astronaut',
        'low',
        '1',
        '',
        'north',
        '126.9',
        '010-1111-2222',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
    const before = await total();
    const report = await h.bus.request(
      importHouseholdsFile,
      { kind: 'households', format: 'csv', contentBase64: content },
      { actor: caseworkerA },
    );
    expect(report.status).toBe('rejected');
    expect(report.createdIds).toEqual([]);
    const seen = report.rejected.map((r) => `${r.row} ${r.field} ${r.column ?? '-'}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        '3 memberCount memberCount',
        '4 consent -',
        '5 careNotes careNotes',
        '6 districtCode districtCode',
        '7 type type',
        '7 address.road address',
        '7 location.lat lat',
      ]),
    );
    expect(report.rejected.some((r) => r.row === 2)).toBe(false);
    expect(report.rejected.find((r) => r.field === 'careNotes')?.reason).toMatch(/sensitive_data/);
    expect(await total()).toBe(before);
  });

  it('should import an XLSX file with date and number cells, and validate only on a dry run', async () => {
    const content = await xlsx([
      KOREAN_HEADERS,
      [
        '정말순',
        A,
        '노인부부',
        '보통',
        2,
        '익산시 목천로 5',
        null,
        35.93,
        126.94,
        '010-7777-8888',
        null,
        null,
        new Date(Date.UTC(2026, 10, 2)),
        '배달',
        '서면',
        FIXTURE.programId,
        new Date(Date.UTC(2026, 11, 1)),
      ],
    ]);
    const before = await total();
    const dry = await h.bus.request(
      importHouseholdsFile,
      { kind: 'households', format: 'xlsx', contentBase64: content, dryRun: true },
      { actor: caseworkerA },
    );
    expect(dry).toMatchObject({ status: 'validated', rows: 1, createdIds: [], rejected: [] });
    expect(await total()).toBe(before);

    const report = await h.bus.request(
      importHouseholdsFile,
      { kind: 'households', format: 'xlsx', contentBase64: content },
      { actor: caseworkerA },
    );
    expect(report.status).toBe('imported');
    const id = report.createdIds[0] ?? '';
    const household = await h.bus.request(
      getHousehold,
      { householdId: id },
      { actor: caseworkerA },
    );
    expect(household).toMatchObject({
      type: 'elderly_couple',
      memberCount: 2,
      location: { lat: 35.93 },
    });
    const enrolments = await h.bus.request(
      listEnrolments,
      { householdId: id },
      { actor: caseworkerA },
    );
    expect(enrolments.items[0]).toMatchObject({ startsOn: '2026-12-01' });
  });

  it('should import enrolments all or nothing, refusing a household without consent', async () => {
    const consented = await h.bus.request(
      registerHousehold,
      householdInput({ careNotes: undefined }),
      {
        actor: caseworkerA,
      },
    );
    await h.bus.request(
      recordConsent,
      { householdId: consented.id, scopes: ['delivery'], givenOn: '2026-11-01', method: 'written' },
      { actor: caseworkerA },
    );
    const without = await h.bus.request(
      registerHousehold,
      householdInput({ careNotes: undefined }),
      {
        actor: caseworkerA,
      },
    );
    const headers = ['가구ID', '프로그램', '시작일'];
    const refused = await h.bus.request(
      importHouseholdsFile,
      {
        kind: 'enrolments',
        format: 'csv',
        contentBase64: csv([
          headers,
          [consented.id, FIXTURE.programId, '2026-12-01'],
          [without.id, FIXTURE.programId, '2026-12-01'],
        ]),
      },
      { actor: caseworkerA },
    );
    expect(refused.status).toBe('rejected');
    expect(refused.rejected).toEqual([expect.objectContaining({ row: 3, field: 'consent' })]);
    expect(refused.rejected[0]?.reason).toMatch(/consent/);
    const none = await h.bus.request(
      listEnrolments,
      { householdId: consented.id },
      { actor: caseworkerA },
    );
    expect(none.items).toEqual([]);

    const imported = await h.bus.request(
      importHouseholdsFile,
      {
        kind: 'enrolments',
        format: 'csv',
        contentBase64: csv([headers, [consented.id, FIXTURE.programId, '2026-12-01']]),
      },
      { actor: caseworkerA, idempotencyKey: 'enrol-file-0001' },
    );
    expect(imported).toMatchObject({ status: 'imported', existing: 0 });
    expect(imported.createdIds).toHaveLength(1);
  });

  it('should refuse a file that is not what it claims, naming contentBase64', async () => {
    const error = await h.bus
      .request(
        importHouseholdsFile,
        { kind: 'households', format: 'xlsx', contentBase64: csv([['a'], ['b']]) },
        { actor: caseworkerA },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
    expect((error as RpcRemoteError).issues[0]?.path).toBe('contentBase64');
  });
});
