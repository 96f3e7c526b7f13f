/** How a 읍면동 is classed: urban 동, town 읍, rural 면. */
export type DistrictKind = 'dong' | 'eup' | 'myeon';

/** The caseworker team a district belongs to (a welfare office's area of work). */
export type DistrictGroup = 'old_town' | 'new_town' | 'north' | 'east_south';

export interface DistrictSeed {
  /** 10-digit administrative code in the style of 행정동 codes (익산시 = 52140). */
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: DistrictKind;
  readonly group: DistrictGroup;
  readonly centre: { readonly lat: number; readonly lng: number };
  /** Relative number of supported households (urban 동 are denser). */
  readonly weight: number;
}

/**
 * The 20 읍면동 of the Iksan-like demo city. Centres approximate the real places; codes and
 * boundaries are invented (boundaries are Voronoi cells of the centres).
 */
export const DISTRICT_SEEDS: readonly DistrictSeed[] = [
  {
    code: '5214051000',
    name: '중앙동',
    nameEn: 'Jungang-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9432, lng: 126.9515 },
    weight: 9,
  },
  {
    code: '5214052000',
    name: '평화동',
    nameEn: 'Pyeonghwa-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9352, lng: 126.9468 },
    weight: 8,
  },
  {
    code: '5214053000',
    name: '인화동',
    nameEn: 'Inhwa-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9394, lng: 126.9575 },
    weight: 8,
  },
  {
    code: '5214054000',
    name: '동산동',
    nameEn: 'Dongsan-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9301, lng: 126.9652 },
    weight: 7,
  },
  {
    code: '5214055000',
    name: '마동',
    nameEn: 'Ma-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9505, lng: 126.9598 },
    weight: 7,
  },
  {
    code: '5214056000',
    name: '남중동',
    nameEn: 'Namjung-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9448, lng: 126.9668 },
    weight: 7,
  },
  {
    code: '5214057000',
    name: '모현동',
    nameEn: 'Mohyeon-dong',
    kind: 'dong',
    group: 'new_town',
    centre: { lat: 35.9488, lng: 126.9318 },
    weight: 9,
  },
  {
    code: '5214058000',
    name: '송학동',
    nameEn: 'Songhak-dong',
    kind: 'dong',
    group: 'new_town',
    centre: { lat: 35.9372, lng: 126.9335 },
    weight: 7,
  },
  {
    code: '5214059000',
    name: '영등동',
    nameEn: 'Yeongdeung-dong',
    kind: 'dong',
    group: 'new_town',
    centre: { lat: 35.9598, lng: 126.9712 },
    weight: 9,
  },
  {
    code: '5214060000',
    name: '어양동',
    nameEn: 'Eoyang-dong',
    kind: 'dong',
    group: 'new_town',
    centre: { lat: 35.9652, lng: 126.9862 },
    weight: 8,
  },
  {
    code: '5214061000',
    name: '부송동',
    nameEn: 'Busong-dong',
    kind: 'dong',
    group: 'new_town',
    centre: { lat: 35.9741, lng: 126.9738 },
    weight: 8,
  },
  {
    code: '5214062000',
    name: '삼성동',
    nameEn: 'Samseong-dong',
    kind: 'dong',
    group: 'new_town',
    centre: { lat: 35.9566, lng: 126.9462 },
    weight: 6,
  },
  {
    code: '5214063000',
    name: '신동',
    nameEn: 'Sin-dong',
    kind: 'dong',
    group: 'old_town',
    centre: { lat: 35.9618, lng: 126.9568 },
    weight: 6,
  },
  {
    code: '5214025000',
    name: '함열읍',
    nameEn: 'Hamyeol-eup',
    kind: 'eup',
    group: 'north',
    centre: { lat: 36.0782, lng: 126.9641 },
    weight: 6,
  },
  {
    code: '5214031000',
    name: '오산면',
    nameEn: 'Osan-myeon',
    kind: 'myeon',
    group: 'north',
    centre: { lat: 35.9801, lng: 126.9102 },
    weight: 3,
  },
  {
    code: '5214032000',
    name: '황등면',
    nameEn: 'Hwangdeung-myeon',
    kind: 'myeon',
    group: 'north',
    centre: { lat: 36.0112, lng: 126.9448 },
    weight: 4,
  },
  {
    code: '5214033000',
    name: '여산면',
    nameEn: 'Yeosan-myeon',
    kind: 'myeon',
    group: 'east_south',
    centre: { lat: 36.0551, lng: 127.0852 },
    weight: 3,
  },
  {
    code: '5214034000',
    name: '금마면',
    nameEn: 'Geumma-myeon',
    kind: 'myeon',
    group: 'east_south',
    centre: { lat: 36.0014, lng: 127.0476 },
    weight: 4,
  },
  {
    code: '5214035000',
    name: '왕궁면',
    nameEn: 'Wanggung-myeon',
    kind: 'myeon',
    group: 'east_south',
    centre: { lat: 35.9705, lng: 127.0598 },
    weight: 3,
  },
  {
    code: '5214036000',
    name: '춘포면',
    nameEn: 'Chunpo-myeon',
    kind: 'myeon',
    group: 'east_south',
    centre: { lat: 35.9041, lng: 126.9953 },
    weight: 3,
  },
];

/** The convex outline the district cells are clipped to (counter-clockwise, open). */
export const CITY_OUTLINE: readonly { readonly lat: number; readonly lng: number }[] = [
  { lat: 35.872, lng: 126.905 },
  { lat: 35.872, lng: 127.04 },
  { lat: 35.915, lng: 127.105 },
  { lat: 36.05, lng: 127.135 },
  { lat: 36.11, lng: 127.09 },
  { lat: 36.118, lng: 126.965 },
  { lat: 36.07, lng: 126.895 },
  { lat: 35.955, lng: 126.872 },
  { lat: 35.9, lng: 126.878 },
];
