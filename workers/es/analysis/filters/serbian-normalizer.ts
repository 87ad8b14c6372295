// Lucene 9's SerbianNormalizationFilter (the `serbian_normalization` token filter), per UTF-16 char of a
// lower-case term: Serbian Cyrillic becomes Latin, and Latin loses its diacritics ("bald" Latin):
// а->a б->b в->v г->g д->d е->e и->i ј->j к->k л->l м->m н->n о->o п->p р->r с->s т->t у->u ф->f х->h;
// ж з ž -> z; ћ ц ч č ć -> c; ш š -> s; ђ đ -> dj; љ -> lj; њ -> nj; џ -> dz. Every other char (upper case
// included, as the filter expects lower-case input) is kept.

const FOLDS: ReadonlyMap<string, string> = new Map([
  ...Object.entries({
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    и: 'i',
    ј: 'j',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'h',
    љ: 'lj',
    њ: 'nj',
    џ: 'dz',
  }),
  ...[...'жзž'].map((c) => [c, 'z'] as const),
  ...[...'ћцчčć'].map((c) => [c, 'c'] as const),
  ...[...'шš'].map((c) => [c, 's'] as const),
  ...[...'ђđ'].map((c) => [c, 'dj'] as const),
])

export function serbianNormalize(term: string): string {
  return term
    .split('')
    .map((c) => FOLDS.get(c) ?? c)
    .join('')
}
