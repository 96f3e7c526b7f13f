/** Thresholds of the smoke run: it fails when the gateway errs or answers slowly. */
export const SMOKE_THRESHOLDS = {
  http_req_failed: ['rate<0.01'],
  'http_req_duration{name:healthz}': ['p(95)<200'],
  'http_req_duration{name:login}': ['p(95)<1500'],
  checks: ['rate>0.99'],
};
