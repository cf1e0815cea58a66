/**
 * Spelling slips in the words people type: a small French phonetic key
 * (« alimentère » and « alimentaire » sound alike) and the optimal string
 * alignment distance, where swapping two neighbouring letters is one slip
 * (« avocta »). Pure; Relais's own rules, written for the thesaurus's words.
 */

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and
 * transpositions of two neighbouring letters each cost 1. Trigrams miss the
 * typos of short words (« avocta » shares 3 of 10 trigrams with « avocat »);
 * this counts them as the one slip they are.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}

/** Each rule rewrites spellings of one sound into one form; order matters. */
const SOUND_RULES: [RegExp, string][] = [
  // Silent endings: « avocats », « permit », « dettes ».
  [/[sx]$/, ""],
  [/e$/, ""],
  [/[td]$/, ""],
  [/ph/g, "f"],
  [/qu?/g, "k"],
  [/gu(?=[eiy])/g, "g"],
  [/g(?=[eiy])/g, "j"],
  [/c(?=[eiy])/g, "s"],
  [/sch|ch|sh/g, "S"],
  [/ck|c/g, "k"],
  [/h/g, ""],
  [/w/g, "v"],
  [/y/g, "i"],
  [/x/g, "ks"],
  [/z/g, "s"],
  [/t(?=io)/g, "s"],
  [/eau|au/g, "o"],
  // Nasal vowels before a consonant or at the end (« an », « en », « in », « ain »…).
  [/[ae]in(?![aeiou])/g, "I"],
  [/[ae][nm](?![aeiou])/g, "A"],
  [/[iu][nm](?![aeiou])/g, "I"],
  [/o[nm](?![aeiou])/g, "O"],
  [/ai|ei/g, "e"],
  [/er$|ez$/, "e"],
  [/ou/g, "u"],
  [/(.)\1+/g, "$1"],
];

/**
 * A key that two spellings of the same French sound share: « ébergement »
 * and « hebergement », « domicilliation » and « domiciliation »,
 * « alimentère » and « alimentaire ». Takes a normalised word ([a-z0-9]).
 */
export function phoneticKey(word: string): string {
  let key = word;
  for (const [pattern, replacement] of SOUND_RULES) key = key.replace(pattern, replacement);
  return key;
}

/** Slips tolerated for a word of this length: 1 from 4 letters, 2 from 8. */
export function toleratedSlips(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

export type SpellingCandidate<T> = { word: string; key: string; value: T };

/** The candidates of a vocabulary with their keys, worked out once. */
export function spellingCandidates<T>(
  words: Iterable<{ word: string; value: T }>,
): SpellingCandidate<T>[] {
  const seen = new Set<string>();
  const result: SpellingCandidate<T>[] = [];
  for (const { word, value } of words) {
    if (seen.has(word)) continue;
    seen.add(word);
    result.push({ word, key: phoneticKey(word), value });
  }
  return result;
}

/**
 * The candidate the typed word most likely meant: the fewest slips, counted
 * on the letters or on the sound (whichever is fewer), within what the
 * word's length tolerates. `soundOnly`: accept only a word that sounds the
 * same (the typed word is a real word elsewhere, « foyer » is not « loyer »).
 * Ties go to the fewest slips on the letters, then to the first candidate.
 */
export function closestSpelling<T>(
  typed: string,
  candidates: SpellingCandidate<T>[],
  soundOnly = false,
): SpellingCandidate<T> | undefined {
  const typedKey = phoneticKey(typed);
  const tolerated = toleratedSlips(typed.length);
  let best: SpellingCandidate<T> | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate.word.length < 4 && candidate.word !== typed) continue;
    if (Math.abs(candidate.word.length - typed.length) > tolerated + 2) continue;
    const soundsAlike = candidate.key === typedKey && typed.length >= 4;
    if (soundOnly && !soundsAlike) continue;
    const byLetters = editDistance(typed, candidate.word);
    const slips = soundsAlike ? 0 : Math.min(byLetters, editDistance(typedKey, candidate.key));
    if (slips > Math.min(tolerated, toleratedSlips(candidate.word.length))) continue;
    // Slips first; the letters break ties (a tenth of a slip each).
    const score = slips + byLetters / 10;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Is `typed` a slip for `word` (same sound, or few enough slips for both lengths)? */
export function isSlipOf(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (typed.length < 4 || word.length < 4) return false;
  if (phoneticKey(typed) === phoneticKey(word)) return true;
  const tolerated = Math.min(toleratedSlips(typed.length), toleratedSlips(word.length));
  return (
    Math.abs(typed.length - word.length) <= tolerated && editDistance(typed, word) <= tolerated
  );
}
