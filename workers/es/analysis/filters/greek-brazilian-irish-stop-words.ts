// The stop word sets of the greek, brazilian and irish analyzers, by Elasticsearch's `_<language>_` names,
// each the set its Lucene 9 analyzer loads by default, in the file's order, a repeated word kept once.
// Each list is one space-separated string.
// _greek_: GreekAnalyzer.getDefaultStopSet(), Lucene's el/stopwords.txt ('#' comments; written with σ for
//   final ς, as GreekLowerCaseFilter leaves terms).
// _brazilian_: BrazilianAnalyzer.getDefaultStopSet(), Lucene's br/stopwords.txt (unaccented words).
// _irish_: IrishAnalyzer.getDefaultStopSet(), Lucene's snowball/irish_stop.txt (snowballstem.org's list,
//   '|' comments), elided forms such as b' among them.
// Data only: no logic here; stop-words.ts resolves the names.

const words = (list: string): readonly string[] => [...new Set(list.split(' '))]

export const GREEK_STOP_WORDS: readonly string[] = words(
  'ο η το οι τα του τησ των τον την και κι κ ειμαι εισαι ειναι ειμαστε ειστε στο στον στη στην μα αλλα ' +
    'απο για προσ με σε ωσ παρα αντι κατα μετα θα να δε δεν μη μην επι ενω εαν αν τοτε που πωσ ποιοσ ' +
    'ποια ποιο ποιοι ποιεσ ποιων ποιουσ αυτοσ αυτη αυτο αυτοι αυτων αυτουσ αυτεσ αυτα εκεινοσ εκεινη ' +
    'εκεινο εκεινοι εκεινεσ εκεινα εκεινων εκεινουσ οπωσ ομωσ ισωσ οσο οτι',
)

export const BRAZILIAN_STOP_WORDS: readonly string[] = words(
  'a ainda alem ambas ambos antes ao aonde aos apos aquele aqueles as assim com como contra contudo cuja ' +
    'cujas cujo cujos da das de dela dele deles demais depois desde desta deste dispoe dispoem diversa ' +
    'diversas diversos do dos durante e ela elas ele eles em entao entre essa essas esse esses esta estas ' +
    'este estes ha isso isto logo mais mas mediante menos mesma mesmas mesmo mesmos na no nao nas nem nesse ' +
    'neste nos o os ou outra outras outro outros pelas pelas pelo pelos perante pois por porque portanto ' +
    'proprio propios quais qual qualquer quando quanto que quem quer se seja sem sendo seu seus sob sobre ' +
    'sua suas tal tambem teu teus toda todas todo todos tua tuas tudo um uma umas uns',
)

export const IRISH_STOP_WORDS: readonly string[] = words(
  "a ach ag agus an aon ar arna as b' ba beirt bhúr caoga ceathair ceathrar chomh chtó chuig chun cois " +
    "céad cúig cúigear d' daichead dar de deich deichniúr den dhá do don dtí dá dár dó faoi faoin faoina " +
    'faoinár fara fiche gach gan go gur haon hocht i iad idir in ina ins inár is le leis lena lenár ' +
    "m' mar mo mé na nach naoi naonúr ná ní níor nó nócha ocht ochtar os roimh sa seacht seachtar " +
    'seachtó seasca seisear siad sibh sinn sna sé sí tar thar thú triúr trí trína trínár tríocha tú um ' +
    'ár é éis í ó ón óna ónár',
)
