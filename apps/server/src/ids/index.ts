// Tables keyed by X's decimal ids, for the hot paths that ask about every record.
export { DecimalIdTable } from './decimal-id-table.js';
export { IdLru, type IdLruEntry } from './id-lru.js';
export { IdMap } from './id-map.js';
