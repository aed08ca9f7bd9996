import { describe, expect, it } from 'vitest';
import { planShards, shardEnv, ShardPlanError } from '../../src/lib/build/shards.ts';

const reports = [
  { rel: 'gongzhuling-maochengzi/2019.md', province: '吉林省', city: '长春市' },
  { rel: 'fuyuan-hanconggou/2020.md', province: '黑龙江省', city: '佳木斯市' },
  { rel: 'gongzhuling-maochengzi/2020.md', province: '吉林省', city: '长春市' },
  { rel: 'yongji-yilaxi/2014.md', province: '吉林省', city: '吉林市' },
];

describe('planning shards', () => {
  it('one shard per province, named by its slug, reports sorted', () => {
    expect(planShards(reports, 'province')).toEqual([
      { name: 'heilongjiang', label: '黑龙江省', reports: ['fuyuan-hanconggou/2020.md'] },
      { name: 'jilin', label: '吉林省', reports: ['gongzhuling-maochengzi/2019.md', 'gongzhuling-maochengzi/2020.md', 'yongji-yilaxi/2014.md'] },
    ]);
  });
  it('one shard per prefecture city', () => {
    expect(planShards(reports, 'city').map((s) => [s.name, s.label, s.reports.length])).toEqual([
      ['heilongjiang-jiamusi', '黑龙江省佳木斯市', 1],
      ['jilin-changchun', '吉林省长春市', 2],
      ['jilin-jilin', '吉林省吉林市', 1],
    ]);
  });
  it('a report without a city cannot go to a city shard: the error names it', () => {
    expect(() => planShards([{ rel: 'a-b/2020.md', province: '吉林省' }], 'city')).toThrow(/a-b\/2020\.md: city is empty/);
  });
  it('山西 and 陕西 get different shards', () => {
    expect(planShards([{ rel: 'a-b/2020.md', province: '山西省' }, { rel: 'c-d/2020.md', province: '陕西省' }], 'province').map((s) => s.name)).toEqual(['shaanxi', 'shanxi']);
  });
  it('each shard builds under its own path and reads the others\' indexes', () => {
    const plan = planShards(reports, 'province');
    expect(shardEnv(plan, 'jilin', 'shards/jilin/reports', '/gk/ndbg')).toEqual({
      CONTENT_DIR: 'shards/jilin/reports',
      BASE_PATH: '/gk/ndbg/jilin/',
      SEARCH_EXTRA_INDEXES: '../../heilongjiang/search-index/parts.json',
    });
    expect(() => shardEnv(plan, 'hunan', '/x')).toThrow(ShardPlanError);
  });
});
