// The canonical domain: types, branded scalars, runtime validation, entity registry, snapshot.
export * from './brands';
export * from './records';
export * from './decision';
export * from './fields';
export * from './specs';
export * from './entities';
export * from './schemas';
export * from './validate';
export * from './snapshot';
export * from './examples';
