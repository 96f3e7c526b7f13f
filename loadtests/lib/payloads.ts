/** Today + `days` in Asia/Seoul as `YYYY-MM-DD`. */
export function seoulDate(days = 0): string {
  const at = new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000);
  return at.toISOString().slice(0, 10);
}

/** A partner's donation for a cold-wave surge: blankets and instant food, picked up tomorrow. */
export function donation(note: string, i: number) {
  const tomorrow = seoulDate(1);
  return {
    items: [
      {
        category: 'bedding',
        description: '겨울 이불',
        quantity: 5 + (i % 20),
        unit: 'piece',
        weightKg: 12,
        storageClass: 'ambient',
      },
      {
        category: 'instant_food',
        description: '라면 묶음',
        quantity: 10 + (i % 50),
        unit: 'box',
        weightKg: 6,
        storageClass: 'ambient',
        expiresOn: seoulDate(120),
        expiryKind: 'best_before',
      },
    ],
    pickup: {
      placeName: '익산 파트너 창고',
      address: '전북 익산시 중앙로 1',
      location: { lat: 35.95 + (i % 100) / 10_000, lng: 126.96 + (i % 100) / 10_000 },
      window: { start: `${tomorrow}T09:00:00+09:00`, end: `${tomorrow}T12:00:00+09:00` },
    },
    note,
  };
}

/** An ad-hoc need a caseworker files for a household in a cold wave. */
export function need(householdId: string, note: string) {
  return {
    householdId,
    category: 'bedding',
    description: '전기장판',
    quantity: 1,
    unit: 'piece',
    deadline: seoulDate(3),
    priority: 60,
    note,
  };
}
