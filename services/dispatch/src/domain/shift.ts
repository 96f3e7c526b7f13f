import type { Carrier, ShiftInput } from '@anbu/contracts';
import { seoulDate } from '@anbu/contracts';

/** A refusal naming the input field at fault. */
export interface FieldRefusal {
  readonly field: string;
  readonly message: string;
}

/**
 * Checks a roster against the carriers it names: each carrier must exist and be active, and
 * each shift must start on its `date` (Asia/Seoul). Returns every refusal, each naming
 * `shifts.<i>.<field>`.
 */
export function checkShifts(options: {
  shifts: readonly ShiftInput[];
  carriers: ReadonlyMap<string, Pick<Carrier, 'id' | 'active'>>;
}): FieldRefusal[] {
  const refusals: FieldRefusal[] = [];
  options.shifts.forEach((shift, i) => {
    const carrier = options.carriers.get(shift.carrierId);
    if (carrier === undefined)
      refusals.push({ field: `shifts.${i}.carrierId`, message: 'unknown carrier' });
    else if (!carrier.active)
      refusals.push({ field: `shifts.${i}.carrierId`, message: 'carrier is inactive' });
    if (seoulDate(new Date(shift.window.start)) !== shift.date) {
      refusals.push({
        field: `shifts.${i}.window.start`,
        message: `must start on ${shift.date} (Asia/Seoul)`,
      });
    }
  });
  return refusals;
}
