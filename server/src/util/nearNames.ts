// "Did you mean …?": near names by edit distance, shared by every suggestion the product makes (unknown schema
// fields, missing Secrets, Services, ConfigMaps).

/**
 * Edit distance counting an adjacent swap as one edit (optimal string alignment): `auht` is one typo from `auth`.
 * Stops early once the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrev[j - 2]! + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    beforePrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Candidates close to `word`, best first: within a small edit distance (case-insensitive), or one contains the
 * other (`foo-cert` ↔ `foo-certificate`, a common naming drift).
 */
export function nearNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const scored: { name: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === word) continue;
    const c = candidate.toLowerCase();
    const distance = editDistance(w, c, limit);
    const contains = w.length >= 3 && c.length >= 3 && (c.includes(w) || w.includes(c));
    if (distance <= limit || contains) scored.push({ name: candidate, score: contains && distance > limit ? limit + 0.5 : distance });
  }
  return scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1)).slice(0, max).map((s) => s.name);
}

/** The single closest candidate, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return nearNames(word, candidates, 1)[0];
}
