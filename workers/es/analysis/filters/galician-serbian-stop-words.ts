// The stop word sets of the galician and serbian analyzers, by Elasticsearch's `_<language>_` names, each
// the set its Lucene 9 analyzer loads by default ('#' comment lines skipped), in the file's order. Each
// list is one space-separated string.
// _galician_: GalicianAnalyzer.getDefaultStopSet(), Lucene's gl/stopwords.txt, read in two copies that
// agree (bleve's analysis/lang/gl, taken from Lucene 4.7.2, and lucenekmp's GalicianAnalyzer port).
// _serbian_: SerbianAnalyzer.getDefaultStopSet(), Lucene's sr/stopwords.txt as the lucene-solr tree holds
// it (the Latin words, then the same words in Cyrillic).
// Data only: no logic here; stop-words.ts resolves the names.

const words = (list: string): readonly string[] => list.split(' ')

export const GALICIAN_STOP_WORDS: readonly string[] = words(
  'a aínda alí aquel aquela aquelas aqueles aquilo aquí ao aos as así á ben cando che co coa comigo con ' +
    'connosco contigo convosco coas cos cun cuns cunha cunhas da dalgunha dalgunhas dalgún dalgúns das de ' +
    'del dela delas deles desde deste do dos dun duns dunha dunhas e el ela elas eles en era eran esa esas ' +
    'ese eses esta estar estaba está están este estes estiven estou eu é facer foi foron fun había hai iso ' +
    'isto la las lle lles lo los mais me meu meus min miña miñas moi na nas neste nin no non nos nosa ' +
    'nosas noso nosos nós nun nunha nuns nunhas o os ou ó ós para pero pode pois pola polas polo polos por ' +
    'que se senón ser seu seus sexa sido sobre súa súas tamén tan te ten teñen teño ter teu teus ti tido ' +
    'tiña tiven túa túas un unha unhas uns vos vosa vosas voso vosos vós',
)

export const SERBIAN_STOP_WORDS: readonly string[] = words(
  'i ili a ali pa biti ne jesam sam jesi si je jesmo smo jeste ste jesu su nijesam nisam nijesi nisi nije ' +
    'nijesmo nismo nijeste niste nijesu nisu budem budeš bude budemo budete budu budes bih bi bismo biste ' +
    'biše bise bio bili budimo budite bila bilo bile ću ćeš će ćemo ćete neću nećeš neće nećemo nećete cu ' +
    'ces ce cemo cete necu neces nece necemo necete mogu možeš može možemo možete mozes moze mozemo mozete ' +
    'и или а али па бити не јесам сам јеси си је јесмо смо јесте сте јесу су нијесам нисам нијеси ниси није ' +
    'нијесмо нисмо нијесте нисте нијесу нису будем будеш буде будемо будете буду будес бих би бисмо бисте ' +
    'бише бисе био били будимо будите била било биле ћу ћеш ће ћемо ћете нећу нећеш неће нећемо нећете цу ' +
    'цес це цемо цете нецу нецес неце нецемо нецете могу можеш може можемо можете мозес мозе моземо мозете',
)
