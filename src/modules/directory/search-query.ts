/**
 * Turns what a person typed ("colis alimentaire", "avocat gratuit",
 * "domicilation") into a search: groups of alternative words (thesaurus
 * synonyms, typo corrections) and the data·inclusion thematiques the words
 * point to. Pure: the thesaurus is an argument.
 */

import {
  closestSpelling,
  isSlipOf,
  type SpellingCandidate,
  spellingCandidates,
} from "./spelling.ts";

export type ThesaurusEntry = { mots: string[]; synonymes: string[]; thematiques: string[] };
export type Thesaurus = { entries: ThesaurusEntry[]; mots_vides: string[] };

/** One need in the query: any of `alternatives` (each a phrase of words) matches. */
export type TermGroup = { typed: string; alternatives: string[][]; correctedFrom?: string };

export type ParsedQuery = {
  groups: TermGroup[];
  thematiques: string[];
  /** Normalised text for trigram similarity on names. */
  normalized: string;
};

/** Lower case, no accents, only letters and digits: what every comparison uses. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[œ]/g, "oe")
    .replace(/[æ]/g, "ae")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\s+/g, " ");
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const result = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  return result;
}

/** pg_trgm's similarity(): shared trigrams over all trigrams. */
export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  const total = left.size + right.size - shared;
  return total === 0 ? 0 : shared / total;
}

export { editDistance } from "./spelling.ts";

const MAX_QUERY_LENGTH = 200;
const MAX_GROUPS = 8;
const FUZZY_THRESHOLD = 0.45;

type Phrase = { words: string[]; entry: ThesaurusEntry };

function phrasesOf(thesaurus: Thesaurus): Phrase[] {
  return thesaurus.entries
    .flatMap((entry) => entry.mots.map((mot) => ({ words: normalize(mot).split(" "), entry })))
    .sort((a, b) => b.words.length - a.words.length);
}

/**
 * `indexed`: words of the query the index holds as they are (a real word such
 * as « foyer » is not a slip for « loyer »); they get no edit-distance fix.
 */
export function parseQuery(
  raw: string,
  thesaurus: Thesaurus,
  indexed: ReadonlySet<string> = new Set(),
): ParsedQuery {
  const normalized = normalize(raw.slice(0, MAX_QUERY_LENGTH));
  const tokens = normalized ? normalized.split(" ") : [];
  const stopWords = new Set(thesaurus.mots_vides.map(normalize));
  const phrases = phrasesOf(thesaurus);
  const groups: TermGroup[] = [];
  const thematiques = new Set<string>();

  const addEntry = (typed: string, entry: ThesaurusEntry, correctedFrom?: string) => {
    const alternatives = [typed, ...entry.mots, ...entry.synonymes]
      .map((phrase) =>
        normalize(phrase)
          .split(" ")
          .filter((word) => !stopWords.has(word)),
      )
      .filter((words) => words.length > 0);
    groups.push({
      typed,
      alternatives: dedupe(alternatives),
      ...(correctedFrom ? { correctedFrom } : {}),
    });
    for (const thematique of entry.thematiques) thematiques.add(thematique);
  };

  let index = 0;
  while (index < tokens.length && groups.length < MAX_GROUPS) {
    // A phrase as written, or else a phrase of two words or more with a slip
    // in some of its words (« epicerie solidère », « violances conjugales »).
    const phrase =
      phrases.find(
        (candidate) =>
          candidate.words.length > 0 &&
          candidate.words.every((word, offset) => tokens[index + offset] === word),
      ) ??
      phrases.find(
        (candidate) =>
          candidate.words.length > 1 &&
          candidate.words.every((word, offset) => isSlipOf(tokens[index + offset] ?? "", word)),
      );
    if (phrase) {
      const written = tokens.slice(index, index + phrase.words.length).join(" ");
      const typed = phrase.words.join(" ");
      addEntry(typed, phrase.entry, written === typed ? undefined : written);
      index += phrase.words.length;
      continue;
    }
    const token = tokens[index] ?? "";
    index++;
    if (stopWords.has(token) || token.length < 2) continue;
    const fuzzy =
      token.length >= 4
        ? (closestWord(token, thesaurus, indexed.has(token)) ?? closestPhrase(token, phrases))
        : undefined;
    if (fuzzy) addEntry(fuzzy.words.join(" "), fuzzy.entry, token);
    else groups.push({ typed: token, alternatives: [[token]] });
  }
  return { groups, thematiques: [...thematiques], normalized };
}

function closestPhrase(token: string, phrases: Phrase[]): Phrase | undefined {
  let best: Phrase | undefined;
  let bestScore = FUZZY_THRESHOLD;
  for (const phrase of phrases) {
    if (phrase.words.length !== 1) continue;
    const score = trigramSimilarity(token, phrase.words[0] ?? "");
    if (score > bestScore) {
      best = phrase;
      bestScore = score;
    }
  }
  return best;
}

const candidatesByThesaurus = new WeakMap<Thesaurus, SpellingCandidate<ThesaurusEntry>[]>();

/**
 * The thesaurus word (a one-word « mot » or « synonyme ») the typed word most
 * likely meant (spelling.ts: slips on the letters or on the sound); ties go to
 * the first entry. A word the index holds as typed is only corrected to a word
 * that sounds the same.
 */
function closestWord(token: string, thesaurus: Thesaurus, indexed: boolean): Phrase | undefined {
  let candidates = candidatesByThesaurus.get(thesaurus);
  if (!candidates) {
    candidates = spellingCandidates(
      // An entry's « mots » first: a word that is one entry's « mot » and
      // another's « synonyme » (« facture ») means the first.
      (["mots", "synonymes"] as const).flatMap((list) =>
        thesaurus.entries.flatMap((entry) =>
          entry[list]
            .map(normalize)
            .filter((word) => !word.includes(" "))
            .map((word) => ({ word, value: entry })),
        ),
      ),
    );
    candidatesByThesaurus.set(thesaurus, candidates);
  }
  const found = closestSpelling(token, candidates, indexed);
  return found && { words: [found.word], entry: found.value };
}

function dedupe(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((words) => {
    const key = words.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A `to_tsquery` text: phrases with `<->`, alternatives with `|`, groups
 * joined by `&` (every need must match) or `|` (any, the fallback when the
 * strict query finds nothing). Words are [a-z0-9] only: nothing typed can
 * reach the query syntax.
 */
export function toTsQuery(groups: TermGroup[], join: "&" | "|"): string {
  return groups
    .map(
      (group) =>
        `(${group.alternatives
          .map((words) => words.map((word) => word.replace(/[^a-z0-9]/g, "")).join(" <-> "))
          .filter(Boolean)
          .join(" | ")})`,
    )
    .filter((group) => group !== "()")
    .join(` ${join} `);
}
