export * from './objects.ts';
export * from './render.ts';
