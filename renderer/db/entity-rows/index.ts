export { readEntityRows, getEntityRows, countEntityRows, entityChangeStamp, readRowsInScope } from './read';
export { putEntityRows, writePulledPage, pageWriteTables, PAGE_RECORD_MIN_ROWS } from './write';
export type { PulledPage, PageLayout } from './write';
export { compactEntity, compactIfWorthIt, needsCompaction, OVERLAY_COMPACT_ROWS } from './compact';
export { overlayTable, rowTablesFor, layoutKey, pagesOf, genOf, ROWS_PER_PAGE } from './tables';
export type { PageTarget } from './tables';
export { mergeEntityRows, sortById, chunk } from './merge';
export { readPages, nextFreeSeq } from './page-cache';
