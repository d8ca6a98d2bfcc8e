/**
 * Function words that carry no search or near-duplicate signal in news copy.
 *
 * Kept deliberately small: every entry here is a word a curator can never
 * find on its own, so over-eager entries would silently make stories
 * unfindable. Content-bearing single characters (市, 县, 党, 网 …) stay out.
 */
export const CHINESE_STOPWORDS: ReadonlySet<string> = new Set([
  // particles, prepositions, conjunctions
  '的', '地', '得', '了', '着', '过', '之', '其', '所', '以', '于', '与', '及', '和', '或', '而',
  '且', '并', '则', '即', '乃', '把', '被', '将', '对', '为', '在', '从', '向', '由', '给', '让',
  '也', '就', '都', '又', '还', '但', '却', '再', '已', '很', '更', '最', '是', '有', '等',
  '吗', '呢', '吧', '啊', '呀', '么', '哦', '嘛', '啦',
  // pronouns and demonstratives
  '我', '你', '他', '她', '它', '您', '这', '那', '此', '该', '每', '各', '个',
  // the latin equivalents that show up in mixed copy
  'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'for', 'is', 'are',
]);
