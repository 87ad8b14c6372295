// The stemming token filters by their Elasticsearch names, each a factory from settings, for the registry:
//   porter_stem -> PorterStemFilter (Lucene's PorterStemmer), no settings;
//   snowball    -> SnowballFilter; language (or name), default "English", first letter upper-cased as
//                  SnowballTokenFilterFactory does: "English" (Porter2), "Porter", "Dutch", "German", "Russian",
//                  "Danish", "Swedish", "Norwegian", "Finnish", "French", "Spanish";
//                  "Irish", "Armenian", "Basque", "Lithuanian", "Estonian", "Serbian";
//   stemmer     -> StemmerTokenFilterFactory's English family; language (or name), default "porter",
//                  compared ignoring case: english and porter -> porter_stem, porter2 -> snowball English,
//                  minimal_english / minimalEnglish -> EnglishMinimalStemFilter, possessive_english /
//                  possessiveEnglish -> EnglishPossessiveFilter; light_french / lightFrench ->
//                  FrenchLightStemFilter, minimal_french / minimalFrench -> FrenchMinimalStemFilter;
//                  light_german / lightGerman -> GermanLightStemFilter, minimal_german / minimalGerman ->
//                  GermanMinimalStemFilter; light_spanish / lightSpanish -> SpanishLightStemFilter;
//                  light_italian / lightItalian -> ItalianLightStemFilter; light_portuguese /
//                  lightPortuguese -> PortugueseLightStemFilter; light_english / lightEnglish / kstem ->
//                  KStemFilter (kstemmer.ts); dutch -> snowball Dutch; german -> snowball German; russian ->
//                  snowball Russian, light_russian / lightRussian -> RussianLightStemFilter; arabic ->
//                  ArabicStemFilter, hindi -> HindiStemFilter, bengali -> BengaliStemFilter, sorani ->
//                  SoraniStemFilter (each on terms as given: no normalization first); czech, latvian,
//                  bulgarian, indonesian -> CzechStemFilter, LatvianStemFilter, BulgarianStemFilter,
//                  IndonesianStemFilter (derivational); light_swedish / lightSwedish, light_finnish /
//                  lightFinnish (and the old light_finish / lightFinish), light_hungarian / lightHungarian,
//                  light_norwegian / lightNorwegian and light_nynorsk / lightNynorsk (Bokmål and Nynorsk
//                  NorwegianLightStemmer), minimal_nynorsk / minimalNynorsk and minimal_norwegian ->
//                  savoy-light-stemmers.ts; greek -> GreekStemFilter (greek-stemmer.ts); brazilian -> BrazilianStemFilter
//                  (brazilian-stemmer.ts); irish, armenian, basque, lithuanian, estonian -> snowball
//                  Irish, Armenian, Basque, Lithuanian, Estonian. ES compares "minimalNorwegian" case-sensitively after
//                  capitalizing, so that spelling never matches and falls to the Snowball error;
//                  danish, swedish, norwegian, finnish, french, spanish -> the Snowball program of that
//                  language (the light_* and minimal_* names above keep the light stemmers);
//                  portuguese_rslp -> PortugueseStemFilter, minimal_portuguese / minimalPortuguese ->
//                  PortugueseMinimalStemFilter, galician -> GalicianStemFilter, minimal_galician ->
//                  GalicianMinimalStemFilter (the RSLP stemmers of rslp-stemmers.ts); serbian -> snowball Serbian;
//   kstem       -> KStemFilter, no settings.
// The Snowball italian, portuguese, romanian, catalan, hungarian and turkish programs are the `snowball`
// filter's "Italian", "Portuguese", "Romanian", "Catalan", "Hungarian", "Turkish" and the `stemmer` filter's
// italian, portuguese, romanian, catalan, hungarian, turkish (StemmerTokenFilterFactory maps those names to
// the Snowball classes; the light stemmers stay light_italian, light_portuguese, light_hungarian).
// Refused (the playground has no such stemmer): every other snowball program and every other stemmer
// language (the Snowball german2 among them, and dutch_kp / dutchKp / kp (KpStemmer)) and lovins. They fail as an unknown language fails in Elasticsearch 8: illegal_argument_exception
// "Invalid stemmer class specified: <Language>", the message of Lucene's SnowballFilter(TokenStream,
// String) when it finds no org.tartarus.snowball.ext.<Language>Stemmer class. Elasticsearch fails a bad
// `stemmer` language when the filter is defined, a bad `snowball` language only on first use; both fail
// at definition here.
import { stringSetting, type AnalysisSettings } from '../custom/analysis-settings.ts'
import { IllegalArgumentException, type TokenFilter } from '../token-list.ts'
import { englishMinimalStem } from './english-minimal-stemmer.ts'
import { EnglishPossessiveFilter } from './english-possessive-filter.ts'
import { frenchLightStem } from './french-light-stemmer.ts'
import { frenchMinimalStem } from './french-minimal-stemmer.ts'
import { germanLightStem } from './german-light-stemmer.ts'
import { germanMinimalStem } from './german-minimal-stemmer.ts'
import { italianLightStem } from './italian-light-stemmer.ts'
import { kstem } from './kstemmer.ts'
import { portugueseLightStem } from './portuguese-light-stemmer.ts'
import { spanishLightStem } from './spanish-light-stemmer.ts'
import { porterStem } from './porter-stemmer.ts'
import { russianLightStem } from './russian-light-stemmer.ts'
import { snowballDutchStem } from './snowball-dutch-stemmer.ts'
import { snowballGermanStem } from './snowball-german-stemmer.ts'
import { snowballRussianStem } from './snowball-russian-stemmer.ts'
import { snowballDanishStem } from './snowball-danish-stemmer.ts'
import { snowballSwedishStem } from './snowball-swedish-stemmer.ts'
import { snowballNorwegianStem } from './snowball-norwegian-stemmer.ts'
import { snowballFinnishStem } from './snowball-finnish-stemmer.ts'
import { snowballFrenchStem } from './snowball-french-stemmer.ts'
import { snowballSpanishStem } from './snowball-spanish-stemmer.ts'
import { snowballItalianStem } from './snowball-italian-stemmer.ts'
import { snowballPortugueseStem } from './snowball-portuguese-stemmer.ts'
import { snowballRomanianStem } from './snowball-romanian-stemmer.ts'
import { snowballCatalanStem } from './snowball-catalan-stemmer.ts'
import { snowballHungarianStem } from './snowball-hungarian-stemmer.ts'
import { snowballTurkishStem } from './snowball-turkish-stemmer.ts'
import { snowballEnglishStem } from './snowball-english-stemmer.ts'
import { snowballPorterStem } from './snowball-porter-stemmer.ts'
import { StemFilter } from './stem-filter.ts'
import { greekStem } from './greek-stemmer.ts'
import { brazilianStem } from './brazilian-stemmer.ts'
import { snowballIrishStem } from './snowball-irish-stemmer.ts'
import { snowballArmenianStem } from './snowball-armenian-stemmer.ts'
import { snowballBasqueStem } from './snowball-basque-stemmer.ts'
import { snowballLithuanianStem } from './snowball-lithuanian-stemmer.ts'
import { snowballEstonianStem } from './snowball-estonian-stemmer.ts'
import { snowballSerbianStem } from './snowball-serbian-stemmer.ts'
import { arabicStem } from './arabic-stemmer.ts'
import { bengaliStem, hindiStem } from './indic-light-stemmers.ts'
import { soraniStem } from './sorani-stemmer.ts'
import { bulgarianStem } from './bulgarian-stemmer.ts'
import { czechStem } from './czech-stemmer.ts'
import { indonesianStem } from './indonesian-stemmer.ts'
import { latvianStem } from './latvian-stemmer.ts'
import {
  galicianMinimalStem,
  galicianStem,
  portugueseMinimalStem,
  portugueseRslpStem,
} from './rslp-stemmers.ts'
import {
  finnishLightStem,
  hungarianLightStem,
  norwegianLightStem,
  norwegianMinimalStem,
  swedishLightStem,
} from './savoy-light-stemmers.ts'

/** The snowball programs by their Lucene class name prefix (case-sensitive, as Class.forName is). */
const SNOWBALL_PROGRAMS: ReadonlyMap<string, (term: string) => string> = new Map([
  ['English', snowballEnglishStem],
  ['Porter', snowballPorterStem],
  ['Dutch', snowballDutchStem],
  ['German', snowballGermanStem],
  ['Russian', snowballRussianStem],
  ['Danish', snowballDanishStem],
  ['Swedish', snowballSwedishStem],
  ['Norwegian', snowballNorwegianStem],
  ['Finnish', snowballFinnishStem],
  ['French', snowballFrenchStem],
  ['Spanish', snowballSpanishStem],
  ['Italian', snowballItalianStem],
  ['Portuguese', snowballPortugueseStem],
  ['Romanian', snowballRomanianStem],
  ['Catalan', snowballCatalanStem],
  ['Hungarian', snowballHungarianStem],
  ['Turkish', snowballTurkishStem],
  ['Irish', snowballIrishStem],
  ['Armenian', snowballArmenianStem],
  ['Basque', snowballBasqueStem],
  ['Lithuanian', snowballLithuanianStem],
  ['Estonian', snowballEstonianStem],
  ['Serbian', snowballSerbianStem],
])

/** Elasticsearch's Strings.capitalize: Character.toUpperCase on the first char (one char to one char). */
function capitalize(text: string): string {
  const first = text.charAt(0)
  const upper = first.toUpperCase()
  return (upper.length === 1 ? upper : first) + text.slice(1)
}

function languageSetting(settings: AnalysisSettings, fallback: string): string {
  return stringSetting(settings, 'language') ?? stringSetting(settings, 'name') ?? fallback
}

/** Lucene's SnowballFilter(input, name): the named program, or the error for a missing class. */
export function snowballFilter(name: string): StemFilter {
  const stem = SNOWBALL_PROGRAMS.get(name)
  if (!stem) throw new IllegalArgumentException(`Invalid stemmer class specified: ${name}`)
  return new StemFilter('snowball', stem)
}

export function porterStemTokenFilter(): TokenFilter {
  return new StemFilter('porter_stem', porterStem)
}

export function kstemTokenFilter(): TokenFilter {
  return new StemFilter('kstem', kstem)
}

export function snowballTokenFilter(settings: AnalysisSettings): TokenFilter {
  return snowballFilter(capitalize(languageSetting(settings, 'English')))
}

/** Each of the lower-cased names to a `stemmer` filter over `stem`. */
function aliases(names: readonly string[], stem: (term: string) => string): [string, () => TokenFilter][] {
  return names.map((name) => [name, () => new StemFilter('stemmer', stem)])
}

/** StemmerTokenFilterFactory's languages the playground has, lower-cased, to the filter each builds. */
const STEMMERS: ReadonlyMap<string, () => TokenFilter> = new Map<string, () => TokenFilter>([
  ['english', () => new StemFilter('stemmer', porterStem)],
  ['porter', () => new StemFilter('stemmer', porterStem)],
  ['porter2', () => new StemFilter('stemmer', snowballEnglishStem)],
  ['minimal_english', () => new StemFilter('stemmer', englishMinimalStem)],
  ['minimalenglish', () => new StemFilter('stemmer', englishMinimalStem)],
  ['possessive_english', () => new EnglishPossessiveFilter()],
  ['possessiveenglish', () => new EnglishPossessiveFilter()],
  ['light_french', () => new StemFilter('stemmer', frenchLightStem)],
  ['lightfrench', () => new StemFilter('stemmer', frenchLightStem)],
  ['minimal_french', () => new StemFilter('stemmer', frenchMinimalStem)],
  ['minimalfrench', () => new StemFilter('stemmer', frenchMinimalStem)],
  ['light_german', () => new StemFilter('stemmer', germanLightStem)],
  ['lightgerman', () => new StemFilter('stemmer', germanLightStem)],
  ['minimal_german', () => new StemFilter('stemmer', germanMinimalStem)],
  ['minimalgerman', () => new StemFilter('stemmer', germanMinimalStem)],
  ['light_spanish', () => new StemFilter('stemmer', spanishLightStem)],
  ['lightspanish', () => new StemFilter('stemmer', spanishLightStem)],
  ['light_italian', () => new StemFilter('stemmer', italianLightStem)],
  ['lightitalian', () => new StemFilter('stemmer', italianLightStem)],
  ['light_portuguese', () => new StemFilter('stemmer', portugueseLightStem)],
  ['lightportuguese', () => new StemFilter('stemmer', portugueseLightStem)],
  ['light_english', () => new StemFilter('stemmer', kstem)],
  ['lightenglish', () => new StemFilter('stemmer', kstem)],
  ['kstem', () => new StemFilter('stemmer', kstem)],
  ['dutch', () => new StemFilter('stemmer', snowballDutchStem)],
  ['german', () => new StemFilter('stemmer', snowballGermanStem)],
  ['russian', () => new StemFilter('stemmer', snowballRussianStem)],
  ['light_russian', () => new StemFilter('stemmer', russianLightStem)],
  ['lightrussian', () => new StemFilter('stemmer', russianLightStem)],
  ['arabic', () => new StemFilter('stemmer', arabicStem)],
  ['hindi', () => new StemFilter('stemmer', hindiStem)],
  ['bengali', () => new StemFilter('stemmer', bengaliStem)],
  ['sorani', () => new StemFilter('stemmer', soraniStem)],
  ['czech', () => new StemFilter('stemmer', czechStem)],
  ['latvian', () => new StemFilter('stemmer', latvianStem)],
  ['bulgarian', () => new StemFilter('stemmer', bulgarianStem)],
  ['indonesian', () => new StemFilter('stemmer', indonesianStem)],
  ...aliases(['light_swedish', 'lightswedish'], swedishLightStem),
  ...aliases(['light_finnish', 'lightfinnish', 'light_finish', 'lightfinish'], finnishLightStem),
  ...aliases(['light_hungarian', 'lighthungarian'], hungarianLightStem),
  ...aliases(['light_norwegian', 'lightnorwegian'], norwegianLightStem('bokmaal')),
  ...aliases(['light_nynorsk', 'lightnynorsk'], norwegianLightStem('nynorsk')),
  ...aliases(['minimal_norwegian'], norwegianMinimalStem('bokmaal')),
  ...aliases(['minimal_nynorsk', 'minimalnynorsk'], norwegianMinimalStem('nynorsk')),
  ...aliases(['danish'], snowballDanishStem),
  ...aliases(['swedish'], snowballSwedishStem),
  ...aliases(['norwegian'], snowballNorwegianStem),
  ...aliases(['finnish'], snowballFinnishStem),
  ...aliases(['french'], snowballFrenchStem),
  ...aliases(['spanish'], snowballSpanishStem),
  ...aliases(['italian'], snowballItalianStem),
  ...aliases(['portuguese'], snowballPortugueseStem),
  ...aliases(['romanian'], snowballRomanianStem),
  ...aliases(['catalan'], snowballCatalanStem),
  ...aliases(['hungarian'], snowballHungarianStem),
  ...aliases(['turkish'], snowballTurkishStem),
  ...aliases(['greek'], greekStem),
  ...aliases(['brazilian'], brazilianStem),
  ...aliases(['irish'], snowballIrishStem),
  ...aliases(['armenian'], snowballArmenianStem),
  ...aliases(['basque'], snowballBasqueStem),
  ...aliases(['lithuanian'], snowballLithuanianStem),
  ...aliases(['estonian'], snowballEstonianStem),
  ...aliases(['portuguese_rslp'], portugueseRslpStem),
  ...aliases(['minimal_portuguese', 'minimalportuguese'], portugueseMinimalStem),
  ...aliases(['galician'], galicianStem),
  ...aliases(['minimal_galician'], galicianMinimalStem),
  ...aliases(['serbian'], snowballSerbianStem),
])

export function stemmerTokenFilter(settings: AnalysisSettings): TokenFilter {
  const language = capitalize(languageSetting(settings, 'porter'))
  const build = STEMMERS.get(language.toLowerCase())
  return build ? build() : snowballFilter(language)
}
