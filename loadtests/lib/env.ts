/** Where the gateway runs and which demo user signs in (k6 `-e NAME=value`). */
export const BASE_URL = __ENV['ANBU_BASE_URL'] ?? 'http://127.0.0.1:8080';
export const LOGIN = __ENV['ANBU_LOGIN'] ?? 'dispatcher';
export const PASSWORD = __ENV['ANBU_PASSWORD'] ?? '';
