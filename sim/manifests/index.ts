export * from './objects.ts';
export * from './render.ts';
export * from './kueue-config.ts';
