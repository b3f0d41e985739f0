// The canonical ERP API: contract types, OpenAPI document, and the typed client.
export * from './contract';
export * from './client';
export * from './openapi';
export * from './openapi-governance';
export * from './schemas';
