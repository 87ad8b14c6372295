// The stop word sets of the armenian, basque and lithuanian analyzers, by Elasticsearch's `_<language>_`
// names, each the set its Lucene 9 analyzer loads by default ('#' comment lines skipped), in the file's
// order. Each list is one space-separated string.
// _armenian_: ArmenianAnalyzer.getDefaultStopSet(), Lucene's hy/stopwords.txt.
// _basque_: BasqueAnalyzer.getDefaultStopSet(), Lucene's eu/stopwords.txt.
// _lithuanian_: LithuanianAnalyzer.getDefaultStopSet(), Lucene's lt/stopwords.txt.
// Lucene's files were read in copies (bleve's analysis/lang packages, taken from Lucene's resources);
// see docs/DEVIATIONS.md for the two words where copies disagree.
// Data only: no logic here; stop-words.ts resolves the names.

const words = (list: string): readonly string[] => list.split(' ')

export const ARMENIAN_STOP_WORDS: readonly string[] = words(
  'այդ այլ այն այս դու դուք եմ են ենք ես եք է էի էին էինք էիր էիք էր ըստ թ ի ին իսկ իր կամ համար հետ ' +
    'հետո մենք մեջ մի ն նա նաև նրա նրանք որ որը որոնք որպես ու ում պիտի վրա և',
)

export const BASQUE_STOP_WORDS: readonly string[] = words(
  'al anitz arabera asko baina bat batean batek bati batzuei batzuek batzuetan batzuk bera beraiek berau ' +
    'berauek bere berori beroriek beste bezala da dago dira ditu du dute edo egin ere eta eurak ez gainera ' +
    'gu gutxi guzti haiei haiek haietan hainbeste hala han handik hango hara hari hark hartan hau hauei ' +
    'hauek hauetan hemen hemendik hemengo hi hona honek honela honetan honi hor hori horiei horiek ' +
    'horietan horko horra horrek horrela horretan horri hortik hura izan ni noiz nola non nondik nongo nor ' +
    'nora ze zein zen zenbait zenbat zer zergatik ziren zituen zu zuek zuen zuten',
)

export const LITHUANIAN_STOP_WORDS: readonly string[] = words(
  'ant apie ar arba aš be bei bet bus būti būtų buvo dėl gali į iki ir iš ja ją jai jais jam jame jas ' +
    'jei ji jį jie jiedu jiedvi jiedviem jiedviese jiems jis jo jodviem jog joje jomis joms jos jose jų ' +
    'judu judvi judviejų jųdviejų judviem judviese jumis jums jumyse juo juodu juodviese juos juose jus ' +
    'jūs jūsų ką kad kai kaip kas kiek kol kur kurie kuris man mane manęs manimi mano manyje mes metu ' +
    'mudu mudvi mudviejų mudviem mudviese mumis mums mumyse mus mūsų nei nes net nors nuo o pat per po ' +
    'prie prieš sau save savęs savimi savo savyje su tačiau tada tai taip tas tau tave tavęs tavimi ' +
    'tavyje tiek ten to todėl tu tuo už visi yra',
)
