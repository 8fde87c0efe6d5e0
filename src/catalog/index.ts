export { Catalog } from './catalog.js';
export { choiceName, MAX_CHOICE_NAME_LENGTH } from './choice-name.js';
export { CatalogError, type CatalogErrorCode } from './errors.js';
export { normaliseText } from './normalise.js';
export { MAX_QUERY_LENGTH } from './query.js';
export type { Resolution, TitleMatch } from './types.js';
