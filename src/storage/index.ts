export { AtomicJsonFile, temporaryPath } from './atomic-json-file.js';
export { lockFolder } from './folder-lock.js';
export { StorageError, type StorageErrorCode, type StorageErrorContext } from './errors.js';
export { ID_PATTERN } from './ids.js';
export { LikeStore, type LikeStoreOptions, type MemberLikes } from './like-store.js';
export type { LikeEntry, ServerDocument } from './server-document.js';
export type { AdapterFactory } from './server-files.js';
