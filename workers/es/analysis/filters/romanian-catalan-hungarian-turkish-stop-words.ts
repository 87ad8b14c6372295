// The stop word sets of the romanian, catalan, hungarian and turkish analyzers, by Elasticsearch's
// `_<language>_` names, each the set its Lucene 9 analyzer loads by default, in the file's order, a repeated
// word kept once. Each list is one space-separated string.
// _romanian_: RomanianAnalyzer.getDefaultStopSet(), Lucene's ro/stopwords.txt (Jacques Savoy, BSD licence):
//   its non-comment lines, trimmed, as the file reads since apache/lucene#12172 (2023): every word with ş or
//   ţ is there with the cedilla and with the comma below (ș, ț).
// _catalan_: CatalanAnalyzer.getDefaultStopSet(), Lucene's ca/stopwords.txt (from vcl/cue.language, Apache 2
//   licence): its non-comment lines, trimmed.
// _hungarian_: HungarianAnalyzer.getDefaultStopSet(), Lucene's snowball/hungarian_stop.txt (from
//   https://snowballstem.org/algorithms/hungarian/stop.txt, BSD licence): the first word of each non-comment
//   line (ill. keeps its dot).
// _turkish_: TurkishAnalyzer.getDefaultStopSet(), Lucene's tr/stopwords.txt (LUCENE-559 merged with the list
//   of "Information Retrieval on Turkish Texts"): its non-comment lines, trimmed.
// Data only: no logic here; stop-words.ts resolves the names.

const words = (list: string): readonly string[] => list.split(' ')

export const ROMANIAN_STOP_WORDS: readonly string[] = words(
  'acea aceasta această aceea acei aceia acel acela acele acelea acest acesta aceste acestea acești ' +
    'aceşti aceștia aceştia acolo acum ai aia aibă aici al ăla ale alea ălea altceva altcineva am ar are ' +
    'aș aş așadar aşadar asemenea asta ăsta astăzi astea ăstea ăștia ăştia asupra ați aţi au avea avem ' +
    'aveți aveţi azi bine bucur bună ca că căci când care cărei căror cărui cât câte câți câţi către ' +
    'câtva ce cel ceva chiar cînd cine cineva cît cîte cîți cîţi cîtva contra cu cum cumva curând curînd ' +
    'da dă dacă dar datorită de deci deja deoarece departe deși deşi din dinaintea dintr dintre drept ' +
    'după ea ei el ele eram este ești eşti eu face fără fi fie fiecare fii fim fiți fiţi iar ieri îi îl ' +
    'îmi împotriva în înainte înaintea încât încît încotro între întrucât întrucît îți îţi la lângă le li ' +
    'lîngă lor lui mă mâine mea mei mele mereu meu mi mine mult multă mulți mulţi ne nicăieri nici nimeni ' +
    'niște nişte noastră noastre noi noștri noştri nostru nu ori oricând oricare oricât orice oricînd ' +
    'oricine oricît oricum oriunde până pe pentru peste pînă poate pot prea prima primul prin printr sa ' +
    'să săi sale sau său se și şi sînt sîntem sînteți sînteţi spre sub sunt suntem sunteți sunteţi ta tăi ' +
    'tale tău te ți ţi ție ţie tine toată toate tot toți toţi totuși totuşi tu un una unde undeva unei ' +
    'unele uneori unor vă vi voastră voastre voi voștri voştri vostru vouă vreo vreun',
)

export const CATALAN_STOP_WORDS: readonly string[] = words(
  'a abans ací ah així això al als aleshores algun alguna algunes alguns alhora allà allí allò altra ' +
    'altre altres amb ambdós ambdues apa aquell aquella aquelles aquells aquest aquesta aquestes aquests ' +
    "aquí baix cada cadascú cadascuna cadascunes cadascuns com contra d'un d'una d'unes d'uns dalt de del " +
    'dels des després dins dintre donat doncs durant e eh el els em en encara ens entre érem eren éreu es ' +
    'és esta està estàvem estaven estàveu esteu et etc ets fins fora gairebé ha han has havia he hem heu ' +
    "hi ho i igual iguals ja l'hi la les li li'n llavors m'he ma mal malgrat mateix mateixa mateixes " +
    "mateixos me mentre més meu meus meva meves molt molta moltes molts mon mons n'he n'hi ne ni no " +
    'nogensmenys només nosaltres nostra nostre nostres o oh oi on pas pel pels per però perquè poc poca ' +
    "pocs poques potser propi qual quals quan quant que què quelcom qui quin quina quines quins s'ha " +
    "s'han sa semblant semblants ses seu seus seva seves si sobre sobretot sóc solament sols son són sons " +
    "sota sou t'ha t'han t'he ta tal també tampoc tan tant tanta tantes teu teus teva teves ton tons tot " +
    'tota totes tots un una unes uns us va vaig vam van vas veu vosaltres vostra vostre vostres',
)

export const HUNGARIAN_STOP_WORDS: readonly string[] = words(
  'a ahogy ahol aki akik akkor alatt által általában amely amelyek amelyekben amelyeket amelyet ' +
    'amelynek ami amit amolyan amíg amikor át abban ahhoz annak arra arról az azok azon azt azzal azért ' +
    'aztán azután azonban bár be belül benne cikk cikkek cikkeket csak de e eddig egész egy egyes ' +
    'egyetlen egyéb egyik egyre ekkor el elég ellen elő először előtt első én éppen ebben ehhez emilyen ' +
    'ennek erre ez ezt ezek ezen ezzel ezért és fel felé hanem hiszen hogy hogyan igen így illetve ill. ' +
    'ill ilyen ilyenkor ison ismét itt jó jól jobban kell kellett keresztül keressünk ki kívül között ' +
    'közül legalább lehet lehetett legyen lenne lenni lesz lett maga magát majd már más másik meg még ' +
    'mellett mert mely melyek mi mit míg miért milyen mikor minden mindent mindenki mindig mint mintha ' +
    'mivel most nagy nagyobb nagyon ne néha nekem neki nem néhány nélkül nincs olyan ott össze ő ők őket ' +
    'pedig persze rá s saját sem semmi sok sokat sokkal számára szemben szerint szinte talán tehát teljes ' +
    'tovább továbbá több úgy ugyanis új újabb újra után utána utolsó vagy vagyis valaki valami valamint ' +
    'való vagyok van vannak volt voltam voltak voltunk vissza vele viszont volna',
)

export const TURKISH_STOP_WORDS: readonly string[] = words(
  'acaba altmış altı ama ancak arada aslında ayrıca bana bazı belki ben benden beni benim beri beş bile ' +
    'bin bir birçok biri birkaç birkez birşey birşeyi biz bize bizden bizi bizim böyle böylece bu buna ' +
    'bunda bundan bunlar bunları bunların bunu bunun burada çok çünkü da daha dahi de defa değil diğer ' +
    'diye doksan dokuz dolayı dolayısıyla dört edecek eden ederek edilecek ediliyor edilmesi ediyor eğer ' +
    'elli en etmesi etti ettiği ettiğini gibi göre halen hangi hatta hem henüz hep hepsi her herhangi ' +
    'herkesin hiç hiçbir için iki ile ilgili ise işte itibaren itibariyle kadar karşın katrilyon kendi ' +
    'kendilerine kendini kendisi kendisine kendisini kez ki kim kimden kime kimi kimse kırk milyar milyon ' +
    'mu mü mı nasıl ne neden nedenle nerde nerede nereye niye niçin o olan olarak oldu olduğu olduğunu ' +
    'olduklarını olmadı olmadığı olmak olması olmayan olmaz olsa olsun olup olur olursa oluyor on ona ' +
    'ondan onlar onlardan onları onların onu onun otuz oysa öyle pek rağmen sadece sanki sekiz seksen sen ' +
    'senden seni senin siz sizden sizi sizin şey şeyden şeyi şeyler şöyle şu şuna şunda şundan şunları ' +
    'şunu tarafından trilyon tüm üç üzere var vardı ve veya ya yani yapacak yapılan yapılması yapıyor ' +
    'yapmak yaptı yaptığı yaptığını yaptıkları yedi yerine yetmiş yine yirmi yoksa yüz zaten',
)
