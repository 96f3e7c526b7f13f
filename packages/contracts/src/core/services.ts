import { z } from 'zod';

/** The services of DESIGN.md that own data and talk over the bus. */
export const SERVICE_NAMES = ['households', 'donations', 'matching', 'dispatch', 'care'] as const;

/** A service name, as used in subjects, schemas and consumer names. */
export const serviceNameSchema = z.enum(SERVICE_NAMES);
export type ServiceName = z.infer<typeof serviceNameSchema>;
