/** Time-aware checks (issue 7): pure, browser-safe. See docs/time-aware-checks.md. */
export * from './numbers';
export * from './price-parser';
export * from './claims';
export * from './rules';
export * from './check';
