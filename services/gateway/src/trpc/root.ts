import { createCallerFactory, router } from './init.js';
import { adminRouter } from './routers/admin.js';
import { apiKeysRouter } from './routers/api-keys.js';
import { authRouter } from './routers/auth.js';
import { careRouter } from './routers/care.js';
import { dispatchRouter } from './routers/dispatch.js';
import { donationsRouter } from './routers/donations.js';
import { householdsRouter } from './routers/households.js';
import { matchingRouter } from './routers/matching.js';
import { systemRouter } from './routers/system.js';

/** The one router of the gateway; the web app imports only its type. */
export const appRouter = router({
  auth: authRouter,
  system: systemRouter,
  households: householdsRouter,
  donations: donationsRouter,
  dispatch: dispatchRouter,
  matching: matchingRouter,
  care: careRouter,
  apiKeys: apiKeysRouter,
  admin: adminRouter,
});

/** The type the web app's tRPC client is built from. */
export type AppRouter = typeof appRouter;

/** Calls procedures in-process with a given context (tests, server-side jobs). */
export const createCaller = createCallerFactory(appRouter);
