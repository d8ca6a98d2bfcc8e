import { searchTables } from '@syn/chinese-text';

/** Province-scope search (scope_code = the province), beside the province's own pool search in the same database. */
export const INDEX_SEARCH_TABLES = searchTables('index_search', 'story_index_texts', 'story_id');
