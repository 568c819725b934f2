import type { KbKind } from '../../src/server/db/schema.ts';
import { type KbEntryInput, slugify } from '../../src/server/kb/kbStore.ts';
import { type Random, seededRandom } from '../lib/random.ts';

/** An entry of the demo corpus, as the generator learns from it. */
export interface SampleEntry {
  kind: KbKind;
  title: string;
  body: string;
  tags: string[];
  issueAreas: string[];
}

/**
 * A first-order Markov chain over words (punctuation kept on the words), learnt from sentences.
 * Trained on the demo corpus it writes text with the product's vocabulary and its word pairs
 * ("saml assertion", "signing certificate"), so the FTS index and kb_terms look like a real
 * knowledge base's, not like random letters.
 */
class WordChain {
  private readonly starts: string[] = [];
  private readonly followers = new Map<string, string[]>();
  private readonly ends = new Set<string>();

  learn(words: string[]): void {
    if (words.length === 0) return;
    this.starts.push(words[0]!);
    this.ends.add(words[words.length - 1]!);
    for (let i = 0; i + 1 < words.length; i++) {
      const list = this.followers.get(words[i]!);
      if (list) list.push(words[i + 1]!);
      else this.followers.set(words[i]!, [words[i + 1]!]);
    }
  }

  get size(): number {
    return this.starts.length;
  }

  /** One sentence of about `length` words: past it, the sentence ends at the next word that ended a
   * learnt sentence (within 15 more words). */
  sentence(random: Random, length: number): string[] {
    const out = [random.pick(this.starts)];
    while (out.length < length + 15) {
      const last = out[out.length - 1]!;
      if (out.length >= length && this.ends.has(last)) break;
      const next = this.followers.get(last);
      if (!next) break;
      out.push(random.pick(next));
    }
    return out;
  }
}

const SENTENCE_END = /(?<=[.?!])\s+/;
/** Markdown marks the chain should not learn (it writes plain paragraphs and its own headings). */
const MARKUP = /[*`>#|]|^\s*(?:\d+\.|[-+])\s+/g;

function plainSentences(body: string): string[][] {
  const out: string[][] = [];
  for (const line of body.split('\n')) {
    if (/^\s*#/.test(line) || /^\s*```/.test(line)) continue;
    const text = line.replace(MARKUP, ' ').trim();
    if (!text) continue;
    for (const sentence of text.split(SENTENCE_END)) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length >= 3) out.push(words);
    }
  }
  return out;
}

/** Syllables for made-up tenant, app and host names: the long tail of a real vocabulary. */
const SYLLABLES = (
  'ka ro vel tri mon dax lu ne qua zor bri sta fen gol mi ter pla vio sen dra ko lim nor pex ' +
  'ral tu ven ca bo mer xi lan dor fi gra hol pen su wex'
).split(' ');

/** The index-th made-up name (distinct for distinct indexes). */
export function madeUpName(index: number): string {
  let x = index + SYLLABLES.length; // at least two syllables
  let name = '';
  while (x > 0) {
    name += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  }
  return name;
}

const topicOf = (s: SampleEntry) => s.issueAreas[0] ?? 'other';

const URL_PREFIX: Record<KbKind, string> = {
  kb_article: 'https://help.identity-cloud.example/kb',
  product_doc: 'https://help.identity-cloud.example/docs',
  community_question: 'https://community.identity-cloud.example/questions',
};

export interface KbGeneratorOptions {
  /** how many entries will be generated (sizes the pool of made-up names) */
  entries: number;
  seed?: number;
  /** share of drafts (customers do not see them) */
  draftShare?: number;
}

/**
 * Writes realistic knowledge base entries: titles and bodies from word chains learnt from the demo
 * corpus per topic (an entry's first issue area; 15% of sentences from the whole corpus), shaped by
 * kind (articles with Symptoms/Cause/Resolution, docs with sections, community questions with an
 * accepted answer), tags and issue areas as the demo corpus combines them, plus
 * a long tail — error codes (Zipf-like over E0000000–E0000999), made-up tenant/app/host names
 * (a pool of 0.6 × entries), a rare transposition typo in community posts — so the vocabulary
 * grows with the corpus as a real one does (Heaps' law), which matters for typo correction.
 */
export function kbEntryGenerator(samples: SampleEntry[], options: KbGeneratorOptions) {
  if (samples.length === 0) throw new Error('The corpus generator needs sample entries (the demo corpus)');
  const random = seededRandom(options.seed ?? 20261129);
  const draftShare = options.draftShare ?? 0.03;
  const namePool = Math.max(500, Math.round(options.entries * 0.6));
  // Chains per topic (an entry's first issue area) keep entries topical, as real ones are: an MFA
  // article rarely says "SAML", so a word's share of entries stays near the demo corpus's.
  const allTitles = new WordChain();
  const allBodies = new WordChain();
  const titles = new Map<string, WordChain>();
  const bodies = new Map<string, WordChain>();
  const chainOf = (map: Map<string, WordChain>, topic: string) => {
    const chain = map.get(topic) ?? new WordChain();
    map.set(topic, chain);
    return chain;
  };
  const tags: string[] = [];
  const docHeadings: string[] = [];
  for (const s of samples) {
    const topic = topicOf(s);
    const titleWords = s.title.split(/\s+/).filter(Boolean);
    chainOf(titles, topic).learn(titleWords);
    allTitles.learn(titleWords);
    for (const sentence of plainSentences(s.body)) {
      chainOf(bodies, topic).learn(sentence);
      allBodies.learn(sentence);
    }
    tags.push(...s.tags);
    if (s.kind === 'product_doc') {
      for (const m of s.body.matchAll(/^#{2,3}\s+(.+)$/gm)) docHeadings.push(m[1]!.trim());
    }
  }
  if (docHeadings.length === 0) docHeadings.push('Overview', 'Configure', 'Limits');

  const errorCode = () => `E0000${String(random.skewed(1000, 2)).padStart(3, '0')}`;
  const name = () => madeUpName(random.skewed(namePool, 2));
  const tail = (): string[] => {
    switch (random.int(5)) {
      case 0:
        return ['with', errorCode()];
      case 1:
        return ['for', 'the', name(), 'app'];
      case 2:
        return ['on', `${name()}.example.com`];
      case 3:
        return ['in', 'tenant', name()];
      default:
        return [`(${errorCode()})`];
    }
  };
  const typo = (word: string) => {
    if (word.length < 5 || !/^[a-z]+$/.test(word)) return word;
    const i = 1 + random.int(word.length - 3);
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  };

  const sentence = (topic: string, typos: boolean): string => {
    const chain = random.chance(0.85) ? (bodies.get(topic) ?? allBodies) : allBodies;
    let words = chain.sentence(random, random.between(8, 28));
    if (random.chance(0.12)) words = [...words.slice(0, -1), ...tail(), words[words.length - 1]!];
    if (typos) words = words.map((w) => (random.chance(0.01) ? typo(w) : w));
    const text = words.join(' ');
    return /[.?!:]$/.test(text) ? text : `${text.replace(/[,;]$/, '')}.`;
  };
  const paragraph = (topic: string, sentences: number, typos = false) =>
    Array.from({ length: sentences }, () => sentence(topic, typos)).join(' ');

  const body = (kind: KbKind, topic: string): string => {
    switch (kind) {
      case 'kb_article': {
        const steps = Array.from(
          { length: random.between(3, 6) },
          (_, i) => `${i + 1}. ${sentence(topic, false)}`,
        );
        return [
          '## Symptoms',
          paragraph(topic, random.between(2, 4)),
          '',
          '## Cause',
          paragraph(topic, random.between(2, 4)),
          '',
          '## Resolution',
          ...steps,
        ].join('\n');
      }
      case 'product_doc': {
        const parts = [paragraph(topic, random.between(2, 4))];
        for (let i = random.between(2, 3); i > 0; i--) {
          parts.push('', `## ${random.pick(docHeadings)}`, paragraph(topic, random.between(2, 5)));
        }
        return parts.join('\n');
      }
      case 'community_question':
        return [
          paragraph(topic, random.between(2, 4), true),
          '',
          '## Accepted answer',
          paragraph(topic, random.between(3, 6)),
        ].join('\n');
    }
  };

  const title = (topic: string): string => {
    const chain = random.chance(0.75) ? (titles.get(topic) ?? allTitles) : allTitles;
    let words = chain.sentence(random, random.between(4, 12));
    if (words.length < 3) words = [...words, ...allTitles.sentence(random, 6)];
    if (random.chance(0.15)) words.push(...tail());
    const text = words.join(' ').replace(/[.,;:]$/, '');
    return (text.charAt(0).toUpperCase() + text.slice(1)).slice(0, 200);
  };

  return {
    /** The index-th entry (slugs and urls are unique by index). */
    entry(index: number): KbEntryInput {
      const template = random.pick(samples);
      const kind = template.kind;
      const topic = topicOf(template);
      const t = title(topic);
      const slug = `${slugify(t).slice(0, 60).replace(/-+$/, '')}-g${index}`;
      const entryTags = new Set<string>();
      for (const tag of template.tags) if (random.chance(0.5)) entryTags.add(tag);
      while (entryTags.size < 2) entryTags.add(random.pick(tags));
      if (random.chance(0.1)) entryTags.add(errorCode());
      return {
        slug,
        kind,
        title: t,
        body: body(kind, topic),
        issueAreas: template.issueAreas,
        tags: [...entryTags].slice(0, 6),
        url: `${URL_PREFIX[kind]}/${slug}`,
        status: random.chance(draftShare) ? 'draft' : 'published',
      };
    },
  };
}
