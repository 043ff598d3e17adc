export * from './errors.js';
export * from './permissions.js';
export * from './roles.js';
export * from './summary.js';
export * from './types.js';
export * from './workorders.js';
