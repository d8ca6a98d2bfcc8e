import IndexSearchPage from '../index-search';

/** 推荐: what the cities recommended (推荐) to the province, newest first; open and adopt as in the index. */
export default function RecommendationsPage() {
  return <IndexSearchPage recommendedOnly />;
}
