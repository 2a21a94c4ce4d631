export * from './calendar.ts';
export * from './defaults.ts';
export * from './schema.ts';
export * from './plan.ts';
export * from './ics.ts';
