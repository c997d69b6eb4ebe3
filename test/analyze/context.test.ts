import { describe, expect, it } from 'vitest';
import { inferProductCategory, splitSentences } from '../../lib/analyze/context';
import { Matcher } from '../../lib/analyze/matcher';

describe('inferProductCategory', () => {
  const cases: [string, string | undefined][] = [
    ['感冒灵颗粒 国药准字Z44021940', 'drug'],
    ['医用冷敷贴 粤械备20200123号', 'medical_device'],
    ['某品牌蛋白粉 国食健注G20190001', 'health_food'],
    ['蓝帽子 鱼油软胶囊', 'health_food'],
    ['全营养配方 国食注字TY20180001', 'special_medical_food'],
    ['1段婴儿配方奶粉 国食注字YP20170001', 'infant_formula'],
    ['压片糖果 SC12344010600123', 'ordinary_food'],
    ['酵素固体饮料', 'ordinary_food'],
    ['美白精华 国妆特字G20200001', 'cosmetics'],
    ['保湿面霜 粤G妆网备字2021001234', 'cosmetics'],
    ['抑菌洗液 卫消证字(2020)第0001号', 'disinfection'],
    ['玻尿酸面霜 50ml', 'cosmetics'],
    ['53度酱香型白酒', 'alcohol'],
    ['考研数学冲刺课程', 'education'],
    ['奶茶加盟', 'investment'],
    ['纯棉T恤', undefined],
  ];
  for (const [title, cat] of cases) it(title, () => expect(inferProductCategory({ title })).toBe(cat));
  it('marks in the spoken text count too', () => {
    expect(inferProductCategory({ text: '我们这个是国药准字H20000001的' })).toBe('drug');
  });
});

describe('sentences', () => {
  it('splits on 。！？；\\n and keeps 9.9', () => {
    const s = '第一句。第二句!第三句?第四;价格9.9元\n最后';
    expect(splitSentences(s).map(([a, b]) => s.slice(a, b))).toEqual(['第一句', '第二句', '第三句', '第四', '价格9.9元', '最后']);
  });
});

describe('Matcher', () => {
  it('finds overlapping terms (Aho–Corasick)', () => {
    const m = new Matcher(['he', 'she', 'his', 'hers', '最好', '好', '最好的']);
    const got = m.findAll('ushers 最好的').map((h) => `${h.term}@${h.start}-${h.end}`);
    expect(got.sort()).toEqual(['0@2-4', '1@1-4', '3@2-6', '4@7-9', '5@8-9', '6@7-10'].sort());
  });
  it('handles duplicates and many terms', () => {
    const terms = Array.from({ length: 3000 }, (_, i) => `词${i}号`);
    terms.push('词1号');
    const m = new Matcher(terms);
    const hits = m.findAll('这是词1号和词2999号');
    expect(hits.map((h) => terms[h.term]).sort()).toEqual(['词1号', '词1号', '词2999号']);
  });
});
